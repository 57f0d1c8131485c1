"""Cutting an article's text into runs so that every extracted item's quote can be marked and linked.

Quotes may overlap (one sentence holds several incentives), so the text is cut at every quote boundary
and each run knows all the items that cover it. Runs are plain strings: the template escapes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # incentive | metric | policy
    item_id: int
    label: str


@dataclass(frozen=True)
class Run:
    start: int
    text: str
    spans: tuple[Span, ...]

    @property
    def anchors(self) -> list[str]:
        """Ids for the spans that begin here, so the list of items can link to their place in the text."""
        return [f"{s.kind}-{s.item_id}" for s in self.spans if s.start == self.start]


def runs(text: str, spans: list[Span]) -> list[Run]:
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    result: list[Run] = []
    for start, end in pairwise(cuts):
        covering = tuple(s for s in valid if s.start <= start and end <= s.end)
        result.append(Run(start=start, text=text[start:end], spans=covering))
    return result

"""Everything read from one article: incentives, metrics and policies, from its normalised text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extract.facts import IncentiveFact, MoneyAggregate
from app.extract.in_kind import in_kind_from_sentence
from app.extract.incentives import extract_from_sentence
from app.extract.mentions import find_mentions
from app.extract.metrics import MetricFact, metrics_from_aggregates, metrics_from_counts
from app.extract.policies import PolicyFact, find_policies
from app.extract.repeats import drop_restatements
from app.extract.segment import OPENS_TOPIC, Segment, segment
from app.extract.sentences import Sentence

CONTEXT_SENTENCES = 2


@dataclass
class Extraction:
    incentives: list[IncentiveFact] = field(default_factory=list)
    metrics: list[MetricFact] = field(default_factory=list)
    policies: list[PolicyFact] = field(default_factory=list)


HEADLINE_WITHIN = 200  # a title is looked for only at the top of the article


def _headline_end(text: str, title: str | None) -> int:
    if not title:
        return 0
    at = text.find(title, 0, HEADLINE_WITHIN + len(title))
    return at + len(title) if at >= 0 else 0


# "花都区：新引进入户的…博士研究生总额5万元": a line that opens with a place as its label starts a
# new topic, and the line before, another place's offer, names nothing of it.
_PLACE_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|市|区|县|州|旗|盟)[：:]")


def _context(segments: list[Segment], i: int) -> list[Sentence]:
    """The sentences before segment i that may name what its figures are: back to the last heading
    or question (which is kept: "第三条 安家补贴" names the figures under it), never past a place label."""
    if _PLACE_LABEL.match(segments[i].sentence.text):
        return []
    window = segments[max(0, i - CONTEXT_SENTENCES) : i]
    opened = [k for k, s in enumerate(window) if s.role in OPENS_TOPIC]
    return [s.sentence for s in (window[opened[-1] :] if opened else window)]


def _same_paragraph(text: str, sentence: Sentence, context: list[Sentence]) -> list[str]:
    """The context sentences before `sentence` that are in its paragraph (no line break between)."""
    out: list[str] = []
    after = sentence
    for s in reversed(context):
        if "\n" in text[s.end : after.start]:
            break
        out.insert(0, s.text)
        after = s
    return out


def _drop_heading_rows(incentives: list[IncentiveFact], headings: set[int]) -> list[IncentiveFact]:
    """A heading's benefit is kept only when nothing under it names the same kind of benefit: the
    rows under "第三条 安家补贴" hold the offer, and a heading row would count it twice."""
    named = {f.category for k, f in enumerate(incentives) if k not in headings}
    out: list[IncentiveFact] = []
    for k, f in enumerate(incentives):
        if k in headings:
            if f.category in named:
                continue
            named.add(f.category)
        out.append(f)
    return out


def extract(text: str, title: str | None = None) -> Extraction:
    """Facts from normalised text; `title` (when known) lets headline echoes of the body be dropped."""
    segments = segment(text)
    out = Extraction()
    aggregates: list[MoneyAggregate] = []
    headings: set[int] = set()  # indexes of the in-kind rows read from headings and table headers
    for i, seg in enumerate(segments):
        sentence = seg.sentence
        facts: list[IncentiveFact] = []
        sums: list[MoneyAggregate] = []
        mentions = find_mentions(sentence.text)
        if mentions:  # most sentences hold no sum: their context is never needed
            before = _context(segments, i)
            facts, sums = extract_from_sentence(
                sentence,
                mentions,
                "\n".join(s.text for s in before),
                list(seg.columns) if seg.columns else None,
                _same_paragraph(text, sentence, before),
            )
        out.incentives.extend(facts)
        aggregates.extend(sums)
        in_kind = in_kind_from_sentence(sentence, {f.category for f in facts}, [a.money for a in sums])
        if in_kind and seg.role in ("heading", "table_header"):
            headings.update(range(len(out.incentives), len(out.incentives) + len(in_kind)))
        out.incentives.extend(in_kind)
        out.metrics.extend(metrics_from_counts(sentence))
    out.incentives = _drop_heading_rows(out.incentives, headings)
    out.incentives = drop_restatements(out.incentives, _headline_end(text, title))
    out.metrics.extend(metrics_from_aggregates(aggregates))
    out.metrics.sort(key=lambda m: m.quote_start)
    out.policies = find_policies(text)
    return out

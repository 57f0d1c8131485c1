"""The stacked bar chart of the top places: geometry computed here, drawn by the template as SVG.

Each bar is one place's total split by category, certain parts solid and "up to" parts hatched, so the
split reads without colour; widths are percentages of the largest total shown, and SVG rectangles take
percentages directly, so the bars stretch to a phone's width without distorting the hatching. The
template also writes every segment out as text, in the same order as in the bar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.calculator.valuation import PlaceResult
from app.vocab import CATEGORIES

TOP_PLACES = 10
MIN_VISIBLE = 0.5  # percent: a small amount still shows as a sliver rather than vanishing

# Okabe-Ito and Tol colours, distinguishable with the common colour-vision deficiencies.
_PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#117733",
    "#AA4499",
    "#88CCEE",
    "#999933",
    "#555555",
)
COLOURS = {t.slug: _PALETTE[i % len(_PALETTE)] for i, t in enumerate(CATEGORIES)}


SegmentKind = Literal["certain", "ceiling"]


@dataclass(frozen=True)
class Segment:
    category: str
    kind: SegmentKind
    amount: int
    x: float  # percent of the bar's width
    width: float
    colour: str


@dataclass(frozen=True)
class StackedBar:
    result: PlaceResult
    segments: tuple[Segment, ...]


def stacked_bars(results: list[PlaceResult], top: int = TOP_PLACES) -> list[StackedBar]:
    """Bars for the first `top` ranked places, scaled against the largest total among them."""
    ranked = [r for r in results if r.rank is not None][:top]
    largest = max((r.total or 0 for r in ranked), default=0)
    bars = []
    for result in ranked:
        segments: list[Segment] = []
        x = 0.0
        for category, certain, ceiling in result.by_category():
            parts: tuple[tuple[SegmentKind, int], ...] = (("certain", certain), ("ceiling", ceiling))
            for kind, amount in parts:
                if amount <= 0:
                    continue
                width = max(MIN_VISIBLE, 100.0 * amount / largest) if largest else MIN_VISIBLE
                segments.append(
                    Segment(
                        category,
                        kind,
                        amount,
                        round(x, 2),
                        round(width, 2),
                        COLOURS.get(category, _PALETTE[-1]),
                    )
                )
                x += width
        bars.append(StackedBar(result, tuple(segments)))
    return bars

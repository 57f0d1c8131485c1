"""The comparison matrix: categories down, places across, the best offer per target level in each cell.

Each place's current offers are compared (per category, those of its newest article; see
app.query.history): an offer a newer article replaced is no longer what the place gives, and reading
every earlier one made the page grow with the number of articles ever read. "Best" is the largest
amount; an in-kind offer (no amount) counts only when a level has nothing with an amount. Incentives
that name no level are kept under "any level" so in-kind services still show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session

from app.models import Incentive, Place
from app.query.incentives import current_rows
from app.vocab import CATEGORIES, TARGET_LEVELS

MAX_COMPARED = 8
_LEVEL_ORDER = {t.slug: i for i, t in enumerate(TARGET_LEVELS)}


@dataclass(frozen=True)
class Offer:
    level: str | None  # None: the incentive names no target level
    incentive: Incentive


@dataclass(frozen=True)
class Comparison:
    places: list[Place]
    categories: list[str]
    cells: dict[tuple[str, int], list[Offer]]

    def cell(self, category: str, place: Place) -> list[Offer]:
        if place.id is None:  # not stored: no offers
            return []
        return self.cells.get((category, place.id), [])


def _better(new: Incentive, old: Incentive | None) -> bool:
    if old is None:
        return True
    return (new.amount_yuan or -1) > (old.amount_yuan or -1)


def compare(session: Session, places: list[Place]) -> Comparison:
    best: dict[tuple[str, int, str | None], Incentive] = {}
    for place in places:
        assert place.id is not None, "a stored place has an id"
        for row in current_rows(session, place.id):
            incentive = row.incentive
            levels: Sequence[str | None] = incentive.target_levels or [None]
            for level in levels:
                key = (incentive.category, place.id, level)
                if _better(incentive, best.get(key)):
                    best[key] = incentive
    cells: dict[tuple[str, int], list[Offer]] = {}
    for (category, place_id, level), incentive in best.items():
        cells.setdefault((category, place_id), []).append(Offer(level, incentive))
    for offers in cells.values():
        offers.sort(key=lambda o: _LEVEL_ORDER.get(o.level or "", len(_LEVEL_ORDER)))
    present = {category for category, _ in cells}
    categories = [t.slug for t in CATEGORIES if t.slug in present]
    return Comparison(places=places, categories=categories, cells=cells)

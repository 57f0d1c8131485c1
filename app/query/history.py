"""What is current and what is history: a place's newest article on a kind of offer speaks for that
kind now; what older articles said stays readable, dated, under history. An offer whose article is
more than five years old may have been replaced since, and every page that shows it says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlmodel import Session

from app.models import Place
from app.query.cache import cached
from app.query.incentives import IncentiveRow, current_rows, earlier_rows
from app.query.params import IncentiveFilters

OUTDATED_YEARS = 5


def outdated_limit(today: date | None = None) -> date:
    """The day OUTDATED_YEARS before today: an offer published before it is outdated. A listing asks
    once and compares each row's date."""
    today = today or date.today()
    try:
        return today.replace(year=today.year - OUTDATED_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - OUTDATED_YEARS, day=28)


def outdated(published: date | None, today: date | None = None) -> bool:
    """Published more than OUTDATED_YEARS before today (an undated offer is not called outdated:
    we do not know)."""
    return published is not None and published < outdated_limit(today)


ALSO_APPLIES_SHOWN = 12  # of each parent's current offers on a child's page; the rest are a link away
HISTORY_SHOWN = 12  # of a place's earlier offers, the newest; all of them are a link away


@dataclass(frozen=True)
class PlaceOffers:
    """A place's own offers split, per category, into the rows of its newest dated article (two
    articles of the same day both) and the earlier ones. An undated row is current only where no row
    of its category has a date, since then nothing says it was superseded.

    Only the newest HISTORY_SHOWN earlier rows are read: a city's page grew with every article about
    it (at 10,000 articles, forty earlier offers were two thirds of its page); the rest are the
    explorer's, sorted by date."""

    current: list[IncentiveRow]
    history: list[IncentiveRow]  # newest first
    history_count: int

    @property
    def count(self) -> int:
        return len(self.current) + self.history_count


def place_offers(session: Session, place: Place, history_limit: int | None = None) -> PlaceOffers:
    assert place.id is not None, "a stored place has an id"
    history, total = earlier_rows(session, place.id, HISTORY_SHOWN if history_limit is None else history_limit)
    return PlaceOffers(current_rows(session, place.id), history, total)


@dataclass(frozen=True)
class Inherited:
    """Offers of a place above this one that apply here too: a prefecture's in its counties, a
    province's everywhere in it. Only what is current there; the page says where each comes from."""

    origin: Place
    rows: tuple[IncentiveRow, ...]
    total: int
    params: IncentiveFilters  # the explorer view of all of them, largest first


def inherited_offers(session: Session, ancestors: list[Place]) -> list[Inherited]:
    """Each ancestor's current offers, read once per data version: a province's are the same on the
    page of every place in it."""
    out = []
    for origin in ancestors:
        block = cached(session, "inherited_offers", origin.id, partial(_inherited, session, origin))
        if block is not None:
            out.append(block)
    return out


def _inherited(session: Session, origin: Place) -> Inherited | None:
    assert origin.id is not None, "a stored place has an id"
    current = current_rows(session, origin.id)
    if not current:
        return None
    params = IncentiveFilters(place=origin.slug, place_only=True, sort="amount")
    return Inherited(origin, tuple(current[:ALSO_APPLIES_SHOWN]), len(current), params)

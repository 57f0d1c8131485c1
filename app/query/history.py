"""What is current and what is history: a place's newest article on a kind of offer speaks for that
kind now; what older articles said stays readable, dated, under history. An offer whose article is
more than five years old may have been replaced since, and every page that shows it says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from app.models import Place
from app.query.filters import resolve
from app.query.incentives import IncentiveRow, all_rows
from app.query.params import IncentiveFilters

OUTDATED_YEARS = 5


def outdated(published: date | None, today: date | None = None) -> bool:
    """Published more than OUTDATED_YEARS before today (an undated offer is not called outdated:
    we do not know)."""
    if published is None:
        return False
    today = today or date.today()
    try:
        limit = today.replace(year=today.year - OUTDATED_YEARS)
    except ValueError:  # 29 February
        limit = today.replace(year=today.year - OUTDATED_YEARS, day=28)
    return published < limit


def current_and_history(rows: list[IncentiveRow]) -> tuple[list[IncentiveRow], list[IncentiveRow]]:
    """Split a place's offers, order kept: per category, the rows of its newest dated article (two
    articles of the same day both) are current, the rest history. An undated row is current only
    where no row of its category has a date, since then nothing says it was superseded."""
    newest: dict[str, date] = {}
    for row in rows:
        published = row.incentive.published
        category = row.incentive.category
        if published is not None and (category not in newest or published > newest[category]):
            newest[category] = published
    current: list[IncentiveRow] = []
    history: list[IncentiveRow] = []
    for row in rows:
        latest = newest.get(row.incentive.category)
        is_current = latest is None or row.incentive.published == latest
        (current if is_current else history).append(row)
    return current, history


ALSO_APPLIES_SHOWN = 12  # of each parent's current offers on a child's page; the rest are a link away


@dataclass(frozen=True)
class Inherited:
    """Offers of a place above this one that apply here too: a prefecture's in its counties, a
    province's everywhere in it. Only what is current there; the page says where each comes from."""

    origin: Place
    rows: list[IncentiveRow]
    total: int
    params: IncentiveFilters  # the explorer view of all of them, largest first


def inherited_offers(session: Session, ancestors: list[Place]) -> list[Inherited]:
    out = []
    for origin in ancestors:
        params = IncentiveFilters(place=origin.slug, place_only=True, sort="category")
        current, _ = current_and_history(list(all_rows(session, resolve(session, params))))
        if current:
            shown = current[:ALSO_APPLIES_SHOWN]
            out.append(Inherited(origin, shown, len(current), params.model_copy(update={"sort": "amount"})))
    return out

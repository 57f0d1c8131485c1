"""The nationwide ranking for a profile from totals alone: each place's best offer per category, its
own or a parent's, and the package rule, without a Line per offer.

Why not valuation.calculate(): it builds and sorts every place's lines together with its parents'
(a province's hundreds of offers reach each of its places), which took 4.5-9 s for a nationwide
profile at 10,000 articles, while a ranking needs two numbers per place. The rules are the same
ones, restated for totals (tests/calculator/test_ranking.py checks that the two agree on every place
and rank):

- an offer counts when it matches the profile (matching.match), is not excluded (a housing
  subsidy or a purchase condition without buy_home, more years of service than committed) and has
  a value (valuation.value_offer); offers naming no level only "may apply";
- per category the picked offer counts, else the largest (total, then certain, then lowest id),
  over the place's own offers and those of the places above it;
- a package counts instead of the other categories when it is worth more than their sum;
- places with a total are ranked by certain total, then total, then slug; the others follow.

Everything that does not depend on the profile (every offer's amounts, levels and what its typed
conditions require) is read once per data version, so a profile costs one pass over plain tuples.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from app.calculator.conditions import read_conditions
from app.calculator.matching import Match, match
from app.calculator.profile import Profile
from app.calculator.stored import TERMS_COLUMNS, parsed_conditions, parsed_strings
from app.calculator.valuation import value_offer
from app.models import Incentive, Place
from app.query.cache import cached
from app.query.tree import place_tree

PACKAGE = "package"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One offer with a place, as much of it as a total needs."""

    id: int
    place_id: int
    province_code: str | None
    category: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    targets: tuple[str, ...]
    target_levels: tuple[str, ...]
    needs_purchase: bool
    service_years: int | None


@dataclass(frozen=True)
class Candidates:
    offers: tuple[Candidate, ...]
    slugs: dict[int, str]  # place id -> slug, for every place with an offer


_reading = threading.Lock()  # one read of every offer at a time, per process
_newest: dict[str, Candidates] = {}  # database URL -> the offers of the newest version read


def candidates(session: Session) -> tuple[Candidates, bool]:
    """Every offer with a place, read once per data version (2 s at 10,000 articles), and whether
    they are this version's.

    Why it may answer with an older version's: during an ingest the version moves about once a
    second, and every calculator request then started the same 2-second read, so the soak's route
    threads all queued behind reads made stale before they ended and every other page stopped
    (bench/soak.py, 5 minutes with nothing answered). One request reads; the others use the newest
    offers read so far, and say so, so that their ranking is not kept (service.ranking)."""
    database = str(session.get_bind().engine.url)
    newest = _newest.get(database)
    if newest is not None and not _reading.acquire(blocking=False):
        return newest, False
    if newest is None:
        _reading.acquire()
    try:
        current = _read(session)
        _newest[database] = current
        return current, True
    finally:
        _reading.release()


def _read(session: Session) -> Candidates:
    def compute() -> Candidates:
        rows = session.execute(
            select(  # SQLAlchemy's select: SQLModel's is typed for at most four columns
                col(Incentive.id),
                col(Incentive.place_id),
                col(Incentive.province_code),
                col(Incentive.category),
                *TERMS_COLUMNS,
            )
            .where(col(Incentive.place_id).is_not(None))
            .execution_options(yield_per=2000)  # streamed: the rows as read would double the peak
        )
        offers = []
        # Held for as long as the data version lasts, so each repeated value is one object: a new
        # string and int per row and column was half of the 79 MB these took at 10,000 articles.
        shared: dict[object, object] = {}

        def one(value: object) -> Any:
            return shared.setdefault(value, value)

        for (ident, place_id, province, category, amount, amount_min, kind, period, months, targets, levels,
             items, line) in rows:  # fmt: skip
            terms = read_conditions(parsed_conditions(items, line), "")  # the quote adds only checks
            offer = Candidate(
                ident, one(place_id), one(province), one(category), one(amount), one(amount_min), one(kind),
                one(period), one(months), parsed_strings(targets), parsed_strings(levels), terms.needs_purchase,
                one(terms.service_years),
            )  # fmt: skip
            offers.append(offer)
        ids = sorted({o.place_id for o in offers})
        slugs: dict[int, str] = (
            dict(session.execute(select(col(Place.id), col(Place.slug)).where(col(Place.id).in_(ids))).all())
            if ids
            else {}
        )
        return Candidates(tuple(offers), slugs)

    return cached(session, "calculator_candidates", (), compute)


# (not picked, -total, -certain, id): the smallest is the offer that counts in its category
Best = tuple[tuple[bool, int, int, int], int, int]


def _counted(offer: Candidate, matched: Match, profile: Profile) -> tuple[int, int] | None:
    """(certain, ceiling above it) of an offer that counts for the profile, else None."""
    if matched.kind != "match":
        return None
    if not profile.buys_home and (offer.category == "housing_subsidy" or offer.needs_purchase):
        return None
    if offer.service_years is not None and offer.service_years > profile.years:
        return None
    value = value_offer(offer, profile.years)
    return None if value is None else (value.exact, value.up_to)


def rank_places(
    session: Session, profile: Profile, province_code: str | None
) -> tuple[tuple[tuple[str, int | None], ...], bool]:
    """Every place with an offer for the profile, as (slug, rank): ranked places first, then those
    without a total (rank None); and whether it is the current data version's (see candidates)."""
    data, current = candidates(session)
    picks = frozenset(profile.pick)
    matches: dict[tuple[tuple[str, ...], tuple[str, ...]], Match] = {}
    listed: set[int] = set()
    best: dict[int, dict[str, Best]] = {}
    for offer in data.offers:
        if province_code is not None and offer.province_code != province_code:
            continue
        key = (offer.targets, offer.target_levels)
        matched = matches.get(key)
        if matched is None:
            matched = matches[key] = match(offer.targets, offer.target_levels, profile)
        if matched.kind == "other":
            continue
        listed.add(offer.place_id)
        value = _counted(offer, matched, profile)
        if value is None:
            continue
        exact, up_to = value
        candidate: Best = ((offer.id not in picks, -(exact + up_to), -exact, offer.id), exact, up_to)
        per_category = best.setdefault(offer.place_id, {})
        if offer.category not in per_category or candidate < per_category[offer.category]:
            per_category[offer.category] = candidate
    tree = place_tree(session)
    ranked: list[tuple[int, int, str]] = []
    unranked: list[str] = []
    for place_id in listed:
        chosen: dict[str, Best] = {}
        for source in (place_id, *tree.ancestors(place_id)):
            for category, candidate in best.get(source, {}).items():  # only listed places have any
                if category not in chosen or candidate < chosen[category]:
                    chosen[category] = candidate
        totals = _total(chosen)
        slug = data.slugs[place_id]
        if totals is None:
            unranked.append(slug)
        else:
            ranked.append((-totals[0], -(totals[0] + totals[1]), slug))
    ranked.sort()
    order = tuple((slug, i) for i, (_, _, slug) in enumerate(ranked, 1)) + tuple(
        (slug, None) for slug in sorted(unranked)
    )
    return order, current


def _total(chosen: dict[str, Best]) -> tuple[int, int] | None:
    """The place's (certain, ceiling) from the offer counted in each category; None when none counts."""
    package = chosen.get(PACKAGE)
    parts = [c for category, c in chosen.items() if category != PACKAGE]
    parts_total = sum(exact + up_to for _, exact, up_to in parts)
    if package is not None and package[1] + package[2] > parts_total:
        return package[1], package[2]
    if not parts:
        return None
    return sum(exact for _, exact, _ in parts), sum(up_to for _, _, up_to in parts)

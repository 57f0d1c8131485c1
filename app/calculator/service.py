"""Loading the offers a profile could match, in one query, and handing them to the valuation.

The SQL only narrows: rows with one of the profile's candidate levels (through the indexed
incentive_target_level table) or with no level at all (generic offers), attributed to a place, optionally
in one province. Everything subtle (ranks, "以上", conditions) is decided in Python by matching.py, where it
can be read and tested. Portable SQL only: the same query runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from functools import lru_cache

from sqlalchemy import Row, exists, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.calculator.profile import Profile
from app.calculator.ranking import rank_places
from app.calculator.stored import TERMS_COLUMNS, parsed_conditions, parsed_strings
from app.calculator.valuation import Offer, PlaceRef, PlaceResult, calculate
from app.models import Incentive, IncentiveTargetLevel, Place
from app.query.cache import cached
from app.query.conditions import place_by_slug
from app.query.tree import place_tree


def offer_from_row(row: Row) -> Offer:
    """One row of OFFER_COLUMNS as the valuation's plain Offer."""
    (ident, category, amount, amount_min, kind, period, months, targets, levels, items, line, quote,
     published, slug, name, level, province) = row  # fmt: skip
    return Offer(
        id=ident,
        category=category,
        place=_place_ref(slug, name, level, province),
        amount_yuan=amount,
        amount_min=amount_min,
        amount_kind=kind,
        period=period,
        duration_months=months,
        targets=parsed_strings(targets),
        target_levels=parsed_strings(levels),
        conditions=parsed_conditions(items, line),
        quote=quote,
        published=published,
    )


@lru_cache(maxsize=8192)
def _place_ref(slug: str, name: str, level: str, province: str) -> PlaceRef:
    return PlaceRef(slug, name, level, province)


# Core columns rather than ORM objects: building 100,000 validated model instances (and decoding
# five JSON columns for each) was most of a nationwide calculation's load. JSON columns come as
# their text, which parsed_strings and parsed_conditions parse once per distinct value.
OFFER_COLUMNS = (
    col(Incentive.id),
    col(Incentive.category),
    *TERMS_COLUMNS,
    col(Incentive.quote),
    col(Incentive.published),
    col(Place.slug),
    col(Place.name),
    col(Place.level),
    col(Place.province_name),
)


def load_offers(
    session: Session, profile: Profile, province: Place | None, place_ids: list[int] | None = None
) -> list[Offer]:
    """The candidate offers for a profile, in one query; an empty profile gets only generic offers.
    `place_ids` narrows them to those places (one place's full view)."""
    qualifying = select(col(IncentiveTargetLevel.incentive_id)).where(
        col(IncentiveTargetLevel.level).in_(sorted(profile.candidate_levels()))
    )
    has_no_level = ~exists().where(col(IncentiveTargetLevel.incentive_id) == col(Incentive.id))
    query = (
        sa_select(*OFFER_COLUMNS)  # SQLAlchemy's select: SQLModel's is typed for at most four columns
        .join(Place, col(Place.id) == col(Incentive.place_id))
        .where(or_(col(Incentive.id).in_(qualifying), has_no_level))
        .order_by(col(Place.slug), col(Incentive.id))
    )
    if province is not None:
        query = query.where(col(Incentive.province_code) == province.province_code)
    if place_ids is not None:
        query = query.where(col(Incentive.place_id).in_(place_ids))
    return [offer_from_row(row) for row in session.execute(query).all()]


# Results are ranked places first, so the first MAX_PLACES are the ones a reader weighs; the rest are a
# province away. Why a bound at all: on the 10,000-article database "every place" was a 77 MB page (63 MB
# of JSON) that pinned the worker for 17-21 s per GET, which anyone could request again and again.
MAX_PLACES = 50

# Calculations running at once in one process; the others wait their turn. Why: a nationwide calculation
# on the 10,000-article database once loaded ~112,000 offers and held ~450 MB, and 16 at once took the
# server past 3.5 GB (bench/soak.py). The ranking now reads only the offers of the target lists a profile
# matches, as ids (app.calculator.ranking), and a page values its few places only, but a burst of new
# profiles still should not take every thread.
MAX_CONCURRENT = 2
_running = threading.BoundedSemaphore(MAX_CONCURRENT)


def calculate_places(session: Session, profile: Profile, places: list[Place]) -> dict[str, PlaceResult]:
    """These places' whole calculations by slug, from their own and their parents' offers read in
    one query and valued in one pass: a page of the ranking or a place's full view costs a few
    hundred rows rather than the nationwide calculation."""
    tree = place_tree(session)
    ids = sorted(
        {i for place in places if place.id is not None for i in (place.id, *tree.ancestors(place.id))}
    )
    with _running:
        offers = load_offers(session, profile, None, place_ids=ids)
        results = calculate(offers, profile, ancestor_slugs(session, {o.place.slug for o in offers}))
    wanted = {place.slug for place in places}
    return {r.place.slug: r for r in results if r.place.slug in wanted}


def ancestor_slugs(session: Session, slugs: set[str]) -> dict[str, tuple[str, ...]]:
    """For each place, the slugs of the places above it (parent first), so that a county's result
    includes its prefecture's and province's offers."""
    if not slugs:
        return {}
    tree = place_tree(session)
    ids = session.exec(select(col(Place.slug), col(Place.id)).where(col(Place.slug).in_(sorted(slugs)))).all()
    above = {slug: tree.ancestors(place_id) for slug, place_id in ids if place_id is not None}
    wanted = {a for chain in above.values() for a in chain}
    slug_of = (
        dict(session.exec(select(col(Place.id), col(Place.slug)).where(col(Place.id).in_(sorted(wanted)))).all())
        if wanted
        else {}
    )
    return {slug: tuple(slug_of[a] for a in chain if a in slug_of) for slug, chain in above.items()}


def ranking(session: Session, profile: Profile) -> tuple[str | None, tuple[tuple[str, int | None], ...]]:
    """The province's slug (an unknown one is a 422 via UnknownFilterValue) and every place's (slug,
    rank) for a profile, once per data version: each page of the ranking and each place's view then
    needs only its few places' own calculations (calculate_places)."""
    province = place_by_slug(session, profile.province, "province", province=True) if profile.province else None

    def compute() -> tuple[str | None, tuple[tuple[str, int | None], ...]]:
        with _running:
            order = rank_places(session, profile, province.province_code if province else None)
        return (province.slug if province else None), order

    return cached(session, "calculator_ranking", tuple(profile.query_pairs()), compute)


def results_for(session: Session, profile: Profile, slugs: list[str], ranks: dict[str, int | None]) -> list[PlaceResult]:
    """The full results of these places, in this order, with the ranks the ranking gave them."""
    places = list(session.exec(select(Place).where(col(Place.slug).in_(slugs))).all())
    found = calculate_places(session, profile, places)
    return [replace(found[slug], rank=ranks.get(slug)) for slug in slugs if slug in found]

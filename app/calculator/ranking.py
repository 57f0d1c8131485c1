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

What does not depend on the profile is kept by the database (migration 0011): each offer as
(incentive, place, target list, terms), the distinct target lists (64 at 10,000 articles) and the
distinct terms (25,600 for 163,000 offers), with the typed conditions already read. A profile decides
which target lists it matches (a few dozen calls of matching.match), reads only those lists' offers as
(place, terms) pairs from one covering index, with the places of the lists that only list a place, in
one statement, and values each distinct terms once. Why not every offer in memory once per data
version, as before: decoding them took 0.75 s at 3,000 articles and 2.2 s at 10,000 (37 MB) for the
first profile after every ingest, and a nationwide profile reads a tenth to two fifths of them.

Per data version only the target lists and the places' slugs are read (a few milliseconds), and the
terms as profiles need them. Those may be older than the offers a ranking reads, since an ingest
commits articles between version changes: lists and terms are only ever added, so a ranking that
finds as many lists as it knows after reading its offers has seen every list they name, and terms it
does not know yet it reads by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Executable,
    Integer,
    false,
    func,
    literal,
    literal_column,
    select,
    true,
    union_all,
)
from sqlmodel import Session, col

from app.calculator.conditions import read_conditions
from app.calculator.matching import match
from app.calculator.profile import Profile
from app.calculator.stored import parsed_conditions, parsed_strings
from app.calculator.valuation import value_offer
from app.models import CalculatorOffer, CalculatorTargetList, CalculatorTerms, Place
from app.query.cache import cached
from app.query.tree import place_tree

PACKAGE = "package"

TargetList = tuple[tuple[str, ...], tuple[str, ...]]  # (targets as written, normalised levels)


class OfferTerms(NamedTuple):
    """What an offer is worth and on what terms; every offer with the same shares one (calculator_terms)."""

    category: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    needs_purchase: bool
    service_years: int | None


@dataclass(frozen=True)
class Lookups:
    """What every ranking of a data version shares. `terms` fills as profiles need them: a memo of
    rows that never change (a doctorate's ranking needs 9,100 of the 25,600 at 10,000 articles)."""

    lists: dict[int, TargetList]
    slugs: dict[int, str]  # every place's
    terms: dict[int, OfferTerms] = field(default_factory=dict)


def _rows(session: Session, statement: Executable) -> Sequence[Any]:
    """The statement's rows as the driver's own tuples. Why: SQLAlchemy's Row objects tripled the cost
    of reading a nationwide profile's 47,000 offers (125-165 ms against 40-50); every column read
    this way is an integer, a string or a boolean (0 or 1 on SQLite: _read_terms makes it one), which
    need no conversion."""
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _read_lists(session: Session) -> dict[int, TargetList]:
    query = select(
        col(CalculatorTargetList.id), col(CalculatorTargetList.targets), col(CalculatorTargetList.target_levels)
    )
    return {ident: (parsed_strings(targets), parsed_strings(levels)) for ident, targets, levels in _rows(session, query)}


def lookups(session: Session) -> Lookups:
    """The target lists and the places' slugs, read once per data version."""

    def compute() -> Lookups:
        slugs = {ident: slug for ident, slug in _rows(session, select(col(Place.id), col(Place.slug)))}
        return Lookups(_read_lists(session), slugs)

    return cached(session, "calculator_lookups", (), compute)


def _in(column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    """`column IN (ids)` with the ids written into the statement: any number of them (SQLite takes at
    most 32,766 parameters), at the cost of joining them (SQLAlchemy's literal_execute rendered the
    9,100 terms of a nationwide profile in 15 ms, as much as reading them)."""
    listed = ",".join(str(int(i)) for i in sorted(ids))
    return column.op("IN")(literal_column(f"({listed})")) if listed else false()


def _read_terms(session: Session, ids: set[int]) -> dict[int, OfferTerms]:
    """These terms, typed; a row stored before the terms were typed (0004) is read from its line, as
    the full calculation reads it (stored.parsed_conditions)."""
    query = select(
        col(CalculatorTerms.id), col(CalculatorTerms.category), col(CalculatorTerms.amount_yuan),
        col(CalculatorTerms.amount_min), col(CalculatorTerms.amount_kind), col(CalculatorTerms.period),
        col(CalculatorTerms.duration_months), col(CalculatorTerms.needs_purchase),
        col(CalculatorTerms.service_years), col(CalculatorTerms.conditions_text),
    ).where(_in(col(CalculatorTerms.id), ids))  # fmt: skip
    out = {}
    for ident, category, amount, amount_min, kind, period, months, purchase, years, line in _rows(session, query):
        if line is not None:
            conditions = read_conditions(parsed_conditions(None, line), "")
            purchase, years = conditions.needs_purchase, conditions.service_years
        out[ident] = OfferTerms(category, amount, amount_min, kind, period, months, bool(purchase), years)
    return out


def _offers(
    session: Session, matched: list[int], listing: list[int], picks: frozenset[int], province_code: str | None
) -> Sequence[Any]:
    """One statement, so one snapshot: (place, terms, 0) of every offer of the matched lists, (place,
    terms, 1) again for a picked one, and (place, None, None) once per place of the lists that only
    list it. Which offer of equal terms at one place counts changes no total, so ids are not read."""
    where = _in(col(CalculatorOffer.target_list_id), matched)
    province = (col(CalculatorOffer.province_code) == province_code) if province_code is not None else true()
    place, terms = col(CalculatorOffer.place_id), col(CalculatorOffer.terms_id)
    parts = [select(place, terms, literal(0)).where(where, province)]
    if picks:
        picked = _in(col(CalculatorOffer.incentive_id), picks)
        parts.append(select(place, terms, literal(1)).where(where, picked, province))
    nothing = literal(None, Integer)
    lists = _in(col(CalculatorOffer.target_list_id), listing)
    parts.append(select(place, nothing, nothing).where(lists, province).distinct())
    return _rows(session, union_all(*parts))


# (not picked, -total, -certain), certain, ceiling: the smallest is the offer that counts in its category
Best = tuple[tuple[bool, int, int], int, int]


def _counted(terms: OfferTerms, profile: Profile) -> tuple[str, Best] | None:
    """The category and worth of a matching offer on these terms that counts, else None."""
    if not profile.buys_home and (terms.category == "housing_subsidy" or terms.needs_purchase):
        return None
    if terms.service_years is not None and terms.service_years > profile.years:
        return None
    value = value_offer(terms, profile.years)
    if value is None:
        return None
    return terms.category, ((True, -value.total, -value.exact), value.exact, value.up_to)


def rank_places(session: Session, profile: Profile, province_code: str | None) -> tuple[tuple[str, int | None], ...]:
    """Every place with an offer for the profile, as (slug, rank): ranked places first, then those
    without a total (rank None)."""
    shared = lookups(session)
    lists, picks = shared.lists, frozenset(profile.pick)
    while True:
        kinds = {ident: match(targets, levels, profile).kind for ident, (targets, levels) in lists.items()}
        matched = [ident for ident, kind in kinds.items() if kind == "match"]
        listing = [ident for ident, kind in kinds.items() if kind in ("generic", "too_low")]
        rows = _offers(session, matched, listing, picks, province_code)
        # Lists are only ever added: as many now as known means the offers read name none unknown.
        if session.connection().execute(select(func.count()).select_from(CalculatorTargetList)).scalar() == len(lists):
            break
        lists = _read_lists(session)  # an ingest added some since this version's lookups were read
    terms = shared.terms
    if missing := {t for _, t, _ in rows if t is not None and t not in terms}:
        terms.update(_read_terms(session, missing))
    counted: dict[int, tuple[str, Best] | None] = {}  # by terms id: each valued once
    listed: set[int] = set()
    best: dict[int, dict[str, Best]] = {}
    for place_id, terms_id, picked in rows:
        listed.add(place_id)
        if terms_id is None:  # a place the profile may find an offer in, or falls short of one
            continue
        if terms_id in counted:
            found = counted[terms_id]
        else:
            found = counted[terms_id] = _counted(terms[terms_id], profile)
        if found is None:
            continue
        category, candidate = found
        if picked:
            (_, minus_total, minus_exact), exact, up_to = candidate
            candidate = ((False, minus_total, minus_exact), exact, up_to)
        per_category = best.get(place_id)
        if per_category is None:
            best[place_id] = {category: candidate}
        elif category not in per_category or candidate < per_category[category]:
            per_category[category] = candidate
    slugs = shared.slugs
    if missing_places := listed - slugs.keys():  # a zone an ingest added since the lookups were read
        query = select(col(Place.id), col(Place.slug)).where(_in(col(Place.id), missing_places))
        slugs = {**slugs, **dict(_rows(session, query))}
    tree = place_tree(session)
    ranked: list[tuple[int, int, str]] = []
    unranked: list[str] = []
    inherited: dict[int | None, dict[str, Best]] = {None: {}}
    for place_id in listed:
        totals = _total(_chosen(place_id, best, tree.parent, inherited))
        slug = slugs[place_id]
        if totals is None:
            unranked.append(slug)
        else:
            ranked.append((-totals[0], -(totals[0] + totals[1]), slug))
    ranked.sort()
    return tuple((slug, i) for i, (_, _, slug) in enumerate(ranked, 1)) + tuple(
        (slug, None) for slug in sorted(unranked)
    )


def _chosen(
    place_id: int, best: dict[int, dict[str, Best]], parent: dict[int, int | None], memo: dict[int | None, dict[str, Best]]
) -> dict[str, Best]:
    """The offer that counts per category at this place, from its own and those of the places above
    it; each place's once per ranking (a province's is shared by its hundreds of places)."""
    found = memo.get(place_id)
    if found is None:
        chain = []  # this place and those above it not seen yet, nearest first
        current: int | None = place_id
        while current not in memo and current not in chain:  # `not in chain`: a cycle ends the walk
            chain.append(current)
            current = parent.get(current)  # type: ignore[arg-type]  # None is in memo
        found = memo.get(current, {})
        for source in reversed(chain):
            own = best.get(source)  # type: ignore[arg-type]  # the chain holds place ids
            if own:
                found = dict(found)
                for category, candidate in own.items():
                    if category not in found or candidate < found[category]:
                        found[category] = candidate
            memo[source] = found
    return found


def _total(chosen: dict[str, Best]) -> tuple[int, int] | None:
    """The place's (certain, ceiling) from the offer counted in each category; None when none counts."""
    exact = up_to = 0
    package: tuple[int, int] | None = None
    parts = False
    for category, (_, certain, ceiling) in chosen.items():
        if category == PACKAGE:
            package = certain, ceiling
        else:
            exact, up_to, parts = exact + certain, up_to + ceiling, True
    if package is not None and package[0] + package[1] > exact + up_to:
        return package
    return (exact, up_to) if parts else None

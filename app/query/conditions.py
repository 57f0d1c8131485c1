"""What each explorer filter selects: its SQL condition, its tally condition, its per-row form and the
labels of its values, one builder per filter (the filters' table itself is app.query.params).

A builder gets the session, the filter's value and the whole parameters (the place filter reads its
"this place only" modifier there) and returns a Clause. Place slugs are looked up here, so an unknown
slug is a clear 422 rather than a silently empty page. Facets (category, target level) also say how
to count their values, exactly or from incentive_tally.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from app.formatting import format_yuan
from app.models import Incentive, IncentiveTally, IncentiveTargetLevel, Place
from app.query.places import place_with_slug
from app.query.text_match import text_conditions
from app.query.tree import place_tree
from app.vocab import CATEGORIES, PERIODS, TARGET_LEVELS, Term, label

if TYPE_CHECKING:
    from app.query.params import IncentiveFilters

EVERY_LEVEL = "*"  # the tally's rows that count each incentive once, whatever its levels


class UnknownFilterValue(ValueError):
    """A well-formed value that names nothing in the database (a place slug no place has)."""

    def __init__(self, param: str, value: str) -> None:
        super().__init__(f"unknown {param}: {value}")
        self.param = param
        self.value = value


@dataclass(frozen=True)
class FilterValue:
    """One value of one parameter as a reader sees it: a removable chip in the page, a word in its title."""

    param: str
    value: str
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class Clause:
    """What one filter adds to a view."""

    where: ColumnElement[bool]
    # the same selection over incentive_tally; None where the tally has no column for it (an amount
    # range, a text query, a place below a province, several levels at once, a year)
    tally: ColumnElement[bool] | None
    values: tuple[FilterValue, ...]
    # the condition asked per candidate row, where that differs (see ResolvedFilters.conditions_probing)
    per_row: ColumnElement[bool] | None = None
    place: Place | None = None  # the place the filter names, for the page to show


ClauseBuilder = Callable[[Session, Any, "IncentiveFilters"], Clause]


@dataclass(frozen=True)
class FacetCounts:
    """How to count a facet's values: exactly over incentive (the other filters' WHERE applies), or
    by summing incentive_tally (its tally conditions apply). Each select yields (value, count)."""

    exact: Callable[[], Select[str, int]]
    tally: Callable[[], Select[str, int]]


def place_by_slug(session: Session, slug: str, param: str, *, province: bool = False) -> Place:
    place = place_with_slug(session, slug, province=province)
    if place is None:
        raise UnknownFilterValue(param, slug)
    return place


def place_condition(session: Session, place: Place, *, only: bool = False) -> ColumnElement[bool]:
    """The place's own offers, or (the default) its own and those of every place under it: a
    prefecture's explorer view includes its counties. A province is matched by its code, which
    every row carries and an index answers."""
    if only:
        return col(Incentive.place_id) == place.id
    if place.level == "province":
        return col(Incentive.province_code) == place.province_code
    assert place.id is not None, "a stored place has an id"
    return col(Incentive.place_id).in_([place.id, *place_tree(session).descendants(place.id)])


def target_level_condition(levels: list[str], *, per_row: bool = False) -> ColumnElement[bool]:
    """Offers for any of `levels`: as an IN over the qualifying ids (what counts and facets want), or
    as a correlated EXISTS (what a sorted page of a common level wants; see conditions_probing)."""
    if per_row:
        return exists().where(
            col(IncentiveTargetLevel.incentive_id) == col(Incentive.id),
            col(IncentiveTargetLevel.level).in_(levels),
        )
    qualifying = select(IncentiveTargetLevel.incentive_id).where(col(IncentiveTargetLevel.level).in_(levels))
    return col(Incentive.id).in_(qualifying)


def _terms(param: str, terms: tuple[Term, ...], slugs: list[str]) -> tuple[FilterValue, ...]:
    return tuple(FilterValue(param, s, label(terms, s, "zh"), label(terms, s, "en")) for s in slugs)


# Several values of one parameter mean "any of them".
def category(session: Session, slugs: list[str], params: IncentiveFilters) -> Clause:
    return Clause(
        where=col(Incentive.category).in_(slugs),
        tally=col(IncentiveTally.category).in_(slugs),
        values=_terms("category", CATEGORIES, slugs),
    )


def target_level(session: Session, slugs: list[str], params: IncentiveFilters) -> Clause:
    one_level = len(slugs) == 1  # an offer for two chosen levels is counted under both in the tally
    return Clause(
        where=target_level_condition(slugs),
        per_row=target_level_condition(slugs, per_row=True),
        tally=col(IncentiveTally.level) == slugs[0] if one_level else None,
        values=_terms("target_level", TARGET_LEVELS, slugs),
    )


def province(session: Session, slug: str, params: IncentiveFilters) -> Clause:
    found = place_by_slug(session, slug, "province", province=True)
    return Clause(
        where=col(Incentive.province_code) == found.province_code,
        tally=col(IncentiveTally.province_code) == found.province_code,
        values=(FilterValue("province", found.slug, found.name, found.name),),
        place=found,
    )


def place(session: Session, slug: str, params: IncentiveFilters) -> Clause:
    found = place_by_slug(session, slug, "place")
    only = bool(params.place_only)
    whole_province = found.level == "province" and not only
    if only:
        shown = FilterValue("place", found.slug, f"{found.name}(仅本级)", f"{found.name} (this place only)")
    else:
        shown = FilterValue("place", found.slug, found.name, found.name)
    return Clause(
        where=place_condition(session, found, only=only),
        tally=col(IncentiveTally.province_code) == found.province_code if whole_province else None,
        values=(shown,),
        place=found,
    )


def _amount_bound(param: str, amount: int, sign: str, where: ColumnElement[bool]) -> Clause:
    zh, en = format_yuan(amount, "zh"), format_yuan(amount, "en")
    return Clause(where=where, tally=None, values=(FilterValue(param, str(amount), f"{sign} {zh}", f"{sign} {en}"),))


def amount_min(session: Session, amount: int, params: IncentiveFilters) -> Clause:
    return _amount_bound("amount_min", amount, "≥", col(Incentive.amount_yuan) >= amount)


def amount_max(session: Session, amount: int, params: IncentiveFilters) -> Clause:
    return _amount_bound("amount_max", amount, "≤", col(Incentive.amount_yuan) <= amount)


def period(session: Session, slug: str, params: IncentiveFilters) -> Clause:
    return Clause(
        where=col(Incentive.period) == slug,
        tally=col(IncentiveTally.period) == slug,
        values=_terms("period", PERIODS, [slug]),
    )


def has_amount(session: Session, wanted: bool, params: IncentiveFilters) -> Clause:
    if wanted:
        return Clause(
            where=col(Incentive.amount_yuan).is_not(None),
            tally=col(IncentiveTally.has_amount).is_(True),
            values=(FilterValue("has_amount", "true", "有金额", "With an amount"),),
        )
    return Clause(
        where=col(Incentive.amount_yuan).is_(None),
        tally=col(IncentiveTally.has_amount).is_(False),
        values=(FilterValue("has_amount", "false", "无金额(实物)", "In kind (no amount)"),),
    )


def year(session: Session, value: int, params: IncentiveFilters) -> Clause:
    """Offers of articles published that year; a range, so the index on published answers it."""
    published = col(Incentive.published)
    return Clause(
        where=(published >= date(value, 1, 1)) & (published < date(value + 1, 1, 1)),
        tally=None,
        values=(FilterValue("year", str(value), f"{value}年", str(value)),),
    )


def text(session: Session, query: str, params: IncentiveFilters) -> Clause:
    listed, per_row = text_conditions(session, query)
    return Clause(
        where=listed,
        per_row=per_row,
        tally=None,
        values=(FilterValue("q", query, f"“{query}”", f"“{query}”"),),
    )


CATEGORY_FACET = FacetCounts(
    exact=lambda: select(Incentive.category, func.count(col(Incentive.id))).group_by(col(Incentive.category)),
    tally=lambda: select(IncentiveTally.category, func.sum(IncentiveTally.n)).group_by(
        col(IncentiveTally.category)
    ),
)
TARGET_LEVEL_FACET = FacetCounts(
    exact=lambda: (
        select(IncentiveTargetLevel.level, func.count(col(Incentive.id)))
        .join(Incentive, col(Incentive.id) == col(IncentiveTargetLevel.incentive_id))
        .group_by(col(IncentiveTargetLevel.level))
    ),
    tally=lambda: (
        select(IncentiveTally.level, func.sum(IncentiveTally.n))
        .where(col(IncentiveTally.level) != EVERY_LEVEL)
        .group_by(col(IncentiveTally.level))
    ),
)

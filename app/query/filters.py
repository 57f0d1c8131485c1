"""Filters as data: for each query parameter, its SQL condition and the human label of each value.

One resolved object drives everything a filtered view needs: the WHERE clause, the page title and Open
Graph description ("购房补贴 · 博士 · 新疆维吾尔自治区"), the "remove this filter" links, and facet
counts (which need the WHERE clause without one parameter). Place slugs are looked up here, so an
unknown slug is a clear 422 rather than a silently empty page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from app.formatting import format_yuan
from app.models import Incentive, IncentiveTally, IncentiveTargetLevel, Place
from app.query.params import IncentiveFilters
from app.query.places import place_with_slug
from app.query.text_match import text_conditions
from app.query.tree import place_tree
from app.vocab import CATEGORIES, PERIODS, TARGET_LEVELS, label


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
class ResolvedFilters:
    """Validated parameters plus the places they name, their labels and one condition per parameter."""

    params: IncentiveFilters
    place: Place | None
    province: Place | None
    values: tuple[FilterValue, ...]
    where: dict[str, ColumnElement[bool]]
    # the same selection over incentive_tally, per parameter; None where the tally has no column
    # for it (an amount range, a text query, a place below a province, several levels at once)
    tally: dict[str, ColumnElement[bool] | None]
    # the conditions that have a per-row form (see conditions_probing)
    per_row: dict[str, ColumnElement[bool]]

    @property
    def conditions(self) -> list[ColumnElement[bool]]:
        return list(self.where.values())

    def conditions_probing(self, *params: str) -> list[ColumnElement[bool]]:
        """The WHERE clause with these parameters asked per candidate row (a primary-key probe of
        incentive_target_level, a rowid lookup in the full-text index) instead of as the list of
        every qualifying id, which costs as much as the level or the word has rows however few a
        page needs: what a page read by walking an index in its own order wants."""
        return [self.per_row.get(p, c) if p in params else c for p, c in self.where.items()]

    def tally_conditions(self, without: str | None = None) -> list[ColumnElement[bool]] | None:
        """The WHERE clause over incentive_tally (optionally without one parameter), or None when a
        filter cannot be counted there. With no level filter the rows of every level ("*") are the
        ones to add up; without="target_level" leaves the choice of levels to the caller."""
        conditions = []
        for param, condition in self.tally.items():
            if param == without:
                continue
            if condition is None:
                return None
            conditions.append(condition)
        if "target_level" not in self.tally and without != "target_level":
            conditions.append(IncentiveTally.level == EVERY_LEVEL)
        return conditions

    def conditions_except(self, param: str) -> list[ColumnElement[bool]]:
        """The WHERE clause without one parameter: what that parameter's facet counts need."""
        return [c for p, c in self.where.items() if p != param]

    def title(self, lang: str) -> str:
        return " · ".join(v.label(lang) for v in self.values)


EVERY_LEVEL = "*"  # the tally's rows that count each incentive once, whatever its levels


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
        return Incentive.place_id == place.id
    if place.level == "province":
        return Incentive.province_code == place.province_code
    return Incentive.place_id.in_([place.id, *place_tree(session).descendants(place.id)])


def target_level_condition(levels: list[str], *, per_row: bool = False) -> ColumnElement[bool]:
    """Offers for any of `levels`: as an IN over the qualifying ids (what counts and facets want), or
    as a correlated EXISTS (what a sorted page of a common level wants; see conditions_probing)."""
    if per_row:
        return exists().where(
            IncentiveTargetLevel.incentive_id == Incentive.id, IncentiveTargetLevel.level.in_(levels)
        )
    qualifying = select(IncentiveTargetLevel.incentive_id).where(IncentiveTargetLevel.level.in_(levels))
    return Incentive.id.in_(qualifying)


def _vocab_value(param: str, terms, slug: str) -> FilterValue:
    return FilterValue(param, slug, label(terms, slug, "zh"), label(terms, slug, "en"))


def resolve(session: Session, params: IncentiveFilters) -> ResolvedFilters:
    """Turn validated parameters into SQL conditions and labels, looking up the places they name.

    Labels come in reading order: what, for whom, where, how much ("购房补贴 · 博士 · 新疆").
    """
    values: list[FilterValue] = []
    where: dict[str, ColumnElement[bool]] = {}
    tally: dict[str, ColumnElement[bool] | None] = {}
    per_row: dict[str, ColumnElement[bool]] = {}

    if params.category:  # several values of one parameter mean "any of them"
        values += [_vocab_value("category", CATEGORIES, c) for c in params.category]
        where["category"] = Incentive.category.in_(params.category)
        tally["category"] = IncentiveTally.category.in_(params.category)
    if params.target_level:
        values += [_vocab_value("target_level", TARGET_LEVELS, t) for t in params.target_level]
        where["target_level"] = target_level_condition(params.target_level)
        per_row["target_level"] = target_level_condition(params.target_level, per_row=True)
        one_level = len(params.target_level) == 1  # an offer for two chosen levels is counted under both
        tally["target_level"] = IncentiveTally.level == params.target_level[0] if one_level else None
    province = None
    if params.province:
        province = place_by_slug(session, params.province, "province", province=True)
        values.append(FilterValue("province", province.slug, province.name, province.name))
        where["province"] = Incentive.province_code == province.province_code
        tally["province"] = IncentiveTally.province_code == province.province_code
    place = None
    if params.place:
        place = place_by_slug(session, params.place, "place")
        where["place"] = place_condition(session, place, only=bool(params.place_only))
        whole_province = place.level == "province" and not params.place_only
        tally["place"] = IncentiveTally.province_code == place.province_code if whole_province else None
        if params.place_only:
            values.append(
                FilterValue("place", place.slug, f"{place.name}(仅本级)", f"{place.name} (this place only)")
            )
        else:
            values.append(FilterValue("place", place.slug, place.name, place.name))
    if params.amount_min is not None:
        amount = params.amount_min
        values.append(
            FilterValue(
                "amount_min", str(amount), f"≥ {format_yuan(amount, 'zh')}", f"≥ {format_yuan(amount, 'en')}"
            )
        )
        where["amount_min"] = Incentive.amount_yuan >= amount
        tally["amount_min"] = None
    if params.amount_max is not None:
        amount = params.amount_max
        values.append(
            FilterValue(
                "amount_max", str(amount), f"≤ {format_yuan(amount, 'zh')}", f"≤ {format_yuan(amount, 'en')}"
            )
        )
        where["amount_max"] = Incentive.amount_yuan <= amount
        tally["amount_max"] = None
    if params.period:
        values.append(_vocab_value("period", PERIODS, params.period))
        where["period"] = Incentive.period == params.period
        tally["period"] = IncentiveTally.period == params.period
    if params.has_amount is True:
        values.append(FilterValue("has_amount", "true", "有金额", "With an amount"))
        where["has_amount"] = Incentive.amount_yuan.is_not(None)
        tally["has_amount"] = IncentiveTally.has_amount.is_(True)
    elif params.has_amount is False:
        values.append(FilterValue("has_amount", "false", "无金额(实物)", "In kind (no amount)"))
        where["has_amount"] = Incentive.amount_yuan.is_(None)
        tally["has_amount"] = IncentiveTally.has_amount.is_(False)
    if params.q:
        values.append(FilterValue("q", params.q, f"“{params.q}”", f"“{params.q}”"))
        where["q"], per_row["q"] = text_conditions(session, params.q)
        tally["q"] = None
    return ResolvedFilters(
        params=params,
        place=place,
        province=province,
        values=tuple(values),
        where=where,
        tally=tally,
        per_row=per_row,
    )

"""Filters as data: for each query parameter, its SQL condition and the human label of each value.

One resolved object drives everything a filtered view needs: the WHERE clause, the page title and Open
Graph description ("购房补贴 · 博士 · 新疆维吾尔自治区"), the "remove this filter" links, and facet
counts (which need the WHERE clause without one parameter). Place slugs are looked up here, so an
unknown slug is a clear 422 rather than a silently empty page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from app.formatting import format_yuan
from app.models import Incentive, IncentiveTargetLevel, Place
from app.query.params import IncentiveFilters
from app.query.text_match import text_condition
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

    @property
    def conditions(self) -> list[ColumnElement[bool]]:
        return list(self.where.values())

    def conditions_except(self, param: str) -> list[ColumnElement[bool]]:
        """The WHERE clause without one parameter: what that parameter's facet counts need."""
        return [c for p, c in self.where.items() if p != param]

    def title(self, lang: str) -> str:
        return " · ".join(v.label(lang) for v in self.values)


def place_by_slug(session: Session, slug: str, param: str, *, province: bool = False) -> Place:
    query = select(Place).where(Place.slug == slug)
    if province:
        query = query.where(Place.level == "province")
    place = session.exec(query).first()
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


def _vocab_value(param: str, terms, slug: str) -> FilterValue:
    return FilterValue(param, slug, label(terms, slug, "zh"), label(terms, slug, "en"))


def resolve(session: Session, params: IncentiveFilters) -> ResolvedFilters:
    """Turn validated parameters into SQL conditions and labels, looking up the places they name.

    Labels come in reading order: what, for whom, where, how much ("购房补贴 · 博士 · 新疆").
    """
    values: list[FilterValue] = []
    where: dict[str, ColumnElement[bool]] = {}

    if params.category:  # several values of one parameter mean "any of them"
        values += [_vocab_value("category", CATEGORIES, c) for c in params.category]
        where["category"] = Incentive.category.in_(params.category)
    if params.target_level:
        values += [_vocab_value("target_level", TARGET_LEVELS, t) for t in params.target_level]
        qualifying = select(IncentiveTargetLevel.incentive_id).where(
            IncentiveTargetLevel.level.in_(params.target_level)
        )
        where["target_level"] = Incentive.id.in_(qualifying)
    province = None
    if params.province:
        province = place_by_slug(session, params.province, "province", province=True)
        values.append(FilterValue("province", province.slug, province.name, province.name))
        where["province"] = Incentive.province_code == province.province_code
    place = None
    if params.place:
        place = place_by_slug(session, params.place, "place")
        where["place"] = place_condition(session, place, only=bool(params.place_only))
        if params.place_only:
            values.append(FilterValue("place", place.slug, f"{place.name}(仅本级)", f"{place.name} (this place only)"))
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
    if params.amount_max is not None:
        amount = params.amount_max
        values.append(
            FilterValue(
                "amount_max", str(amount), f"≤ {format_yuan(amount, 'zh')}", f"≤ {format_yuan(amount, 'en')}"
            )
        )
        where["amount_max"] = Incentive.amount_yuan <= amount
    if params.period:
        values.append(_vocab_value("period", PERIODS, params.period))
        where["period"] = Incentive.period == params.period
    if params.has_amount is True:
        values.append(FilterValue("has_amount", "true", "有金额", "With an amount"))
        where["has_amount"] = Incentive.amount_yuan.is_not(None)
    elif params.has_amount is False:
        values.append(FilterValue("has_amount", "false", "无金额(实物)", "In kind (no amount)"))
        where["has_amount"] = Incentive.amount_yuan.is_(None)
    if params.q:
        values.append(FilterValue("q", params.q, f"“{params.q}”", f"“{params.q}”"))
        where["q"] = text_condition(session, params.q)
    return ResolvedFilters(params=params, place=place, province=province, values=tuple(values), where=where)

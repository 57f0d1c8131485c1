"""Valuing a place's offers for one profile: pure functions over plain data, so every rule is testable alone.

How one offer is valued over the committed years:
- one-off amounts count once; monthly ones x 12 x years and yearly ones x years, each cut short by a
  duration the article states ("3年内", "最长6个月"); a multi-year total ("5年内最高105万元") counts in
  full when the person stays the whole period, pro rata when they commit fewer years.
- "exact" and "from" (不低于: a floor the person certainly gets) amounts are certain; "up to" amounts
  are ceilings. A range (10万至30万元) is certain up to its low end, a ceiling above it.

How a place is totalled (never adding the same money twice):
- offers of one category at one place are alternatives: policies grant the best of several ("就高不重复"),
  and two articles often restate one scheme. The largest counts unless the reader picks another
  (`Profile.pick`); the others are listed as alternatives.
- a `package` is the place's own sum of several parts, so either the package or the sum of the parts
  counts, whichever is larger, never both.
- in-kind offers are listed but have no value; offers naming no target level "may apply" and are listed
  without counting. A place with nothing counted is listed without a total, never ranked as zero.
- places are ranked by the certain total, then by the total with ceilings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from math import ceil
from typing import Literal, Protocol

from app.calculator.conditions import Check, read_conditions
from app.calculator.matching import match
from app.calculator.profile import Profile
from app.extract.conditions import Condition
from app.vocab import CATEGORIES

Status = Literal[
    "counted", "alternative", "in_package", "package_not_added", "in_kind", "may_apply", "excluded"
]
Reason = Literal["", "no_home", "purchase", "service", "rank"]
CATEGORY_ORDER = {t.slug: i for i, t in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class PlaceRef:
    slug: str
    name: str
    level: str
    province_name: str


@dataclass(frozen=True)
class Offer:
    """One incentive row as plain data: what the valuation needs and what a line shows."""

    id: int
    place: PlaceRef
    category: str
    amount_yuan: int | None
    amount_min: int | None = None
    amount_kind: str | None = "exact"
    period: str | None = "one_off"
    duration_months: int | None = None
    targets: tuple[str, ...] = ()
    target_levels: tuple[str, ...] = ()
    conditions: tuple[Condition, ...] = ()  # typed terms (app.extract.conditions)
    quote: str = ""
    published: date | None = None  # the article's date: an old offer is marked as possibly outdated


class Terms(Protocol):
    """What an offer's worth is computed from: an Offer, or the ranking's shared OfferTerms."""

    @property
    def amount_yuan(self) -> int | None: ...
    @property
    def amount_min(self) -> int | None: ...
    @property
    def amount_kind(self) -> str | None: ...
    @property
    def period(self) -> str | None: ...
    @property
    def duration_months(self) -> int | None: ...


@dataclass(frozen=True)
class Value:
    """An offer's worth over the committed years: `exact` is certain, `up_to` the ceiling above it."""

    exact: int
    up_to: int
    payments: int  # how many times the amount is paid: months, years, or 1
    capped: bool = False  # a stated duration is shorter than the committed years
    prorated: bool = False  # a multi-year total, the person staying only part of its period

    @property
    def total(self) -> int:
        return self.exact + self.up_to


@dataclass(frozen=True)
class Line:
    offer: Offer
    status: Status
    value: Value | None = None
    levels: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    settled: tuple[str, ...] = ()  # conditions the profile meets (service, purchase)
    reason: Reason = ""
    detail: str = ""  # the reason's particulars: years required, the rung required
    group: tuple[int, ...] = ()  # ids of the offers this one is an alternative among
    instead_of: int | None = None  # for an alternative or package part: the counted offer


@dataclass(frozen=True)
class PlaceResult:
    place: PlaceRef
    lines: tuple[Line, ...]
    exact: int | None = None  # None: nothing with a value applies, so the place has no total
    up_to: int | None = None
    rank: int | None = None

    @property
    def total(self) -> int | None:
        return None if self.exact is None or self.up_to is None else self.exact + self.up_to

    def origin(self, line: Line) -> PlaceRef | None:
        """The place above this one whose offer the line is; None for the place's own offers."""
        return None if line.offer.place.slug == self.place.slug else line.offer.place

    def summary_lines(self) -> list[Line]:
        """What a ranking shows of a place: the lines that make its total, and its own alternatives
        to them (a parent's alternatives, often dozens of a province's offers, are on the place's
        own view)."""
        return [
            line
            for line in self.lines
            if line.status in ("counted", "in_package", "package_not_added")
            or (line.status == "alternative" and self.origin(line) is None)
        ]

    def with_status(self, *statuses: Status) -> list[Line]:
        return [line for line in self.lines if line.status in statuses]

    def by_category(self) -> list[tuple[str, int, int]]:
        """(category, certain, ceiling above it) of the counted lines, in the vocabulary's order."""
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for line in self.with_status("counted"):
            if line.value:
                sums[line.offer.category][0] += line.value.exact
                sums[line.offer.category][1] += line.value.up_to
        return sorted(((c, e, u) for c, (e, u) in sums.items()), key=lambda s: CATEGORY_ORDER.get(s[0], 99))


def value_offer(offer: Terms, years: int) -> Value | None:
    """The offer's worth over `years` (None for in-kind); see the module docstring for the rules."""
    if offer.amount_yuan is None:
        return None
    committed = years * 12
    cap = offer.duration_months
    numerator, denominator, payments, capped, prorated = 1, 1, 1, False, False
    if offer.period == "monthly":
        payments = min(committed, cap) if cap else committed
        capped = payments < committed
    elif offer.period == "yearly":
        payments = min(years, ceil(cap / 12)) if cap else years
        capped = payments < years
    elif offer.period == "multi_year" and cap and committed < cap:
        numerator, denominator, prorated = committed, cap, True
    numerator *= payments

    def worth(amount: int) -> int:
        return amount * numerator // denominator

    high = worth(offer.amount_yuan)
    if offer.amount_min is not None and offer.amount_min < offer.amount_yuan:
        low = worth(offer.amount_min)
    else:
        low = 0 if offer.amount_kind == "up_to" else high
    return Value(exact=low, up_to=high - low, payments=payments, capped=capped, prorated=prorated)


def classify(offer: Offer, profile: Profile) -> Line | None:
    """The offer's line before totalling: excluded, may apply, in kind, or counted; None if not for them."""
    matched = match(offer.targets, offer.target_levels, profile)
    if matched.kind == "other":
        return None
    conditions = read_conditions(offer.conditions, offer.quote)
    # Each outcome builds its Line once: a nationwide profile classifies 100,000 offers, and
    # dataclasses.replace() on each step was a quarter of the calculation.
    levels, checks, settled = matched.levels, conditions.checks, conditions.settled

    def excluded(reason: Reason, detail: str = "") -> Line:
        return Line(offer, "excluded", levels=levels, checks=checks, settled=settled, reason=reason, detail=detail)

    if matched.kind == "too_low":
        return excluded("rank", matched.required)
    if offer.category == "housing_subsidy" and not profile.buys_home:
        return excluded("no_home")
    if conditions.needs_purchase and not profile.buys_home:
        return excluded("purchase")
    if conditions.service_years is not None and conditions.service_years > profile.years:
        return excluded("service", str(conditions.service_years))
    value = value_offer(offer, profile.years)
    if matched.kind == "generic":
        no_level = Check("no_level", "、".join(offer.targets))
        return Line(offer, "may_apply", value, levels, (no_level, *checks), settled)
    if matched.graduate_only:
        checks = (Check("graduate", "、".join(offer.targets)), *checks)
    return Line(offer, "counted" if value else "in_kind", value, levels, checks, settled)


def _counted_value(line: Line) -> Value:
    """A counted line's value: classify() counts only an offer that has one."""
    assert line.value is not None, "a counted line has a value"
    return line.value


def _preference(line: Line, picks: frozenset[int]) -> tuple[bool, int, int, int]:
    """The picked offer first, then the largest total, the largest certain part, the lowest id."""
    value = _counted_value(line)
    return (line.offer.id not in picks, -value.total, -value.exact, line.offer.id)


def choose_alternatives(lines: list[Line], picks: frozenset[int]) -> list[Line]:
    """Per category, count the picked offer (else the largest) and mark the others as its alternatives."""
    groups: dict[str, list[Line]] = defaultdict(list)
    for line in lines:
        if line.status == "counted":
            groups[line.offer.category].append(line)
    chosen: dict[int, Line] = {}
    for group in groups.values():
        ids = tuple(sorted(line.offer.id for line in group))
        best = min(group, key=lambda li: _preference(li, picks))
        for line in group:
            status: Status = "counted" if line is best else "alternative"
            instead_of = None if line is best else best.offer.id
            chosen[line.offer.id] = replace(
                line, status=status, group=ids if len(ids) > 1 else (), instead_of=instead_of
            )
    return [chosen.get(line.offer.id, line) if line.status == "counted" else line for line in lines]


def settle_package(lines: list[Line]) -> list[Line]:
    """Count a place's package or the parts it bundles, whichever is worth more, never both."""
    counted = [line for line in lines if line.status == "counted"]
    package = next((line for line in counted if line.offer.category == "package"), None)
    if package is None:
        return lines
    parts = [line for line in counted if line is not package]
    if _counted_value(package).total > sum(_counted_value(line).total for line in parts):
        covered = {id(line) for line in parts}
        return [
            replace(line, status="in_package", instead_of=package.offer.id) if id(line) in covered else line
            for line in lines
        ]
    return [replace(line, status="package_not_added") if line is package else line for line in lines]


def total_place(place: PlaceRef, lines: list[Line]) -> PlaceResult:
    """The place's certain total and ceiling from its counted lines; no total when none has a value."""
    counted = [line.value for line in lines if line.status == "counted" and line.value]
    if not counted:
        return PlaceResult(place, tuple(lines))
    return PlaceResult(
        place, tuple(lines), exact=sum(v.exact for v in counted), up_to=sum(v.up_to for v in counted)
    )


def _rank_order(result: PlaceResult) -> tuple[int, int, str]:
    """Certain total, then total, largest first; then slug. Only for a place with a total."""
    assert result.exact is not None and result.total is not None, "a ranked place has a total"
    return (-result.exact, -result.total, result.place.slug)


def _line_order(line: Line) -> tuple:
    status_order = (
        "counted",
        "alternative",
        "in_package",
        "package_not_added",
        "in_kind",
        "may_apply",
        "excluded",
    )
    return (
        status_order.index(line.status),
        CATEGORY_ORDER.get(line.offer.category, 99),
        -(line.value.total if line.value else -1),
        line.offer.id,
    )


def with_inherited(by_place: dict[str, list[Line]], ancestors: Mapping[str, tuple[str, ...]]) -> dict[str, list[Line]]:
    """Each place's own lines and those of the places above it (its prefecture's, its province's);
    a line whose offer's place is not the result's is one from above (PlaceResult.origin). Every offer
    is one line at most per place, so nothing counts twice; of two offers of one kind (the district's
    and the city's housing subsidy) the usual rule of alternatives keeps the larger. The same Line
    objects are shared, not copied: a province's offers reach each of its thousands of places."""
    out: dict[str, list[Line]] = {}
    for slug, lines in by_place.items():
        extended = list(lines)
        for above in ancestors.get(slug, ()):
            extended.extend(by_place.get(above, ()))
        out[slug] = extended
    return out


def calculate(
    offers: list[Offer], profile: Profile, ancestors: Mapping[str, tuple[str, ...]] | None = None
) -> list[PlaceResult]:
    """Every place with an offer relevant to the profile: ranked places first, then those without a
    total. `ancestors` maps a place's slug to those of the places above it, nearest first."""
    by_place: dict[str, list[Line]] = defaultdict(list)
    places: dict[str, PlaceRef] = {}
    for offer in offers:
        line = classify(offer, profile)
        if line is not None:
            by_place[offer.place.slug].append(line)
            places[offer.place.slug] = offer.place
    if ancestors:
        by_place = with_inherited(by_place, ancestors)
    picks = frozenset(profile.pick)
    results = [
        total_place(places[slug], sorted(settle_package(choose_alternatives(lines, picks)), key=_line_order))
        for slug, lines in by_place.items()
    ]
    ranked = sorted((r for r in results if r.total is not None), key=_rank_order)
    unranked = sorted((r for r in results if r.total is None), key=lambda r: r.place.slug)
    return [replace(r, rank=i) for i, r in enumerate(ranked, 1)] + unranked

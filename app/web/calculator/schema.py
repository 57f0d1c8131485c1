"""The calculator's JSON (/api/calculator): the page's content as data, labels in the reader's language.

Every line keeps its quote, conditions and "check this" items, so a client can be as honest as the page.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.calculator.profile import Profile
from app.calculator.valuation import Line, PlaceRef, PlaceResult
from app.extract.conditions import conditions_text
from app.links import incentive_url, place_url
from app.vocab import CATEGORIES, label
from app.web.calculator.labels import api_label

RULE_KEYS = (
    "rule_levels", "rule_periods", "rule_up_to", "rule_alternatives", "rule_hierarchy", "rule_package", "rule_checks",
)


class CheckOut(BaseModel):
    kind: str
    label: str
    text: str


class LineOut(BaseModel):
    incentive_id: int
    url: str
    category: str
    category_label: str
    status: str
    status_label: str
    amount_yuan: int | None
    amount_min: int | None
    amount_kind: str | None
    period: str | None
    duration_months: int | None
    value_exact: int | None  # over the committed years; null for in-kind
    value_up_to: int | None
    payments: int | None
    capped: bool
    prorated: bool
    targets: list[str]
    matched_levels: list[str]
    conditions: str | None
    met: list[str]
    checks: list[CheckOut]
    reason: str | None
    reason_label: str | None
    alternatives: list[int]  # ids of the offers this one is an alternative among
    instead_of: int | None
    pick_url: str | None  # the calculator counting this offer instead (alternatives only)
    from_place: str | None  # slug of the place above this one whose offer it is; null for its own
    quote: str


class CategoryOut(BaseModel):
    category: str
    label: str
    exact: int
    up_to: int


class PlaceOut(BaseModel):
    rank: int | None  # null: nothing with a value applies, the place is listed without a total
    slug: str
    name: str
    level: str
    province: str
    url: str
    exact_total: int | None
    up_to_total: int | None
    total: int | None
    by_category: list[CategoryOut]
    lines: list[LineOut]


class CalculatorOut(BaseModel):
    profile: Profile
    url: str
    api_url: str
    rules: list[str]
    places: list[PlaceOut]
    places_total: int = Field(description="places with a relevant offer; `places` holds the first 50")


def reason_label(line: Line, lang: str) -> str | None:
    if not line.reason:
        return None
    return api_label(f"reason_{line.reason}", lang).format(detail=line.detail)


def _line_out(line: Line, origin: PlaceRef | None, profile: Profile, lang: str) -> LineOut:
    offer, value = line.offer, line.value
    pick = profile.picking(offer.id, line.group).url() if line.status == "alternative" else None
    return LineOut(
        incentive_id=offer.id,
        url=incentive_url(offer.id),
        category=offer.category,
        category_label=label(CATEGORIES, offer.category, lang),
        status=line.status,
        status_label=api_label(f"status_{line.status}", lang),
        amount_yuan=offer.amount_yuan,
        amount_min=offer.amount_min,
        amount_kind=offer.amount_kind,
        period=offer.period,
        duration_months=offer.duration_months,
        value_exact=value.exact if value else None,
        value_up_to=value.up_to if value else None,
        payments=value.payments if value else None,
        capped=bool(value and value.capped),
        prorated=bool(value and value.prorated),
        targets=list(offer.targets),
        matched_levels=list(line.levels),
        conditions=conditions_text(offer.conditions),
        met=list(line.settled) if line.status != "excluded" else [],
        checks=[
            CheckOut(kind=c.kind, label=api_label(f"check_{c.kind}", lang), text=c.text) for c in line.checks
        ],
        reason=line.reason or None,
        reason_label=reason_label(line, lang),
        alternatives=list(line.group),
        instead_of=line.instead_of,
        pick_url=pick,
        from_place=origin.slug if origin else None,
        quote=offer.quote,
    )


def calculator_out(
    profile: Profile, results: list[PlaceResult], lang: str, places_total: int | None = None
) -> CalculatorOut:
    return CalculatorOut(
        places_total=len(results) if places_total is None else places_total,
        profile=profile,
        url=profile.url(),
        api_url=profile.url("/api/calculator"),
        rules=[api_label(key, lang) for key in RULE_KEYS],
        places=[
            PlaceOut(
                rank=r.rank,
                slug=r.place.slug,
                name=r.place.name,
                level=r.place.level,
                province=r.place.province_name,
                url=place_url(r.place.slug),
                exact_total=r.exact,
                up_to_total=r.up_to,
                total=r.total,
                by_category=[
                    CategoryOut(category=c, label=label(CATEGORIES, c, lang), exact=e, up_to=u)
                    for c, e, u in r.by_category()
                ],
                lines=[_line_out(line, r.origin(line), profile, lang) for line in r.lines],
            )
            for r in results
        ],
    )

"""/calculator and /api/calculator: one person's profile (in the URL), every place's offers valued for it.

The page and the JSON are two views of the same calculation (app.calculator); the page's form submits by
GET, so the resulting address is the profile and can be sent to someone as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.calculator.chart import COLOURS, stacked_bars
from app.calculator.labels import labeller
from app.calculator.profile import CHOICES, Profile
from app.calculator.schema import RULE_KEYS, CalculatorOut, calculator_out, reason_label
from app.calculator.service import MAX_PLACES, calculate_for
from app.query.places import provinces_with_data
from app.web.deps import PrefsDep, SessionDep
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

# One router for both views, so that registering the calculator is one entry in the app factory.
router = APIRouter()

ProfileQuery = Annotated[Profile, Query()]


@router.get("/calculator", tags=["pages"], include_in_schema=False)
def calculator_page(
    request: Request, session: SessionDep, prefs: PrefsDep, profile: ProfileQuery
) -> Response:
    """The form, and for a profile with a degree, title or skill level: the ranked places and the chart."""
    province, results = calculate_for(session, profile)
    c = labeller(prefs)
    path = "/calculator" if profile == Profile() else profile.url()
    meta = PageMeta(title=c("title"), description=c("intro"), canonical=canonical_url(request, path))
    if profile.is_empty:
        results = []
    places_total = len(results)
    results = results[:MAX_PLACES]
    bars = stacked_bars(results)
    return render(
        request,
        "calculator.html",
        prefs,
        meta,
        fragments=("results",),
        push_url=path,
        c=c,
        profile=profile,
        choices=CHOICES,
        province=province,
        results=results,
        places_total=places_total,
        bars=bars,
        provinces=provinces_with_data(session),
        colours=COLOURS,
        rule_keys=RULE_KEYS,
        reason_label=reason_label,
        chart_categories=list(dict.fromkeys(s.category for bar in bars for s in bar.segments)),
    )


@router.get("/api/calculator", tags=["api"], response_model=CalculatorOut)
def calculator_api(session: SessionDep, prefs: PrefsDep, profile: ProfileQuery) -> CalculatorOut:
    """Each place's offers for one profile, valued over the committed years; ranked places first.

    Totals: `exact_total` is certain, `up_to_total` the ceilings above it; a place with nothing valued
    has no total and no rank. Every line carries its quote, conditions and "check this" items.
    """
    _, results = calculate_for(session, profile)
    return calculator_out(profile, results[:MAX_PLACES], prefs.lang, places_total=len(results))

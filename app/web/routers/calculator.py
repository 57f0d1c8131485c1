"""/calculator and /api/calculator: one person's profile (in the URL), every place's offers valued for it.

The page and the JSON are two views of the same calculation (app.calculator); the page's form submits by
GET, so the resulting address is the profile and can be sent to someone as it is.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from app.calculator.profile import CHOICES, Profile
from app.calculator.service import MAX_PLACES, calculate_places, ranking, results_for
from app.links import calculator_url
from app.query.conditions import place_by_slug
from app.query.params import Slug
from app.query.places import provinces_with_data
from app.web.calculator.chart import COLOURS, stacked_bars
from app.web.calculator.labels import labeller
from app.web.calculator.schema import RULE_KEYS, CalculatorOut, calculator_out, reason_label
from app.web.deps import PrefsDep, SessionDep
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

# One router for both views, so that registering the calculator is one entry in the app factory.
router = APIRouter()

ProfileQuery = Annotated[Profile, Query()]


PLACES_PER_PAGE = 5  # of the ranked list: each place shows what makes its total (at 10,000 articles
# fifty places with every line were 3.5 MB); the rest of a place's offers are on its own view


@router.get("/calculator", tags=["pages"], include_in_schema=False)
def calculator_page(
    request: Request,
    session: SessionDep,
    prefs: PrefsDep,
    profile: ProfileQuery,
    page: Annotated[int, Query(ge=1, le=MAX_PLACES)] = 1,
    place: Annotated[Slug | None, Query(description="one place's whole calculation, e.g. kelamayi")] = None,
) -> Response:
    """The form, and for a profile with a degree, title or skill level: the ranked places (a page at a
    time) and the chart; with `place`, that place's calculation with every offer."""
    c = labeller(prefs)
    chosen = place_by_slug(session, place, "place") if place else None
    if chosen is not None:
        province = None
        one = None if profile.is_empty else calculate_places(session, profile, [chosen]).get(chosen.slug)
        results, places_total, pages = ([one] if one else []), 1, 1
    else:
        province_slug, order = (None, ()) if profile.is_empty else ranking(session, profile)
        province = place_by_slug(session, province_slug, "province", province=True) if province_slug else None
        places_total = len(order)
        order = order[:MAX_PLACES]
        pages = max(1, -(-len(order) // PLACES_PER_PAGE))
        if page > pages:
            raise HTTPException(status_code=404, detail=f"page {page} of {pages}")
        on_page = order[(page - 1) * PLACES_PER_PAGE : page * PLACES_PER_PAGE]
        results = results_for(session, profile, [slug for slug, _ in on_page], dict(on_page))
    path = "/calculator" if profile == Profile() and chosen is None else calculator_url(profile, page=page, place=place)
    meta = PageMeta(title=c("title"), description=c("intro"), canonical=canonical_url(request, path))
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
        ranked_total=len(order) if chosen is None else 1,
        places_total=places_total,
        page=page,
        pages=pages,
        first=(page - 1) * PLACES_PER_PAGE,
        place=chosen,
        page_link=lambda n: calculator_url(profile, page=n),
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
    _, order = ranking(session, profile)
    results = results_for(session, profile, [slug for slug, _ in order[:MAX_PLACES]], dict(order))
    return calculator_out(profile, results, prefs.lang, places_total=len(order))

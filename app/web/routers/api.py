"""The JSON API: the explorer's filters as /api/incentives, places as /api/places, and its own docs.

Data in the API is as stored (simplified Chinese); labels follow `lang` like the pages.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from app.links import csv_url, page_url
from app.query.articles import place_metrics, place_policies
from app.query.filters import resolve
from app.query.incentives import all_rows, incentive_row, search
from app.query.params import IncentiveFilters
from app.query.places import (
    PLACE_SORTS,
    PlaceSort,
    ancestors,
    article_summaries,
    articles_about,
    children_summaries,
    place_summaries,
    slugs_by_id,
    sort_summaries,
)
from app.web.api_models import (
    FilterOut,
    IncentiveOut,
    IncentivePage,
    MetricOut,
    NamedItem,
    PlaceDetail,
    PlaceOut,
    article_ref,
    incentive_out,
    place_facts,
    place_out,
    place_ref,
)
from app.web.deps import IdPath, PrefsDep, SessionDep, load_place
from app.web.templating import PageMeta, render
from app.web.titles import view_title
from app.web.urls import canonical_url

router = APIRouter(prefix="/api", tags=["api"])
docs_router = APIRouter(include_in_schema=False)


@router.get("/incentives", response_model=IncentivePage)
def api_incentives(
    session: SessionDep, prefs: PrefsDep, params: Annotated[IncentiveFilters, Query()]
) -> IncentivePage:
    """Incentives matching the explorer's filters, one page at a time (at most 200 per page)."""
    resolved = resolve(session, params)
    result = search(session, resolved)
    return IncentivePage(
        total=result.total,
        total_is_lower_bound=result.more,
        page=result.page,
        size=result.size,
        pages=result.pages,
        title=view_title(resolved, result, prefs),
        filters=[FilterOut(param=v.param, value=v.value, label=v.label(prefs.lang)) for v in resolved.values],
        next=("/api" + page_url(params, result.page + 1)) if result.page < result.pages else None,
        prev=("/api" + page_url(params, result.page - 1)) if result.page > 1 else None,
        csv=csv_url(params),
        items=[incentive_out(row, prefs.category) for row in result.rows],
    )


@router.get("/incentives/{incentive_id}", response_model=IncentiveOut)
def api_incentive(session: SessionDep, prefs: PrefsDep, incentive_id: IdPath) -> IncentiveOut:
    row = incentive_row(session, incentive_id)
    if row is None:
        raise HTTPException(status_code=404, detail="no such incentive")
    return incentive_out(row, prefs.category)


@router.get("/places", response_model=list[PlaceOut])
def api_places(session: SessionDep, sort: Annotated[PlaceSort, Query()] = "name") -> list[PlaceOut]:
    """Places that have data, with their counts; `sort` is one of name, province, incentives, top_amount."""
    summaries = sort_summaries(place_summaries(session), sort)
    parents = slugs_by_id(session, {s.place.parent_id for s in summaries if s.place.parent_id})
    return [place_out(s, parents.get(s.place.parent_id) if s.place.parent_id else None) for s in summaries]


@router.get("/places/{slug}", response_model=PlaceDetail)
def api_place(session: SessionDep, prefs: PrefsDep, slug: str) -> PlaceDetail:
    """One place: its incentives, policies, metrics, articles, parent and subdivisions with data."""
    place = load_place(session, slug)
    assert place.id is not None, "a stored place has an id"
    rows = all_rows(session, resolve(session, IncentiveFilters(place=place.slug, place_only=True, sort="category")))
    above = ancestors(session, place)
    return PlaceDetail(
        **place_facts(place),
        parent=place_ref(above[0]) if above else None,
        children=[place_ref(c.place) for c in children_summaries(session, place)],
        incentives=[incentive_out(r, prefs.category) for r in rows],
        policies=[NamedItem.model_validate(p, from_attributes=True) for p in place_policies(session, place.id)],
        metrics=[MetricOut.model_validate(m, from_attributes=True) for m in place_metrics(session, place.id)],
        articles=[article_ref(a) for a in article_summaries(session, articles_about(place.id))],
    )


@docs_router.get("/api")
def api_docs(request: Request, prefs: PrefsDep) -> Response:
    """The OpenAPI description as a plain page: Swagger UI would need inline script, which CSP forbids."""
    schema = request.app.openapi()
    title = prefs.t("api_title")
    meta = PageMeta(title=title, description=prefs.t("api_intro"), canonical=canonical_url(request))
    return render(request, "api.html", prefs, meta, schema=schema, title=title, place_sorts=PLACE_SORTS)

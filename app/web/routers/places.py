"""The list of places with data (/places) and one place's page (/places/{slug})."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from app.links import explorer_url, places_url
from app.query.articles import newest_metrics, place_metric_count, place_policies
from app.query.conditions import place_by_slug
from app.query.history import inherited_offers, place_offers
from app.query.incentives import IncentiveRow
from app.query.params import MAX_PAGE, MAX_QUERY_LENGTH, IncentiveFilters, Slug
from app.query.places import (
    PLACE_SORTS,
    PlaceSort,
    ancestors,
    article_summaries,
    articles_about,
    children_summaries,
    place_summaries,
    provinces_with_data,
    sort_summaries,
    suggest_places,
)
from app.vocab import CATEGORIES
from app.web.deps import PrefsDep, SessionDep, load_place
from app.web.i18n import to_simplified
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)

PLACES_PER_PAGE = 100  # rows of the places index: at 10,000 articles the whole list was 2 MB


@router.get("/places")
def place_list(
    request: Request,
    session: SessionDep,
    prefs: PrefsDep,
    sort: Annotated[PlaceSort, Query()] = "name",
    province: Annotated[Slug | None, Query(description="slug of a province, e.g. xinjiang")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """Every place with data, a page of them at a time, optionally within one province."""
    chosen = place_by_slug(session, province, "province", province=True) if province else None
    summaries = sort_summaries(place_summaries(session), sort)
    if chosen is not None:
        summaries = [s for s in summaries if s.place.province_code == chosen.province_code]
    total = len(summaries)
    pages = max(1, -(-total // PLACES_PER_PAGE))
    if page > pages:
        raise HTTPException(status_code=404, detail=f"page {page} of {pages}")
    shown = summaries[(page - 1) * PLACES_PER_PAGE : page * PLACES_PER_PAGE]

    described = f"{prefs.place(chosen.name)} · " if chosen else ""
    title = f"{described}{prefs.t('place_list_title')} - {total}"
    path = places_url(sort, province, page)
    meta = PageMeta(
        title=title, description=f"{prefs.t('site')}: {title}", canonical=canonical_url(request, path)
    )
    return render(
        request,
        "places.html",
        prefs,
        meta,
        fragments=("place_table",),
        push_url=path,
        summaries=shown,
        total=total,
        first=(page - 1) * PLACES_PER_PAGE + 1,
        page=page,
        pages=pages,
        sort=sort,
        sorts=PLACE_SORTS,
        province=province,
        provinces=provinces_with_data(session),
        sort_url=lambda key: places_url(key, province),
        page_url=lambda n: places_url(sort, province, n),
        title=title,
    )


@router.get("/places/suggest")
def place_suggestions(
    request: Request,
    session: SessionDep,
    prefs: PrefsDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
    place: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)] = "",
) -> Response:
    """At most 20 `<option>`s for a place field's datalist (type-ahead), by name or pinyin slug.

    Why: listing every place with data in the explorer and compare forms made each page ~200 KB and
    its rendering a fifth of the request. `q` is the query; a form field named `place` sends `place`.
    """
    choices = suggest_places(session, to_simplified(q or place))
    return render(
        request, "_place_options.html", prefs, PageMeta("", "", canonical_url(request)), choices=choices
    )


def incentives_by_category(rows: list[IncentiveRow]) -> list[tuple[str, list[IncentiveRow]]]:
    groups: dict[str, list[IncentiveRow]] = {}
    for row in rows:
        groups.setdefault(row.incentive.category, []).append(row)
    return [(t.slug, groups[t.slug]) for t in CATEGORIES if t.slug in groups]


@router.get("/places/{slug}")
def place_page(request: Request, session: SessionDep, prefs: PrefsDep, slug: str) -> Response:
    place = load_place(session, slug)
    assert place.id is not None, "a stored place has an id"
    offers = place_offers(session, place)
    groups = incentives_by_category(offers.current)  # every kind the place has: each has current rows
    above = ancestors(session, place)
    title = f"{prefs.place(place.name)} - {offers.count} {prefs.t('count_incentives')}"
    description = " · ".join(prefs.category(c) for c, _ in groups) or prefs.t("no_place_data")
    meta = PageMeta(title=title, description=description, canonical=canonical_url(request))
    return render(
        request,
        "place.html",
        prefs,
        meta,
        place=place,
        parent=above[0] if above else None,
        breadcrumb=above[::-1],
        inherited=inherited_offers(session, above),
        title=title,
        children=children_summaries(session, place),
        groups=groups,
        history=incentives_by_category(offers.history),
        history_count=offers.history_count,
        history_shown=len(offers.history),
        history_explorer=explorer_url(IncentiveFilters(place=place.slug, place_only=True, sort="date")),
        count=offers.count,
        policies=place_policies(session, place.id),
        metrics=newest_metrics(session, place.id),
        metric_count=place_metric_count(session, place.id),
        articles=article_summaries(session, articles_about(place.id)),
        explorer_params=IncentiveFilters(place=place.slug),
    )

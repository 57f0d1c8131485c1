"""The list of places with data (/places) and one place's page (/places/{slug})."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlmodel import Session, select

from app.models import Metric, Place, Policy
from app.query.filters import place_by_slug, resolve
from app.query.history import current_and_history
from app.query.incentives import IncentiveRow, all_rows
from app.query.params import MAX_PAGE, MAX_QUERY_LENGTH, IncentiveFilters, Slug
from app.query.places import (
    PLACE_SORTS,
    article_summaries,
    articles_about,
    children_summaries,
    place_summaries,
    provinces_with_data,
    sort_summaries,
    suggest_places,
)
from app.query.tree import place_tree
from app.vocab import CATEGORIES
from app.web.deps import PrefsDep, SessionDep
from app.web.i18n import to_simplified
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url, explorer_url, places_url

router = APIRouter(tags=["pages"], include_in_schema=False)

PlaceSort = Literal[PLACE_SORTS]  # type: ignore[valid-type]


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


def load_place(session: Session, slug: str) -> Place:
    place = session.exec(select(Place).where(Place.slug == slug)).first()
    if place is None:
        raise HTTPException(status_code=404, detail=f"no place {slug!r}")
    return place


def incentives_by_category(rows: list[IncentiveRow]) -> list[tuple[str, list[IncentiveRow]]]:
    groups: dict[str, list[IncentiveRow]] = {}
    for row in rows:
        groups.setdefault(row.incentive.category, []).append(row)
    return [(t.slug, groups[t.slug]) for t in CATEGORIES if t.slug in groups]


ALSO_APPLIES_SHOWN = 12  # of each parent's current offers on a child's page; the rest are a link away


@dataclass(frozen=True)
class Inherited:
    """Offers of a place above this one that apply here too: a prefecture's in its counties, a
    province's everywhere in it. Only what is current there; the page says where each comes from."""

    origin: Place
    rows: list[IncentiveRow]
    total: int
    explorer: str


def inherited_offers(session: Session, ancestors: list[Place]) -> list[Inherited]:
    out = []
    for origin in ancestors:
        params = IncentiveFilters(place=origin.slug, place_only=True, sort="category")
        current, _ = current_and_history(list(all_rows(session, resolve(session, params))))
        if current:
            link = explorer_url(params.model_copy(update={"sort": "amount"}))
            out.append(Inherited(origin, current[:ALSO_APPLIES_SHOWN], len(current), link))
    return out


@router.get("/places/{slug}")
def place_page(request: Request, session: SessionDep, prefs: PrefsDep, slug: str) -> Response:
    place = load_place(session, slug)
    params = IncentiveFilters(place=place.slug, place_only=True, sort="category")
    rows = list(all_rows(session, resolve(session, params)))
    current, history = current_and_history(rows)
    tree = place_tree(session)
    ancestors = [p for p in (session.get(Place, a) for a in tree.ancestors(place.id)) if p is not None]
    parent = ancestors[0] if ancestors else None
    policies = session.exec(select(Policy).where(Policy.place_id == place.id).order_by(Policy.id)).all()
    metrics = session.exec(select(Metric).where(Metric.place_id == place.id).order_by(Metric.id)).all()
    title = f"{prefs.place(place.name)} - {len(rows)} {prefs.t('count_incentives')}"
    description = " · ".join(prefs.category(c) for c, _ in incentives_by_category(rows)) or prefs.t(
        "no_place_data"
    )
    meta = PageMeta(title=title, description=description, canonical=canonical_url(request))
    return render(
        request,
        "place.html",
        prefs,
        meta,
        place=place,
        parent=parent,
        breadcrumb=ancestors[::-1],
        inherited=inherited_offers(session, ancestors),
        title=title,
        children=children_summaries(session, place),
        groups=incentives_by_category(current),
        history=incentives_by_category(history),
        history_count=len(history),
        count=len(rows),
        policies=policies,
        metrics=metrics,
        articles=article_summaries(session, articles_about(place.id)),
        explorer_params=IncentiveFilters(place=place.slug),
    )

"""/map: China's provinces shaded by a measure of the offers the filters select, a symbol per place."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.links import explorer_url, map_url
from app.query.filters import resolve
from app.query.map import DEFAULT_MEASURE, map_data
from app.query.params import FILTERS, IncentiveFilters, Slug
from app.web.deps import PrefsDep, SessionDep
from app.web.map_view import draw, symbols_markup
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)

FiltersDep = Annotated[IncentiveFilters, Query()]
Measure = Literal["best", "offers", "kinds"]


@router.get("/map")
def map_page(
    request: Request,
    session: SessionDep,
    prefs: PrefsDep,
    params: FiltersDep,
    measure: Annotated[Measure, Query()] = DEFAULT_MEASURE,
    highlight: Annotated[Slug | None, Query(description="slug of a place to mark, e.g. kelamayi")] = None,
) -> Response:
    resolved = resolve(session, params)
    def describe(name: str, value: int | None) -> str:
        if not value:
            figure = prefs.t("map_no_offers") if measure != "best" else prefs.t("map_in_kind")
        else:
            figure = prefs.yuan(value) if measure == "best" else str(value)
        return f"{prefs.place(name)}: {figure}"

    drawing = draw(map_data(session, resolved), measure, describe, highlight)
    described = prefs.data(resolved.title(prefs.lang))
    title = f"{prefs.t('map_title')} · {prefs.t('measure_' + measure)}" + (f" · {described}" if described else "")
    path = map_url(params, measure, highlight)
    meta = PageMeta(title=title, description=f"{prefs.t('site')}: {title}", canonical=canonical_url(request, path))
    return render(
        request,
        "map.html",
        prefs,
        meta,
        fragments=("mapview",),
        push_url=path,
        params=params,
        resolved=resolved,
        measure=measure,
        highlight=highlight,
        drawing=drawing,
        symbols_markup=symbols_markup,
        title=title,
        explorer_href=explorer_url(params, page=False),
        filters=FILTERS,
    )

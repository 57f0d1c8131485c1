"""/compare?place=a&place=b: categories down, places across; places are added and removed by URL."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.links import compare_url
from app.query.compare import MAX_COMPARED, compare
from app.query.conditions import place_by_slug
from app.query.params import Slug
from app.query.places import suggest_places
from app.web.deps import PrefsDep, SessionDep
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)

# A matrix wider than a few places is unreadable, and each place costs a query: more is a 422.
PlaceSlugs = Annotated[list[Slug], Query(max_length=MAX_COMPARED)]


@router.get("/compare")
def compare_page(request: Request, session: SessionDep, prefs: PrefsDep, place: PlaceSlugs = []) -> Response:  # noqa: B006
    slugs = list(dict.fromkeys(place))
    places = [place_by_slug(session, slug, "place") for slug in slugs]
    comparison = compare(session, places)
    names = " · ".join(prefs.place(p.name) for p in places)
    title = f"{prefs.t('compare_title')}: {names}" if names else prefs.t("compare_title")
    meta = PageMeta(
        title=title,
        description=prefs.t("compare_intro"),
        canonical=canonical_url(request, compare_url(slugs)),
    )
    # The type-ahead fetches more; these are what the field offers before anything is typed (and all
    # it offers without JavaScript): the places with the most incentives, not yet compared.
    choices = suggest_places(session, "", exclude=frozenset(slugs))
    return render(
        request,
        "compare.html",
        prefs,
        meta,
        fragments=("matrix",),
        push_url=compare_url(slugs),
        comparison=comparison,
        slugs=slugs,
        choices=choices,
        max_compared=MAX_COMPARED,
        title=title,
        full=len(slugs) >= MAX_COMPARED,
    )

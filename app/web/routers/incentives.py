"""The explorer (/incentives), its CSV twin (/incentives.csv) and one incentive's page (/incentives/{id})."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from app.links import explorer_url, feed_url, page_url
from app.query.articles import article
from app.query.filters import resolve
from app.query.incentives import flat_rows, incentive_row, newest_rows, search
from app.query.params import FILTERS, SORTS, IncentiveFilters
from app.query.places import provinces_with_data, suggest_places
from app.query.tree import place_chain
from app.web.citation import citation
from app.web.deps import IdPath, PrefsDep, SessionDep
from app.web.facets import facets
from app.web.feeds import FEED_ENTRIES, atom_feed
from app.web.incentive_csv import spool_chunks, spool_size, spooled_csv
from app.web.templating import PageMeta, render
from app.web.titles import described, view_title
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)

FiltersDep = Annotated[IncentiveFilters, Query()]


@router.get("/incentives")
def explorer(request: Request, session: SessionDep, prefs: PrefsDep, params: FiltersDep) -> Response:
    resolved = resolve(session, params)
    result = search(session, resolved)
    title = view_title(resolved, result, prefs)
    path = explorer_url(params)
    meta = PageMeta(
        title=title,
        description=f"{prefs.t('site')}: {title}",
        canonical=canonical_url(request, path),
        feed=canonical_url(request, feed_url(params)),
    )
    return render(
        request,
        "incentives.html",
        prefs,
        meta,
        fragments=("results", "explorer"),
        push_url=path,
        params=params,
        resolved=resolved,
        result=result,
        page_link=lambda n: page_url(params, n),
        title=title,
        # past the text counting limit the counts by kind and level are not read either
        facets=None if result.more else facets(session, resolved, prefs),
        filters=FILTERS,
        sorts=SORTS,
        provinces=provinces_with_data(session),
        choices=suggest_places(session, ""),
    )


@router.get("/incentives.atom")
def explorer_feed(request: Request, session: SessionDep, prefs: PrefsDep, params: FiltersDep) -> Response:
    """The view's newest offers as an Atom feed, for a feed reader to follow."""
    resolved = resolve(session, params)
    body = atom_feed(
        newest_rows(session, resolved, FEED_ENTRIES),
        title=f"{described(resolved, prefs)} · {prefs.t('site')}",
        feed_url=canonical_url(request, feed_url(params)),
        view_url=canonical_url(request, explorer_url(params, page=False)),
        base=canonical_url(request, ""),
        prefs=prefs,
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/incentives.csv")
def explorer_csv(session: SessionDep, prefs: PrefsDep, params: FiltersDep) -> Response:
    """Every matching row (not one page), written to a spool first and then sent from there.

    Why not straight from the cursor: a client that reads slowly (or not at all) would hold a pooled
    connection for as long as it likes, and fifteen such downloads would leave every page waiting for
    the pool until its timeout. Written first, the export reads one consistent snapshot, gives its
    connection back before the first byte is sent, and knows its length; it stays in memory up to
    SPOOL_MEMORY_BYTES and goes to a temporary file beyond that, so a large export is never whole in
    memory either.
    """
    resolved = resolve(session, params)
    spool = spooled_csv(flat_rows(session, resolved), prefs)
    session.close()  # the connection goes back to the pool now, not when the download ends
    return StreamingResponse(
        spool_chunks(spool),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="incentives.csv"',
            "Content-Length": str(spool_size(spool)),
        },
    )


@router.get("/incentives/{incentive_id}")
def incentive_page(request: Request, session: SessionDep, prefs: PrefsDep, incentive_id: IdPath) -> Response:
    row = incentive_row(session, incentive_id)
    if row is None:
        raise HTTPException(status_code=404, detail="no such incentive")
    found = article(session, row.incentive.article_id)
    if found is None:  # an incentive's article is a foreign key; only a concurrent delete gets here
        raise HTTPException(status_code=404, detail="no such incentive")
    amount = prefs.yuan(row.incentive.amount_yuan) or prefs.t("in_kind")
    title = f"{prefs.place(row.place_name)} · {prefs.category(row.incentive.category)} · {amount}"
    canonical = canonical_url(request)
    meta = PageMeta(title=title, description=prefs.data(row.incentive.quote), canonical=canonical)
    return render(
        request,
        "incentive.html",
        prefs,
        meta,
        row=row,
        chain=place_chain(session, row.incentive.place_id),
        article=found,
        title=title,
        citation=citation(found, canonical, prefs),
    )

"""/articles/{id}: the normalised text with every extracted item marked and linked, and the original."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from app.query.articles import article_items
from app.query.tree import place_chain
from app.web.deps import IdPath, PrefsDep, SessionDep
from app.web.highlight import Span, runs
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/articles/{article_id}")
def article_page(request: Request, session: SessionDep, prefs: PrefsDep, article_id: IdPath) -> Response:
    items = article_items(session, article_id)
    if items is None:
        raise HTTPException(status_code=404, detail="no such article")
    article = items.article
    spans = [
        *(
            Span(i.quote_start, i.quote_end, "incentive", i.id, prefs.category(i.category))
            for i in items.incentives
            if i.id is not None
        ),
        *(
            Span(m.quote_start, m.quote_end, "metric", m.id, prefs.data(m.name))
            for m in items.metrics
            if m.id is not None
        ),
        *(
            Span(p.quote_start, p.quote_end, "policy", p.id, prefs.data(p.name))
            for p in items.policies
            if p.id is not None
        ),
    ]
    title = prefs.data(article.title) or article.file_name
    meta = PageMeta(
        title=title, description=prefs.data(article.normalised_text[:140]), canonical=canonical_url(request)
    )
    return render(
        request,
        "article.html",
        prefs,
        meta,
        article=article,
        place=items.place,
        chain=place_chain(session, article.place_id),
        title=title,
        runs=runs(article.normalised_text, spans),
        incentives=items.incentives,
        # A roundup's rows each have their own place: the list says whose offer each one is.
        row_places=items.row_places,
        metrics=items.metrics,
        policies=items.policies,
    )

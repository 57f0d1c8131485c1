"""/articles/{id}: the normalised text with every extracted item marked and linked, and the original."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import select

from app.models import Article, Incentive, Metric, Place, Policy
from app.query.tree import place_chain
from app.web.deps import IdPath, PrefsDep, SessionDep
from app.web.highlight import Span, runs
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/articles/{article_id}")
def article_page(request: Request, session: SessionDep, prefs: PrefsDep, article_id: IdPath) -> Response:
    article = session.get(Article, article_id)
    if article is None:
        raise HTTPException(status_code=404, detail="no such article")
    incentives = session.exec(
        select(Incentive)
        .where(Incentive.article_id == article.id)
        .order_by(Incentive.quote_start, Incentive.id)
    ).all()
    metrics = session.exec(
        select(Metric).where(Metric.article_id == article.id).order_by(Metric.quote_start)
    ).all()
    policies = session.exec(
        select(Policy).where(Policy.article_id == article.id).order_by(Policy.quote_start)
    ).all()
    spans = [
        *(
            Span(i.quote_start, i.quote_end, "incentive", i.id, prefs.category(i.category))
            for i in incentives
        ),
        *(Span(m.quote_start, m.quote_end, "metric", m.id, prefs.data(m.name)) for m in metrics),
        *(Span(p.quote_start, p.quote_end, "policy", p.id, prefs.data(p.name)) for p in policies),
    ]
    place = session.get(Place, article.place_id) if article.place_id else None
    # A roundup's rows each have their own place: the list says whose offer each one is.
    row_place_ids = {i.place_id for i in incentives if i.place_id and i.place_id != article.place_id}
    row_places = (
        {p.id: p for p in session.exec(select(Place).where(Place.id.in_(row_place_ids))).all()}
        if row_place_ids
        else {}
    )
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
        place=place,
        chain=place_chain(session, article.place_id),
        title=title,
        runs=runs(article.normalised_text, spans),
        incentives=incentives,
        row_places=row_places,
        metrics=metrics,
        policies=policies,
    )

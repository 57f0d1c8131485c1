"""/: how much the atlas holds, each place's headline offer as a chart, categories, newest articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.links import explorer_url, incentive_url, with_query
from app.query.articles import article_count
from app.query.filters import resolve
from app.query.incentives import cached_count, facet_counts, top_offer_per_place
from app.query.params import CategorySlug, IncentiveFilters, TargetLevelSlug
from app.query.places import article_summaries, place_summaries
from app.vocab import CATEGORIES, TARGET_LEVELS
from app.web.charts import bars
from app.web.deps import PrefsDep, SessionDep
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

router = APIRouter(tags=["pages"], include_in_schema=False)

NEWEST_ARTICLES = 8


@router.get("/")
def overview(
    request: Request,
    session: SessionDep,
    prefs: PrefsDep,
    category: Annotated[CategorySlug | None, Query()] = None,
    target_level: Annotated[TargetLevelSlug | None, Query()] = None,
) -> Response:
    """The chart shows the largest offer per place, optionally for one category and one target level."""
    chart_params = IncentiveFilters(
        category=[category] if category else [],
        target_level=[target_level] if target_level else [],
        has_amount=True,
    )
    chart_filters = resolve(session, chart_params)
    offers = top_offer_per_place(session, chart_filters.conditions)
    chart = bars(
        [
            (
                prefs.place(o.place.name),
                o.incentive.amount_yuan or 0,
                prefs.yuan(o.incentive.amount_yuan),
                f"{prefs.category(o.incentive.category)} · {prefs.data(o.incentive.quote)}",
                incentive_url(o.incentive.id),
            )
            for o in offers
            if o.incentive.id is not None
        ]
    )
    all_filters = resolve(session, IncentiveFilters())
    stats = {
        "places": len(place_summaries(session)),
        "articles": article_count(session),
        "incentives": cached_count(session, all_filters),
    }
    chart_query = [(k, v) for k, v in (("category", category), ("target_level", target_level)) if v]
    title = prefs.t("site")
    description = (
        f"{stats['places']} {prefs.t('count_places')} · {stats['articles']} {prefs.t('count_articles')}"
        f" · {stats['incentives']} {prefs.t('count_incentives')}"
    )
    path = with_query("/", chart_query)
    meta = PageMeta(title=title, description=description, canonical=canonical_url(request, path))
    return render(
        request,
        "overview.html",
        prefs,
        meta,
        fragments=("chart",),
        push_url=path,
        stats=stats,
        chart=chart,
        chart_title=" · ".join(v.label(prefs.lang) for v in chart_filters.values if v.param != "has_amount"),
        category=category,
        target_level=target_level,
        categories=CATEGORIES,
        target_levels=TARGET_LEVELS,
        category_counts=facet_counts(session, all_filters, "category"),
        newest=article_summaries(session, limit=NEWEST_ARTICLES),
        title=title,
        chart_explorer=explorer_url(chart_params.model_copy(update={"has_amount": None})),
    )

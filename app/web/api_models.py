"""The JSON API's response shapes, which are also its OpenAPI documentation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from app.export.records import IncentiveFacts, as_stored, facts
from app.links import article_url, place_url
from app.models import Place
from app.places.english import english_name
from app.query.incentives import IncentiveRow
from app.query.places import ArticleSummary, PlaceSummary


class PlaceRef(BaseModel):
    slug: str
    name: str
    name_en: str  # pinyin with the place's type: "Kelamayi City"


class ArticleRef(BaseModel):
    id: int
    title: str | None
    publisher: str | None
    published: date | None
    url: str


class IncentiveOut(IncentiveFacts):
    """An incentive: the fields every export shares, with its place and article as references."""

    place: PlaceRef | None
    province: str | None
    article: ArticleRef


class FilterOut(BaseModel):
    param: str
    value: str
    label: str


class IncentivePage(BaseModel):
    total: int
    # a text query is counted up to 1,000 matches: true when there are more than `total`
    total_is_lower_bound: bool = False
    page: int
    size: int
    pages: int
    title: str
    filters: list[FilterOut]
    next: str | None
    prev: str | None
    csv: str
    items: list[IncentiveOut]


class PlaceFacts(BaseModel):
    """What the list of places and one place's page both say of a place."""

    slug: str
    name: str
    name_en: str
    level: str
    province: str


def place_facts(place: Place) -> dict[str, Any]:
    return {
        "slug": place.slug,
        "name": place.name,
        "name_en": english_name(place.name),
        "level": place.level,
        "province": place.province_name,
    }


class PlaceOut(PlaceFacts):
    parent: str | None
    incentives: int
    articles: int
    top_amount_yuan: int | None
    url: str


class NamedItem(BaseModel):
    id: int
    name: str
    quote: str


class MetricOut(NamedItem):
    value: float
    unit: str
    year: int | None


class PlaceDetail(PlaceFacts):
    parent: PlaceRef | None
    children: list[PlaceRef]
    incentives: list[IncentiveOut]
    policies: list[NamedItem]
    metrics: list[MetricOut]
    articles: list[ArticleRef]


def place_ref(place: Place) -> PlaceRef:
    return _ref(place.slug, place.name)


def _ref(slug: str, name: str) -> PlaceRef:
    return PlaceRef(slug=slug, name=name, name_en=english_name(name))


def incentive_out(row: IncentiveRow, category_label: Callable[[str], str]) -> IncentiveOut:
    """Data as stored (simplified), the category's label as `category_label` gives it."""
    inc = row.incentive
    return IncentiveOut(
        **facts(inc, category_label, as_stored),
        place=_ref(row.place_slug, row.place_name) if row.place_slug and row.place_name else None,
        province=row.province_name,
        article=_article_ref(inc.article_id, row.article_title, row.article_source, row.article_published),
    )


def _article_ref(
    article_id: int, title: str | None, publisher: str | None, published: date | None
) -> ArticleRef:
    return ArticleRef(
        id=article_id, title=title, publisher=publisher, published=published, url=article_url(article_id)
    )


def article_ref(article: ArticleSummary) -> ArticleRef:
    return _article_ref(article.id, article.title, article.source, article.published)


def place_out(summary: PlaceSummary, parent_slug: str | None) -> PlaceOut:
    p = summary.place
    return PlaceOut(
        **place_facts(p),
        parent=parent_slug,
        incentives=summary.incentives,
        articles=summary.articles,
        top_amount_yuan=summary.top_amount,
        url=place_url(p.slug),
    )

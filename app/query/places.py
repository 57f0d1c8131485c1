"""Places as the dashboard lists them: which have data, how much, and their parents and children.

Of the 3,228 places in the gazetteer only a handful have articles; lists show those, and a province or
prefecture shows the subdivisions under which there is data (at any depth).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from app.models import Article, Incentive, Place

PLACE_SORTS = ("name", "province", "incentives", "top_amount")


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    incentives: int
    articles: int
    top_amount: int | None


@dataclass(frozen=True)
class ArticleSummary:
    """An article without its (large) texts and bytes: what lists of articles show."""

    id: int
    title: str | None
    source: str | None
    published: date | None
    file_name: str
    place_name: str | None
    place_slug: str | None


def place_summaries(session: Session) -> list[PlaceSummary]:
    """Every place that has an article or an incentive attributed to it, with its counts."""
    incentive_stats = {
        place_id: (count, top)
        for place_id, count, top in session.exec(
            select(Incentive.place_id, func.count(Incentive.id), func.max(Incentive.amount_yuan))
            .where(Incentive.place_id.is_not(None)).group_by(Incentive.place_id)
        ).all()
    }
    article_counts = dict(session.exec(
        select(Article.place_id, func.count(Article.id)).where(Article.place_id.is_not(None))
        .group_by(Article.place_id)
    ).all())
    ids = set(incentive_stats) | set(article_counts)
    if not ids:
        return []
    places = session.exec(select(Place).where(Place.id.in_(ids))).all()
    return [
        PlaceSummary(place=p, incentives=incentive_stats.get(p.id, (0, None))[0],
                     articles=article_counts.get(p.id, 0), top_amount=incentive_stats.get(p.id, (0, None))[1])
        for p in places
    ]


def sort_summaries(summaries: list[PlaceSummary], sort: str) -> list[PlaceSummary]:
    """Name sorts by pinyin slug (how Chinese readers look names up); numbers sort largest first."""
    keys = {
        "name": lambda s: s.place.slug,
        "province": lambda s: (s.place.province_code, s.place.slug),
        "incentives": lambda s: (-s.incentives, s.place.slug),
        "top_amount": lambda s: (-(s.top_amount or -1), s.place.slug),
    }
    return sorted(summaries, key=keys[sort])


def ids_with_data(session: Session, summaries: list[PlaceSummary]) -> set[int]:
    """Places with data and all their ancestors, so that a province leads to the prefectures below it."""
    ids = {s.place.id for s in summaries}
    frontier = {s.place.parent_id for s in summaries} - {None}
    while frontier - ids:
        new = frontier - ids
        ids |= new
        frontier = set(session.exec(select(Place.parent_id).where(Place.id.in_(new))).all()) - {None}
    return ids


def children_with_data(session: Session, place: Place) -> list[Place]:
    ids = ids_with_data(session, place_summaries(session))
    return list(session.exec(
        select(Place).where(Place.parent_id == place.id, Place.id.in_(ids)).order_by(Place.slug)
    ).all())


def provinces_with_data(session: Session) -> list[Place]:
    codes = select(Incentive.province_code).where(Incentive.province_code.is_not(None)).distinct()
    return list(session.exec(
        select(Place).where(Place.level == "province", Place.province_code.in_(codes)).order_by(Place.slug)
    ).all())


def places_with_incentives(session: Session) -> list[Place]:
    ids = select(Incentive.place_id).where(Incentive.place_id.is_not(None)).distinct()
    return list(session.exec(select(Place).where(Place.id.in_(ids)).order_by(Place.slug)).all())


def article_summaries(session: Session, *conditions: ColumnElement[bool], limit: int | None = None) -> list[
        ArticleSummary]:
    """Articles, newest first (undated last)."""
    query = (
        select(Article.id, Article.title, Article.source, Article.published, Article.file_name, Place.name,
               Place.slug)
        .outerjoin(Place, Place.id == Article.place_id)
        .where(*conditions)
        .order_by(Article.published.desc().nulls_last(), Article.id.desc())
        .limit(limit)
    )
    return [ArticleSummary(*row) for row in session.exec(query).all()]

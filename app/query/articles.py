"""One article with everything read out of it, and the policies and metrics stored for a place.

The article page marks every extracted item in the text, so it needs the rows in text order; a
roundup's rows each carry their own place, which the page names beside them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article, Incentive, Metric, Place, Policy


@dataclass(frozen=True)
class ArticleItems:
    article: Article
    place: Place | None
    incentives: Sequence[Incentive]
    metrics: Sequence[Metric]
    policies: Sequence[Policy]
    row_places: dict[int, Place]  # places of rows that are not the article's own (roundups)


def article_items(session: Session, article_id: int) -> ArticleItems | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    incentives = session.exec(
        select(Incentive)
        .where(Incentive.article_id == article_id)
        .order_by(col(Incentive.quote_start), col(Incentive.id))
    ).all()
    metrics = session.exec(
        select(Metric).where(Metric.article_id == article_id).order_by(col(Metric.quote_start))
    ).all()
    policies = session.exec(
        select(Policy).where(Policy.article_id == article_id).order_by(col(Policy.quote_start))
    ).all()
    others = {i.place_id for i in incentives if i.place_id and i.place_id != article.place_id}
    row_places = (
        {p.id: p for p in session.exec(select(Place).where(col(Place.id).in_(others))).all() if p.id}
        if others
        else {}
    )
    place = session.get(Place, article.place_id) if article.place_id else None
    return ArticleItems(article, place, incentives, metrics, policies, row_places)


def article(session: Session, article_id: int) -> Article | None:
    return session.get(Article, article_id)


def article_count(session: Session) -> int:
    return session.exec(select(func.count(col(Article.id)))).one()


def place_policies(session: Session, place_id: int) -> Sequence[Policy]:
    return session.exec(select(Policy).where(Policy.place_id == place_id).order_by(col(Policy.id))).all()


METRICS_SHOWN = 12  # a city's figures pile up with every article about it; the newest stand for it


def place_metrics(session: Session, place_id: int) -> Sequence[Metric]:
    return session.exec(select(Metric).where(Metric.place_id == place_id).order_by(col(Metric.id))).all()


def newest_metrics(session: Session, place_id: int) -> Sequence[Metric]:
    """The place's figures from its most recently stored articles first, at most METRICS_SHOWN."""
    query = select(Metric).where(Metric.place_id == place_id).order_by(col(Metric.id).desc()).limit(METRICS_SHOWN)
    return session.exec(query).all()


def place_metric_count(session: Session, place_id: int) -> int:
    return session.exec(select(func.count(col(Metric.id))).where(Metric.place_id == place_id)).one()

"""Places as the dashboard lists them: which have data, how much, and their parents and children.

Of the 3,228 places in the gazetteer only a handful have articles; lists show those, and a province or
prefecture shows the subdivisions under which there is data (at any depth).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Literal, NamedTuple

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from app.models import Article, Incentive, Place
from app.places.english import english_name
from app.query.cache import cached, cached_if
from app.query.tree import place_tree

PLACE_SORTS = ("name", "province", "incentives", "top_amount")
PlaceSort = Literal[PLACE_SORTS]  # type: ignore[valid-type]
SUGGESTIONS = 20


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


def place_with_slug(session: Session, slug: str, *, province: bool = False) -> Place | None:
    """The place a URL names, once per data version: the explorer, the comparison and a place's page
    ask on every request. A place that is not there is not remembered (any slug may be tried)."""

    def read() -> tuple[Place | None, bool]:
        query = select(Place).where(Place.slug == slug)
        if province:
            query = query.where(Place.level == "province")
        place = session.exec(query).first()
        if place is None:
            return None, False
        session.expunge(place)  # shared by every request from now on: no session may own it
        return place, True

    return cached_if(session, "place_with_slug", (slug, province), read)[0]


def ancestors(session: Session, place: Place) -> list[Place]:
    """The places above this one, nearest first: its parent, ..., its province."""
    if place.id is None:  # not stored: nothing above it
        return []
    found = (session.get(Place, a) for a in place_tree(session).ancestors(place.id))
    return [p for p in found if p is not None]


def slugs_by_id(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.exec(select(col(Place.id), col(Place.slug)).where(col(Place.id).in_(ids))).all()
    return {place_id: slug for place_id, slug in rows if place_id is not None}


def place_summaries(session: Session) -> list[PlaceSummary]:
    """Every place that has an article or an incentive attributed to it, with its counts."""
    incentive_stats = {
        place_id: (count, top)
        for place_id, count, top in session.exec(
            select(col(Incentive.place_id), func.count(col(Incentive.id)), func.max(Incentive.amount_yuan))
            .where(col(Incentive.place_id).is_not(None))
            .group_by(col(Incentive.place_id))
        ).all()
    }
    article_counts = dict(
        session.exec(
            select(col(Article.place_id), func.count(col(Article.id)))
            .where(col(Article.place_id).is_not(None))
            .group_by(col(Article.place_id))
        ).all()
    )
    ids = set(incentive_stats) | set(article_counts)
    if not ids:
        return []
    places = session.exec(select(Place).where(col(Place.id).in_(ids))).all()
    return [
        PlaceSummary(
            place=p,
            incentives=incentive_stats.get(p.id, (0, None))[0],
            articles=article_counts.get(p.id, 0),
            top_amount=incentive_stats.get(p.id, (0, None))[1],
        )
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


@dataclass(frozen=True)
class ChildSummary:
    """A subdivision with data, and what lies under it in all: its offers and its best one."""

    place: Place
    incentives: int
    top_amount: int | None


def children_summaries(session: Session, place: Place) -> list[ChildSummary]:
    """The place's children under which there is data, each with the count and best amount of the
    offers at or below it. One grouped query over the descendants (by province code for a
    province, whose descendants are hundreds), rolled up to the children in Python."""
    if place.id is None:  # not stored: nothing below it
        return []
    tree = place_tree(session)
    below = tree.descendants(place.id)
    if not below:
        return []
    where = (
        Incentive.province_code == place.province_code
        if place.level == "province"
        else col(Incentive.place_id).in_(below)
    )
    counts: dict[int, int] = {}
    tops: dict[int, int] = {}
    for place_id, count, top in session.exec(
        select(col(Incentive.place_id), func.count(col(Incentive.id)), func.max(Incentive.amount_yuan))
        .where(where, col(Incentive.place_id).is_not(None), col(Incentive.place_id) != place.id)
        .group_by(col(Incentive.place_id))
    ).all():
        child = tree.top_child(place.id, place_id)
        if child is None:
            continue
        counts[child] = counts.get(child, 0) + count
        if top is not None:
            tops[child] = max(tops.get(child, top), top)
    with_articles = {
        tree.top_child(place.id, pid)
        for pid in session.exec(
            select(col(Article.place_id)).where(col(Article.place_id).in_(below)).distinct()
        ).all()
    }
    ids = (set(counts) | with_articles) - {None}
    if not ids:
        return []
    places = session.exec(select(Place).where(col(Place.id).in_(ids)).order_by(col(Place.slug))).all()
    return [ChildSummary(p, counts.get(p.id, 0), tops.get(p.id)) for p in places if p.id is not None]


class PlaceName(NamedTuple):
    """A place as a filter form lists it: plain values, cheap to keep across requests."""

    slug: str
    name: str


class PlaceChoice(NamedTuple):
    """A place a reader can pick, with how many incentives it has (what ranks suggestions)."""

    slug: str
    name: str
    incentives: int


def provinces_with_data(session: Session) -> tuple[PlaceName, ...]:
    """Provinces with at least one incentive, by slug; computed once per data version."""

    def compute() -> tuple[PlaceName, ...]:
        codes = (
            select(col(Incentive.province_code)).where(col(Incentive.province_code).is_not(None)).distinct()
        )
        query = (
            select(col(Place.slug), col(Place.name))
            .where(Place.level == "province", col(Place.province_code).in_(codes))
            .order_by(col(Place.slug))
        )
        return tuple(PlaceName(*row) for row in session.exec(query).all())

    return cached(session, "provinces_with_data", (), compute)


def places_with_incentives(session: Session) -> tuple[PlaceChoice, ...]:
    """Places with at least one incentive and their counts, by slug; computed once per data version."""

    def compute() -> tuple[PlaceChoice, ...]:
        counts = (
            select(col(Incentive.place_id), func.count(col(Incentive.id)).label("n"))
            .where(col(Incentive.place_id).is_not(None))
            .group_by(col(Incentive.place_id))
            .subquery()
        )
        query = (
            select(Place.slug, Place.name, counts.c.n)
            .join(counts, counts.c.place_id == Place.id)
            .order_by(Place.slug)
        )
        return tuple(PlaceChoice(*row) for row in session.exec(query).all())

    return cached(session, "places_with_incentives", (), compute)


def suggest_places(
    session: Session, query: str, *, exclude: frozenset[str] = frozenset(), limit: int = SUGGESTIONS
) -> list[PlaceChoice]:
    """Up to `limit` places with incentives for a type-ahead: names or slugs that start with the query
    first, then those containing it, each group by number of incentives; no query: the biggest places.

    Why in Python: the list is cached per data version and holds a few thousand short strings, which
    a scan reads in well under a millisecond, on every database alike.
    """
    needle = " ".join(query.lower().split())
    if not needle:  # the explorer's and the comparison's default list, on every cold page
        biggest = cached(
            session,
            "biggest_places",
            (),
            lambda: tuple(sorted(places_with_incentives(session), key=lambda c: (-c.incentives, c.slug))),
        )
        # stop at the limit: the list has a place for every place with data
        return list(islice((choice for choice in biggest if choice.slug not in exclude), limit))
    ranked: list[tuple[int, int, str, PlaceChoice]] = []
    for choice in places_with_incentives(session):
        if choice.slug in exclude:
            continue
        english = english_name(choice.name).lower()  # "aksu", "futian district" find theirs too
        if not needle or any(k.startswith(needle) for k in (choice.name, choice.slug, english)):
            rank = 0
        elif needle in choice.name or needle in choice.slug or needle in english:
            rank = 1
        else:
            continue
        ranked.append((rank, -choice.incentives, choice.slug, choice))
    ranked.sort()
    return [choice for *_, choice in ranked[:limit]]


def articles_about(place_id: int) -> ColumnElement[bool]:
    """The articles a place page lists: those attributed to it, and the roundups that give it rows
    of its own (an article on 南京, 南通 and 宿迁 is stored under 江苏省 but is about each of them)."""
    own_rows = select(col(Incentive.article_id)).where(Incentive.place_id == place_id)
    return or_(col(Article.place_id) == place_id, col(Article.id).in_(own_rows))


def article_summaries(
    session: Session, *conditions: ColumnElement[bool], limit: int | None = None
) -> list[ArticleSummary]:
    """Articles, newest first (undated last)."""
    query = (  # SQLAlchemy's select: SQLModel's is typed for at most four columns
        sa_select(
            col(Article.id),
            col(Article.title),
            col(Article.source),
            col(Article.published),
            col(Article.file_name),
            col(Place.name),
            col(Place.slug),
        )
        .outerjoin(Place, col(Place.id) == col(Article.place_id))
        .where(*conditions)
        .order_by(col(Article.published).desc().nulls_last(), col(Article.id).desc())
        .limit(limit)
    )
    return [ArticleSummary(*row) for row in session.execute(query).all()]

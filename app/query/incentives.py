"""Reading incentives through resolved filters: a page of rows, every row (CSV), counts and facets.

The explorer page, the JSON API, the CSV export, the overview chart and the comparison all come here,
so a filter means the same thing everywhere it appears.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from math import ceil

from sqlalchemy import Row, case, func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, select

from app.models import Article, Incentive, IncentiveTargetLevel, Place
from app.query.cache import cached
from app.query.filters import ResolvedFilters
from app.vocab import CATEGORIES

CSV_MAX_ROWS = 100_000

CATEGORY_ORDER = case(
    {t.slug: i for i, t in enumerate(CATEGORIES)}, value=Incentive.category, else_=len(CATEGORIES)
)


@dataclass(frozen=True)
class IncentiveRow:
    """An incentive with the place and article facts every listing shows next to it."""

    incentive: Incentive
    place_name: str | None
    place_slug: str | None
    province_name: str | None
    article_title: str | None
    article_source: str | None
    article_published: date | None


@dataclass(frozen=True)
class ResultPage:
    rows: list[IncentiveRow]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))


def _rows_select():
    return (
        select(
            Incentive,
            Place.name,
            Place.slug,
            Place.province_name,
            Article.title,
            Article.source,
            Article.published,
        )
        .join(Article, Article.id == Incentive.article_id)
        .outerjoin(Place, Place.id == Incentive.place_id)
    )


def _order_by(sort: str) -> list[ColumnElement]:
    amount_desc = Incentive.amount_yuan.desc().nulls_last()
    orders: dict[str, list[ColumnElement]] = {
        "amount": [amount_desc],
        "amount_asc": [Incentive.amount_yuan.asc().nulls_last()],
        "place": [Place.slug.asc().nulls_last(), CATEGORY_ORDER, amount_desc],
        "category": [CATEGORY_ORDER, amount_desc],
        "date": [Incentive.published.desc().nulls_last(), amount_desc],
        "date_asc": [Incentive.published.asc().nulls_last(), amount_desc],
    }
    return [*orders[sort], Incentive.id.asc()]  # the id makes every order total, so pages never overlap


def _row(values: tuple) -> IncentiveRow:
    return IncentiveRow(*values)


def count_incentives(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.exec(select(func.count(Incentive.id)).where(*conditions)).one()


def _filter_key(resolved: ResolvedFilters, without: str | None = None) -> tuple[tuple[str, str], ...]:
    """The filters alone (no sort or page, optionally without one parameter) as a cache key."""
    return tuple(
        (k, v) for k, v in resolved.params.query_pairs(page=False) if k not in ("sort", "size", without)
    )


def cached_count(session: Session, resolved: ResolvedFilters) -> int:
    """How many incentives match, once per (filters, data version): an exact count reads every match,
    and every page, sort order and facet link of one view asks for the same number."""
    return cached(
        session,
        "count_incentives",
        _filter_key(resolved),
        lambda: count_incentives(session, resolved.conditions),
    )


def search(session: Session, resolved: ResolvedFilters) -> ResultPage:
    """One page of the filtered, sorted incentives and how many there are in all."""
    params = resolved.params
    total = cached_count(session, resolved)
    query = (
        _rows_select()
        .where(*resolved.conditions)
        .order_by(*_order_by(params.sort))
        .offset((params.page - 1) * params.size)
        .limit(params.size)
    )
    rows = [_row(r) for r in session.exec(query).all()]
    return ResultPage(rows=rows, total=total, page=params.page, size=params.size)


@dataclass(frozen=True)
class NewRow:
    """A row of a feed: the incentive and when the atlas read it, which is when it is news."""

    row: IncentiveRow
    ingested_at: datetime


def newest_rows(session: Session, resolved: ResolvedFilters, limit: int) -> list[NewRow]:
    """The matching incentives most recently added, newest first: ids grow with every ingest, and a
    replaced article's rows are new rows."""
    query = (
        _rows_select()
        .add_columns(Article.ingested_at)
        .where(*resolved.conditions)
        .order_by(Incentive.id.desc())
        .limit(limit)
    )
    return [NewRow(_row(values[:-1]), values[-1]) for values in session.exec(query).all()]


def all_rows(session: Session, resolved: ResolvedFilters) -> Iterator[IncentiveRow]:
    """Every matching row in the chosen order (for CSV), streamed, up to a generous cap."""
    query = (
        _rows_select()
        .where(*resolved.conditions)
        .order_by(*_order_by(resolved.params.sort))
        .limit(CSV_MAX_ROWS)
    )
    for values in session.exec(query.execution_options(yield_per=500)):
        yield _row(values)


CSV_COLUMNS = (
    Incentive.id,
    Incentive.category,
    Incentive.amount_yuan,
    Incentive.amount_kind,
    Incentive.period,
    Incentive.duration_months,
    Incentive.targets,
    Incentive.target_levels,
    Incentive.conditions,
    Incentive.quote,
    Incentive.article_id,
    Place.name.label("place_name"),
    Place.slug.label("place_slug"),
    Place.province_name,
    Article.title.label("article_title"),
    Article.source.label("article_source"),
    Article.published.label("article_published"),
)


def flat_rows(session: Session, resolved: ResolvedFilters) -> Iterator[Row]:
    """Every matching row as plain columns (for CSV), in the chosen order, streamed, up to the cap.

    Why not `all_rows`: building an ORM `Incentive` per row was two thirds of a CSV export; a CSV
    needs values, not entities.
    """
    query = (
        select(*CSV_COLUMNS)
        .join(Article, Article.id == Incentive.article_id)
        .outerjoin(Place, Place.id == Incentive.place_id)
        .where(*resolved.conditions)
        .order_by(*_order_by(resolved.params.sort))
        .limit(CSV_MAX_ROWS)
    )
    yield from session.execute(query.execution_options(yield_per=500))


def incentive_row(session: Session, incentive_id: int) -> IncentiveRow | None:
    values = session.exec(_rows_select().where(Incentive.id == incentive_id)).first()
    return _row(values) if values else None


def facet_counts(session: Session, resolved: ResolvedFilters, param: str) -> dict[str, int]:
    """How many incentives each value of a parameter would give, the other filters staying as they are.

    Cached per (parameter, other filters, data version): a facet no filter narrows is a GROUP BY over
    the whole table, and the filter space readers visit is small (12 categories x 14 levels x 31
    provinces). The caller gets its own copy of the shared result.
    """
    return dict(
        cached(
            session,
            "facet_counts",
            (param, _filter_key(resolved, without=param)),
            lambda: _facet_counts(session, resolved, param),
        )
    )


def _facet_counts(session: Session, resolved: ResolvedFilters, param: str) -> dict[str, int]:
    conditions = resolved.conditions_except(param)
    if param == "category":
        query = select(Incentive.category, func.count(Incentive.id)).group_by(Incentive.category)
    elif param == "target_level":
        query = (
            select(IncentiveTargetLevel.level, func.count(Incentive.id))
            .join(Incentive, Incentive.id == IncentiveTargetLevel.incentive_id)
            .group_by(IncentiveTargetLevel.level)
        )
    else:
        raise ValueError(f"no facet for {param}")
    return dict(session.exec(query.where(*conditions)).all())


@dataclass(frozen=True)
class PlaceOffer:
    """A place's largest offer under some filters: what a headline chart draws."""

    place: Place
    incentive: Incentive


def top_offer_per_place(
    session: Session, conditions: list[ColumnElement[bool]], limit: int = 20
) -> list[PlaceOffer]:
    """Each place's single largest amount among matching incentives, largest first."""
    ranked = (
        select(
            Incentive.id,
            func.row_number()
            .over(
                partition_by=Incentive.place_id, order_by=(Incentive.amount_yuan.desc(), Incentive.id.asc())
            )
            .label("rank"),
        )
        .where(*conditions, Incentive.amount_yuan.is_not(None), Incentive.place_id.is_not(None))
        .subquery()
    )
    query = (
        select(Place, Incentive)
        .join(Incentive, Incentive.place_id == Place.id)
        .join(ranked, ranked.c.id == Incentive.id)
        .where(ranked.c.rank == 1)
        .order_by(Incentive.amount_yuan.desc(), Place.slug)
        .limit(limit)
    )
    return [PlaceOffer(place, incentive) for place, incentive in session.exec(query).all()]

"""Reading incentives through resolved filters: a page of rows, every row (CSV), counts and facets.

The explorer page, the JSON API, the CSV export, the overview chart and the comparison all come here,
so a filter means the same thing everywhere it appears.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from math import ceil
from typing import Any

from sqlalchemy import Row, SQLColumnExpression, and_, case, false, func, or_, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from app.db import is_sqlite
from app.models import Article, Incentive, IncentiveTally, Place
from app.query.cache import cached
from app.query.filters import ResolvedFilters
from app.query.joins import OuterLoopJoin
from app.query.params import FILTER_BY_KEY
from app.vocab import CATEGORIES

CSV_MAX_ROWS = 100_000

CATEGORY_RANK = {t.slug: i for i, t in enumerate(CATEGORIES)}
CATEGORY_ORDER = case(CATEGORY_RANK, value=Incentive.category, else_=len(CATEGORIES))


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
    more: bool = False  # a text query with more matches than `total` (TEXT_COUNT_LIMIT): "1000+"

    @property
    def shown_total(self) -> str:
        return f"{self.total}+" if self.more else str(self.total)

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))


def _rows_select():
    return (
        sa_select(  # SQLAlchemy's select: SQLModel's is typed for at most four columns
            Incentive,
            col(Place.name),
            col(Place.slug),
            col(Place.province_name),
            col(Article.title),
            col(Article.source),
            col(Article.published),
        )
        .join(Article, col(Article.id) == col(Incentive.article_id))
        .outerjoin(Place, col(Place.id) == col(Incentive.place_id))
    )


def _desc(column, sqlite: bool) -> ColumnElement:
    """Largest first, missing values last. SQLite sorts NULL lowest, so a plain DESC already puts
    them last, and only a plain DESC lets it walk an index instead of sorting every match;
    PostgreSQL sorts NULL highest and needs the words."""
    return column.desc() if sqlite else column.desc().nulls_last()


def _order_by(sort: str, sqlite: bool = False) -> list[ColumnElement]:
    amount_desc = _desc(Incentive.amount_yuan, sqlite)
    orders: dict[str, list[ColumnElement]] = {
        "amount": [amount_desc],
        "amount_asc": [col(Incentive.amount_yuan).asc().nulls_last()],
        "place": [col(Place.slug).asc().nulls_last(), CATEGORY_ORDER, amount_desc],
        "category": [CATEGORY_ORDER, amount_desc],
        "date": [_desc(Incentive.published, sqlite), amount_desc],
        "date_asc": [col(Incentive.published).asc().nulls_last(), amount_desc],
    }
    return [*orders[sort], col(Incentive.id).asc()]  # the id makes every order total, so pages never overlap


def _session_is_sqlite(session: Session) -> bool:
    return is_sqlite(session.get_bind().engine)


def _row(values: tuple) -> IncentiveRow:
    return IncentiveRow(*values)


def count_incentives(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.exec(select(func.count(col(Incentive.id))).where(*conditions)).one()


def _filter_key(resolved: ResolvedFilters, without: str | None = None) -> tuple[tuple[str, str], ...]:
    """The filters alone (no sort or page, optionally without one parameter) as a cache key."""
    return tuple(
        (k, v) for k, v in resolved.params.query_pairs(page=False) if k not in ("sort", "size", without)
    )


# A text query is counted exactly up to this many matches, and beyond it shown as "more than": a
# word as common as 博士 matches 68,000 rows at 10,000 articles, and an exact count, two facets and
# a sorted page over all of them took 300 ms, for a number nobody needs exactly.
TEXT_COUNT_LIMIT = 1000


def _count(session: Session, resolved: ResolvedFilters) -> int:
    """The number of matches; for a text query at most TEXT_COUNT_LIMIT + 1 (see ResultPage.more)."""
    if "q" in resolved.where:
        first = select(Incentive.id).where(*resolved.conditions).limit(TEXT_COUNT_LIMIT + 1).subquery()
        return session.exec(select(func.count()).select_from(first)).one()
    tally = resolved.tally_conditions()
    if tally is None:
        return count_incentives(session, resolved.conditions)
    return int(session.exec(select(func.coalesce(func.sum(IncentiveTally.n), 0)).where(*tally)).one())


def cached_count(session: Session, resolved: ResolvedFilters) -> int:
    """How many incentives match: a sum over incentive_tally where its columns express the filters
    (a few rows instead of every match), else a count of the matches; once per (filters, data
    version), since every page, sort order and facet link of one view asks for the same number."""
    return cached(session, "count_incentives", _filter_key(resolved), lambda: _count(session, resolved))


WALK_MIN_MATCHES = 2000
# Sorted by place, a page walks the country's places in slug order (_ids_by_place) when the matches
# are this many and spread over it; a province or place filter keeps them in a few places, which
# the walk would reach only after visiting the rest.
PLACE_WALK_MIN_MATCHES = 300
REGION_FILTERS = ("province", "place")
INDEXED_FILTERS = ("category", "province", "place")  # each narrows a page's read through an index


def search(session: Session, resolved: ResolvedFilters) -> ResultPage:
    """One page of the filtered, sorted incentives and how many there are in all.

    The page's ids, ordered, come from the incentive table alone (and the place's slug when sorting
    by place), as a subquery the rows with their article and place are joined to. Why: joined
    first, every match fetched its article before the sort picked fifty of them (60 ms for 6,700
    matches at 10,000 articles; the ids alone take 4 ms).

    The count, known first, shapes the first step: past the last match there is nothing to read,
    and a level is probed per row (conditions_probing) when matches are many (walking an index in
    the page's order finds a page's worth soon) or another filter's index narrows the rows to probe.
    Only a level alone with few matches reads its list of ids: a walk would pass most of the table."""
    params = resolved.params
    total = cached_count(session, resolved)
    more = "q" in resolved.where and total > TEXT_COUNT_LIMIT
    total = min(total, TEXT_COUNT_LIMIT) if more else total
    offset = (params.page - 1) * params.size
    if offset >= total and not more:
        return ResultPage(rows=[], total=total, page=params.page, size=params.size)
    probed = []
    if total >= WALK_MIN_MATCHES or any(p in resolved.where for p in INDEXED_FILTERS):
        probed.append("target_level")
    if more:  # a word this common is found soon along any order; fewer matches are listed and sorted
        probed.append("q")
    conditions = resolved.conditions_probing(*probed)
    # by kind, from the facet counts, when the matches are many; a few are sorted as they are.
    # Not for a text query past the limit, whose counts are not read.
    by_spans = params.sort == "category" and not more and total >= WALK_MIN_MATCHES
    spans = _category_spans(session, resolved, offset) if by_spans else None
    sqlite = _session_is_sqlite(session)
    if spans is not None:
        page_ids = _ids_by_category(conditions, spans, params.size, sqlite)
    elif (
        params.sort == "place"
        and not more
        and total >= PLACE_WALK_MIN_MATCHES
        and not any(p in resolved.where for p in REGION_FILTERS)
        and offset + params.size <= total - _unattributed_count(session, resolved)
    ):
        page_ids = _ids_by_place(conditions, offset, params.size, sqlite)
    else:
        ids_query = select(Incentive.id)
        if params.sort == "place":
            ids_query = ids_query.outerjoin(Place, col(Place.id) == col(Incentive.place_id))
        page_ids = (
            ids_query.where(*conditions)
            .order_by(*_order_by(params.sort, sqlite))
            .offset(offset)
            .limit(params.size)
        )
    # One statement, the ids as its subquery: two would each see the latest commit, and an article
    # replaced between them would show only some of its rows.
    page = page_ids.subquery()
    query = (
        _rows_select()
        .join(page, page.c.id == col(Incentive.id))  # a join, so that the page's ids drive the read
        .order_by(*_order_by(params.sort, sqlite))
        .limit(params.size)
    )
    rows = [_row(r) for r in session.execute(query).all()]
    return ResultPage(rows=rows, total=total, page=params.page, size=params.size, more=more)


def _unattributed_count(session: Session, resolved: ResolvedFilters) -> int:
    """How many matches have no place (sorted by place, they come last); once per (filters, data
    version), through the place index's NULL entries."""
    return cached(
        session,
        "unattributed_count",
        _filter_key(resolved),
        lambda: count_incentives(session, [*resolved.conditions, col(Incentive.place_id).is_(None)]),
    )


def _ids_by_place(conditions: list[ColumnElement[bool]], offset: int, size: int, sqlite: bool):
    """A page of many matches sorted by place, that lies among the matches with a place: places in
    slug order (an index) as the outer loop, each one's matching rows through its own index, until
    the page is full (see app.query.joins). With few matches, or matches in one region, reading
    them all and sorting is cheaper than visiting every place (PLACE_WALK_MIN_MATCHES)."""
    walk = OuterLoopJoin(Place, Incentive, col(Place.id) == col(Incentive.place_id))
    return (
        select(Incentive.id)
        .select_from(walk)
        .where(*conditions)
        .order_by(col(Place.slug), CATEGORY_ORDER, _desc(Incentive.amount_yuan, sqlite), col(Incentive.id))
        .offset(offset)
        .limit(size)
    )


def _category_spans(session: Session, resolved: ResolvedFilters, offset: int) -> list[tuple[str, int]] | None:
    """For a page sorted by category: each category the page may reach, in the vocabulary's order,
    with how many of its rows the page skips; None when the facet counts cannot say (a category
    outside the vocabulary).

    Why: the order is a CASE over the category, which no index holds, so the whole match was sorted
    (40 ms for 160,000 rows); the facet counts, already known, tell which categories the page falls
    in, and each of those is read in amount order along the (category, amount_yuan) index."""
    counts = facet_counts(session, resolved, "category")
    chosen = resolved.params.category
    if chosen:
        counts = {c: n for c, n in counts.items() if c in chosen}
    if any(c not in CATEGORY_RANK for c in counts):
        return None
    spans = []
    for category in sorted(counts, key=CATEGORY_RANK.__getitem__):
        if offset >= counts[category]:
            offset -= counts[category]
            continue
        spans.append((category, offset))
        offset = 0
    return spans


def _ids_by_category(
    conditions: list[ColumnElement[bool]], spans: list[tuple[str, int]], size: int, sqlite: bool
):
    """The page's ids as one subquery: each spanned category's rows in amount order, at most a page
    of each; the caller's order (category, then amount) keeps the page's first `size`."""
    parts = [
        select(Incentive.id)
        .where(*conditions, Incentive.category == category)
        .order_by(*_order_by("amount", sqlite))
        .offset(skip)
        .limit(size)
        .subquery()
        for category, skip in spans
    ]
    if not parts:
        return select(Incentive.id).where(false())
    return union_all(*(select(part.c.id) for part in parts))


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
        .order_by(col(Incentive.id).desc())
        .limit(limit)
    )
    return [NewRow(_row(values[:-1]), values[-1]) for values in session.execute(query).all()]


def all_rows(session: Session, resolved: ResolvedFilters) -> Iterator[IncentiveRow]:
    """Every matching row in the chosen order (for CSV), streamed, up to a generous cap."""
    query = (
        _rows_select()
        .where(*resolved.conditions)
        .order_by(*_order_by(resolved.params.sort, _session_is_sqlite(session)))
        .limit(CSV_MAX_ROWS)
    )
    for values in session.execute(query.execution_options(yield_per=500)):
        yield _row(values)


# An incentive with its place and article as plain columns: the fields of app.export.records'
# IncentiveRecord, read for the explorer's CSV and the CLI's export alike.
RECORD_COLUMNS: tuple[SQLColumnExpression[Any], ...] = (
    col(Incentive.id),
    col(Incentive.category),
    col(Incentive.amount_yuan),
    col(Incentive.amount_min),
    col(Incentive.amount_kind),
    col(Incentive.period),
    col(Incentive.duration_months),
    col(Incentive.targets),
    col(Incentive.target_levels),
    col(Incentive.conditions),
    col(Incentive.quote),
    col(Incentive.quote_start),
    col(Incentive.quote_end),
    col(Incentive.article_id),
    col(Place.name).label("place_name"),
    col(Place.slug).label("place_slug"),
    col(Place.level).label("place_level"),
    col(Place.province_name),
    col(Article.title).label("article_title"),
    col(Article.source).label("article_source"),
    col(Article.published).label("article_published"),
    col(Article.file_name),
)


def _records_select():
    return (
        sa_select(*RECORD_COLUMNS)  # SQLAlchemy's select: SQLModel's is typed for at most four columns
        .join(Article, col(Article.id) == col(Incentive.article_id))
        .outerjoin(Place, col(Place.id) == col(Incentive.place_id))
    )


def flat_rows(session: Session, resolved: ResolvedFilters) -> Iterator[Row]:
    """Every matching row as RECORD_COLUMNS (for CSV), in the chosen order, streamed, up to the cap.

    Why not `all_rows`: building an ORM `Incentive` per row was two thirds of a CSV export; a CSV
    needs values, not entities.
    """
    query = (
        _records_select()
        .where(*resolved.conditions)
        .order_by(*_order_by(resolved.params.sort, _session_is_sqlite(session)))
        .limit(CSV_MAX_ROWS)
    )
    yield from session.execute(query.execution_options(yield_per=500))


def every_record(session: Session) -> Iterator[Row]:
    """Every incentive as RECORD_COLUMNS, by id, uncapped: the CLI's export, which must be whole."""
    query = _records_select().order_by(col(Incentive.id))
    yield from session.execute(query.execution_options(yield_per=500))


def _newest_per_category(place_id: int):
    """Each category's newest publication date among one place's own offers (NULL: none is dated)."""
    return (
        select(col(Incentive.category).label("category"), func.max(col(Incentive.published)).label("newest"))
        .where(col(Incentive.place_id) == place_id)
        .group_by(col(Incentive.category))
        .subquery()
    )


def _split_by_newest(place_id: int, current: bool):
    """A place's own offers that are current (of its newest dated article on their category, or of
    a category no article dates) or, with current=False, the earlier ones: exact complements, NULLs
    included, as app.query.history describes."""
    newest = _newest_per_category(place_id)
    published = col(Incentive.published)
    if current:
        condition = or_(newest.c.newest.is_(None), published == newest.c.newest)
    else:
        condition = and_(newest.c.newest.is_not(None), or_(published.is_(None), published != newest.c.newest))
    return _rows_select().join(newest, newest.c.category == col(Incentive.category)).where(
        col(Incentive.place_id) == place_id, condition
    )


def current_rows(session: Session, place_id: int) -> list[IncentiveRow]:
    """A place's current offers by category (the explorer's category order): a few per category
    however many articles the place has, read without its history."""
    query = _split_by_newest(place_id, current=True).order_by(*_order_by("category", _session_is_sqlite(session)))
    return [_row(values) for values in session.execute(query).all()]


def earlier_rows(session: Session, place_id: int, limit: int) -> tuple[list[IncentiveRow], int]:
    """The `limit` most recently published of a place's earlier offers (undated last), and how many
    there are in all."""
    query = _split_by_newest(place_id, current=False)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    newest_first = query.order_by(_desc(Incentive.published, _session_is_sqlite(session)), col(Incentive.id).desc())
    return [_row(values) for values in session.execute(newest_first.limit(limit)).all()], total


def incentive_row(session: Session, incentive_id: int) -> IncentiveRow | None:
    values = session.execute(_rows_select().where(col(Incentive.id) == incentive_id)).first()
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
    facet = FILTER_BY_KEY[param].spec.facet
    if facet is None:
        raise ValueError(f"no facet for {param}")
    tally = resolved.tally_conditions(without=param)
    if tally is not None:
        return {value: int(n) for value, n in session.exec(facet.tally().where(*tally)).all()}
    return dict(session.exec(facet.exact().where(*resolved.conditions_except(param))).all())


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
            col(Incentive.id),
            func.row_number()
            .over(
                partition_by=col(Incentive.place_id),
                order_by=(col(Incentive.amount_yuan).desc(), col(Incentive.id).asc()),
            )
            .label("rank"),
        )
        .where(*conditions, col(Incentive.amount_yuan).is_not(None), col(Incentive.place_id).is_not(None))
        .subquery()
    )
    query = (
        select(Place, Incentive)
        .join(Incentive, col(Incentive.place_id) == col(Place.id))
        .join(ranked, ranked.c.id == col(Incentive.id))
        .where(ranked.c.rank == 1)
        .order_by(col(Incentive.amount_yuan).desc(), col(Place.slug))
        .limit(limit)
    )
    return [PlaceOffer(place, incentive) for place, incentive in session.exec(query).all()]

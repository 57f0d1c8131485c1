"""The explorer's reads against a reference computed in Python from the same rows: every sort order,
both ways a page is read (walking an index, or reading the matches and sorting), counts from
incentive_tally and from the rows, and facets, over filter combinations of every kind.

The rows are synthetic on purpose: a few hundred incentives whose amounts, dates and periods are
sometimes missing, several levels per row, two provinces and a county, so that ties, NULLs and
every branch of the counting meet in one database.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Article, Incentive, IncentiveTally, IncentiveTargetLevel, Place
from app.query import incentives as incentives_query
from app.query.cache import _cache
from app.query.filters import ResolvedFilters, resolve
from app.query.incentives import cached_count, facet_counts, search
from app.query.params import SORTS, IncentiveFilters
from app.vocab import CATEGORIES

PLACES = ("guangdong", "shenzhen", "futian", "xinjiang", "kelamayi")
LEVELS = ("doctorate", "master", "bachelor", "academician")
PERIODS = (None, "monthly", "yearly", "once")
ROWS = 400


@pytest.fixture
def rows(engine: Engine) -> list[dict]:
    """ROWS incentives over five places (a province, a city and its district, another province and
    city) in 20 articles, plus a few without a place; what was written, with place slugs."""
    rng = random.Random(20261202)
    written: list[dict] = []
    with Session(engine) as session:
        places = {p.slug: p for p in session.exec(select(Place).where(Place.slug.in_(PLACES))).all()}
        assert set(places) == set(PLACES)
        article_ids = []
        for n in range(20):
            published = None if n % 7 == 0 else date(2015, 1, 1) + timedelta(days=97 * n)
            article = Article(
                file_name=f"a{n}.txt", title=f"文章{n}", published=published, raw_bytes=b"x", encoding="utf-8",
                original_text="x", normalised_text="x", script="hans", content_hash=f"h{n}", place_id=None,
                ingested_at=datetime(2026, 12, 1, tzinfo=UTC),
            )  # fmt: skip
            session.add(article)
            session.flush()
            article_ids.append((article.id, published))
        for i in range(ROWS):
            article_id, published = rng.choice(article_ids)
            slug = rng.choice((*PLACES, None)) if i % 40 else None
            place = places.get(slug) if slug else None
            levels = sorted(rng.sample(LEVELS, rng.choice((0, 1, 1, 2, 3))))
            amount = None if rng.random() < 0.2 else rng.choice((5_000, 10_000, 30_000, 100_000, 250_000))
            row = {
                "article_id": article_id, "place_id": place.id if place else None,
                "province_code": place.province_code if place else None, "published": published,
                "category": rng.choice(CATEGORIES[:6]).slug, "amount_yuan": amount, "period": rng.choice(PERIODS),
                "targets": levels, "target_levels": levels, "quote": f"第{i}条", "quote_start": 0, "quote_end": 1,
            }  # fmt: skip
            row["id"] = session.execute(insert(Incentive).returning(Incentive.id), row).scalar_one()
            if levels:
                session.execute(
                    insert(IncentiveTargetLevel), [{"incentive_id": row["id"], "level": lv} for lv in levels]
                )
            written.append(row | {"place_slug": slug, "place_level": place.level if place else None})
        session.commit()
    return written


def _views() -> Iterator[dict]:
    """Filter combinations: nothing, each kind alone, and mixtures, including ones the tally cannot answer."""
    yield {}
    yield {"category": ["housing_subsidy"]}
    yield {"category": ["housing_subsidy", "rent_subsidy"]}
    yield {"target_level": ["doctorate"]}
    yield {"target_level": ["doctorate", "master"]}  # several levels: counted from the rows
    yield {"province": "guangdong"}
    yield {"place": "guangdong"}
    yield {"place": "shenzhen"}  # a city and its district: counted from the rows
    yield {"place": "shenzhen", "place_only": True}
    yield {"period": "monthly"}
    yield {"has_amount": True}
    yield {"has_amount": False}
    yield {"amount_min": 30_000}
    yield {"category": ["settling_allowance"], "target_level": ["master"], "province": "xinjiang"}
    yield {"target_level": ["academician"], "period": "yearly", "has_amount": True}
    yield {"category": ["housing_subsidy"], "target_level": ["bachelor"], "amount_max": 100_000}
    yield {"category": ["package"]}  # nothing matches
    yield {"q": "第1"}  # 111 quotes: 第1条, 第10条 ... 第199条
    yield {"q": "条", "category": ["housing_subsidy"]}


def _matches(view: dict, row: dict, descendants: dict[str, set[str]], provinces: dict[str, str]) -> bool:
    levels = set(row["target_levels"])
    checks = (
        not view.get("category") or row["category"] in view["category"],
        not view.get("target_level") or bool(levels & set(view["target_level"])),
        "province" not in view or row["province_code"] == provinces[view["province"]],
        "place" not in view
        or (row["place_slug"] == view["place"] if view.get("place_only") else row["place_slug"] in descendants[view["place"]]),
        "period" not in view or row["period"] == view["period"],
        "has_amount" not in view or (row["amount_yuan"] is not None) == view["has_amount"],
        "amount_min" not in view or (row["amount_yuan"] is not None and row["amount_yuan"] >= view["amount_min"]),
        "amount_max" not in view or (row["amount_yuan"] is not None and row["amount_yuan"] <= view["amount_max"]),
        "q" not in view or view["q"] in row["quote"],
    )  # fmt: skip
    return all(checks)


CATEGORY_RANK = {t.slug: i for i, t in enumerate(CATEGORIES)}
BIG = float("inf")


def _reference_key(sort: str) -> Callable[[dict], tuple]:
    """The documented orders, spelled out: missing amounts, dates and places always last; the id last."""

    def amount_desc(r: dict) -> float:
        return -r["amount_yuan"] if r["amount_yuan"] is not None else BIG

    def day(r: dict) -> float:
        return r["published"].toordinal() if r["published"] else BIG

    keys: dict[str, Callable[[dict], tuple]] = {
        "amount": lambda r: (amount_desc(r), r["id"]),
        "amount_asc": lambda r: (r["amount_yuan"] if r["amount_yuan"] is not None else BIG, r["id"]),
        "place": lambda r: (
            r["place_slug"] is None, r["place_slug"] or "", CATEGORY_RANK[r["category"]], amount_desc(r), r["id"]
        ),
        "category": lambda r: (CATEGORY_RANK[r["category"]], amount_desc(r), r["id"]),
        "date": lambda r: (-day(r) if r["published"] else BIG, amount_desc(r), r["id"]),
        "date_asc": lambda r: (day(r), amount_desc(r), r["id"]),
    }  # fmt: skip
    return keys[sort]


@pytest.fixture
def reference(engine: Engine, rows: list[dict]) -> Callable[[dict], list[dict]]:
    with Session(engine) as session:
        places = session.exec(select(Place.slug, Place.id, Place.parent_id, Place.province_code)).all()
    slug_of = {pid: slug for slug, pid, _, _ in places}
    provinces = {slug: code for slug, _, _, code in places}
    descendants: dict[str, set[str]] = {}
    for slug, pid, _, _ in places:
        if slug in PLACES:
            found, frontier = {slug}, {pid}
            while frontier:
                frontier = {p for _, p, parent, _ in places if parent in frontier}
                found |= {slug_of[p] for p in frontier}
            descendants[slug] = found
    return lambda view: [r for r in rows if _matches(view, r, descendants, provinces)]


def _resolve(engine: Engine, view: dict, **extra) -> tuple[Session, ResolvedFilters]:
    session = Session(engine)
    return session, resolve(session, IncentiveFilters(**view, **extra))


@pytest.mark.parametrize("probe", [True, False], ids=["walk", "read-and-sort"])
def test_every_sort_and_page_matches_the_reference(
    engine: Engine, reference, probe: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Either way of reading a page must give the same rows: force one, then the other.
    monkeypatch.setattr(incentives_query, "WALK_MIN_MATCHES", 0 if probe else 10**9)
    monkeypatch.setattr(incentives_query, "PLACE_WALK_MIN_MATCHES", 0 if probe else 10**9)
    if not probe:
        monkeypatch.setattr(incentives_query, "INDEXED_FILTERS", ())
    for view in _views():
        expected_all = reference(view)
        for sort in SORTS:
            expected = [r["id"] for r in sorted(expected_all, key=_reference_key(sort))]
            # 3 and 5 start in one category and end in the next; sorted by place, 13 and 14 reach the
            # rows without a place, which come last
            for page in (1, 2, 3, 5, 13, 14, 40):
                _cache.clear()
                session, resolved = _resolve(engine, view, sort=sort, page=page, size=25)
                with session:
                    result = search(session, resolved)
                got = [row.incentive.id for row in result.rows]
                assert result.total == len(expected_all), (view, sort)
                assert got == expected[(page - 1) * 25 : page * 25], (view, sort, page)


@pytest.mark.parametrize("sort", ["amount", "date", "category"])
def test_a_text_query_past_the_counting_limit_says_more_and_still_pages_in_order(
    engine: Engine, reference, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incentives_query, "TEXT_COUNT_LIMIT", 60)
    for view, more in (({"q": "第1"}, True), ({"q": "第1", "category": ["award"]}, False)):
        expected = [r["id"] for r in sorted(reference(view), key=_reference_key(sort))]
        for page in (1, 2, 3):
            _cache.clear()
            session, resolved = _resolve(engine, view, sort=sort, page=page, size=25)
            with session:
                result = search(session, resolved)
            assert result.more is more, view
            assert result.total == (60 if more else len(expected))
            assert [row.incentive.id for row in result.rows] == expected[(page - 1) * 25 : page * 25], (view, page)


def test_counts_and_facets_match_the_rows_whether_the_tally_answers_or_not(engine: Engine, reference) -> None:
    answered = 0
    for view in _views():
        _cache.clear()
        session, resolved = _resolve(engine, view)
        with session:
            answered += resolved.tally_conditions() is not None
            assert cached_count(session, resolved) == len(reference(view)), view
            others = {k: v for k, v in view.items() if k != "category"}
            expected_categories = Counter(r["category"] for r in reference(others))
            assert facet_counts(session, resolved, "category") == dict(expected_categories), view
            others = {k: v for k, v in view.items() if k != "target_level"}
            expected_levels = Counter(lv for r in reference(others) for lv in set(r["target_levels"]))
            assert facet_counts(session, resolved, "target_level") == dict(expected_levels), view
    assert answered >= 10, "most of these views should be counted from the tally"


def _tally(engine: Engine) -> dict[tuple, int]:
    with Session(engine) as session:
        return {
            (t.level, t.category, t.province_code, t.period, t.has_amount): t.n
            for t in session.exec(select(IncentiveTally)).all()
        }


def _tally_from_rows(engine: Engine) -> dict[tuple, int]:
    counts: Counter[tuple] = Counter()
    with Session(engine) as session:
        for category, province, period, amount, levels in session.execute(
            select(Incentive.category, Incentive.province_code, Incentive.period, Incentive.amount_yuan, Incentive.target_levels)
        ):  # fmt: skip
            for level in {"*", *levels}:
                counts[(level, category, province or "", period or "", amount is not None)] += 1
    return dict(counts)


def test_the_tally_follows_inserts_updates_and_deletes_in_the_same_transaction(engine: Engine, rows) -> None:
    assert _tally(engine) == _tally_from_rows(engine)
    with Session(engine) as session:
        some = [r["id"] for r in rows[:60]]
        session.execute(update(Incentive).where(Incentive.id.in_(some[:20])).values(category="award", period=None))
        session.execute(
            update(Incentive).where(Incentive.id.in_(some[20:40])).values(target_levels=["doctorate"], amount_yuan=None)
        )  # fmt: skip
        session.execute(delete(IncentiveTargetLevel).where(IncentiveTargetLevel.incentive_id.in_(some[40:])))
        session.execute(delete(Incentive).where(Incentive.id.in_(some[40:])))
        with Session(engine) as other:  # not committed: another reader still sees the old counts
            before = other.exec(select(func.sum(IncentiveTally.n)).where(IncentiveTally.level == "*")).one()
            assert before == ROWS
        session.commit()
    assert _tally(engine) == _tally_from_rows(engine)
    assert all(n > 0 for n in _tally(engine).values()), "a count that fell to zero is deleted"
    with Session(engine) as session:
        session.execute(delete(IncentiveTargetLevel))
        session.execute(delete(Incentive))
        session.commit()
    assert _tally(engine) == {}

"""The explorer's SQL reads through indexes, on SQLite and on PostgreSQL (a plan check, not a timing).

Why a plan test: at national scale (100,000+ incentives) one full table scan per request is the
difference between an instant page and a slow one, and a plan regresses silently when a query or an
index changes. Timings are the benchmark's business (bench/run.py); this test only asks the database
how it would run the queries.

Which queries: exactly those the real routes send. The test serves /incentives (and the API, the CSV,
a place page and a comparison) with the real app through TestClient, records every SELECT on the
engine, and asks for each one's plan:

- SQLite (`EXPLAIN QUERY PLAN`): no plain `SCAN incentive` / `SCAN incentive_target_level` /
  `SCAN article` (a table scan), and no FTS5 scan without a MATCH constraint. With a filter, the
  count and the page of rows must SEARCH an index, not walk one end to end.
- PostgreSQL (`EXPLAIN` with `enable_seqscan = off`, so that a tiny test table does not make a
  sequential scan the cheapest plan): no `Seq Scan` on those tables, i.e. an index exists that can
  serve the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from app.db import get_engine, is_sqlite
from app.ingest.pipeline import ingest_paths
from app.web.factory import create_app
from bench.corpus import generate

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
HOT_TABLES = ("incentive", "incentive_target_level", "article")

# Explorer views a reader reaches from the filter form; each must be served through indexes.
EXPLORER_VIEWS = [
    "category=housing_subsidy",
    "category=rent_subsidy&target_level=doctorate",
    "target_level=master",
    "category=award&category=settling_allowance",
    "province={province}",
    "place={place}",
    "province={province}&category=research_funding",
    "amount_min=100000",
    "amount_min=10000&amount_max=500000&category=housing_subsidy",
    "period=monthly",
    "has_amount=true&sort=date",
    "category=living_allowance&sort=place",
]
# Three characters or more: SQLite's FTS5 trigram index answers them.
TEXT_VIEWS = ["q=购房补贴", "q=人才公寓&category=talent_housing"]
# One and two characters: SQLite's bigram table (migration 0003) answers them; PostgreSQL's trigram
# index on the search expression serves every length.
SHORT_TEXT_VIEWS = ["q=博士", "q=博士 补贴", "q=博", "q=博士 人才公寓"]


class Recorder:
    """Every SELECT an engine runs, with its parameters, while `recording` is on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, object]] = []
        self.recording = False
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.recording and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, parameters))

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


@pytest.fixture
def populated(database_url: str, engine: Engine, tmp_path: Path) -> dict[str, str]:
    """A small database through the real ingest: the seed articles plus 40 synthetic ones."""
    corpus = tmp_path / "corpus"
    generate(40, corpus, seed=7)
    report = ingest_paths([SEEDS, corpus], engine)
    assert report.count("failed") == 0, [r.line() for r in report.results if r.status == "failed"]
    with engine.connect() as conn:
        place = conn.execute(
            text(
                "SELECT p.slug FROM place p JOIN incentive i ON i.place_id = p.id "
                "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1"
            )
        ).scalar_one()
        places = (
            conn.execute(
                text(
                    "SELECT DISTINCT p.slug FROM place p JOIN incentive i ON i.place_id = p.id "
                    "ORDER BY p.slug LIMIT 5"
                )
            )
            .scalars()
            .all()
        )
        province = conn.execute(
            text(
                "SELECT p.slug FROM place p JOIN incentive i ON i.province_code = p.province_code "
                "WHERE p.level = 'province' GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1"
            )
        ).scalar_one()
    return {"place": place, "province": province, "compare": "&".join(f"place={p}" for p in places)}


@pytest.fixture
def served(database_url: str, populated: dict[str, str]) -> Iterator[tuple[TestClient, Recorder]]:
    app_engine = get_engine(database_url)
    recorder = Recorder(app_engine)
    with TestClient(create_app(database_url)) as client:
        yield client, recorder
    recorder.close()
    app_engine.dispose()


def _statements_for(client: TestClient, recorder: Recorder, path: str) -> list[tuple[str, object]]:
    recorder.statements.clear()
    recorder.recording = True
    try:
        response = client.get(path)
    finally:
        recorder.recording = False
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return [s for s in recorder.statements if re.search(r"\b(incentive|article)\b", s[0])]


def _sqlite_plan(engine: Engine, statement: str, parameters: object) -> list[tuple[int, str]]:
    """(parent, detail) per line: a parent of 0 is the statement's own level, not a subquery's."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [(row[1], row[-1]) for row in rows]


def _postgres_plan(engine: Engine, statement: str, parameters: object) -> list[str]:
    with engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
        conn.rollback()
    return [row[0] for row in rows]


def plan_problems(engine: Engine, statement: str, parameters: object, filtered: bool) -> list[str]:
    """Why this statement's plan is not index-driven (empty when it is)."""
    one_line = " ".join(statement.split())
    if is_sqlite(engine):
        lines = _sqlite_plan(engine, statement, parameters)
        plan = [detail for _, detail in lines]
        problems = [
            line
            for line in plan
            if re.fullmatch(r"SCAN (?:{})".format("|".join(HOT_TABLES)), line.strip())
            or re.fullmatch(r"SCAN incentive_fts VIRTUAL TABLE INDEX \d+:", line.strip())
        ]
        is_count = one_line.startswith("SELECT count(incentive.id)")
        # A page may walk an index in the requested order and stop at LIMIT (cheap when most rows
        # match); a page that must sort, and every count, must look rows up by the filter instead.
        # A page read as its ids (a subquery that walks) joined to its rows sorts only those rows.
        sorts = [parent for parent, detail in lines if "TEMP B-TREE FOR ORDER BY" in detail]
        page_of_ids = any(detail.startswith(("MATERIALIZE", "CO-ROUTINE")) for detail in plan)
        ordered_walk = " LIMIT " in one_line and (not sorts or (page_of_ids and all(p == 0 for p in sorts)))
        if filtered and (is_count or (" LIMIT " in one_line and not ordered_walk)):
            problems += [
                line
                for line in plan
                if re.match(r"SCAN (?:incentive|incentive_target_level)\b", line.strip())
                and "VIRTUAL TABLE INDEX 0:M" not in line
            ]
    else:
        plan = _postgres_plan(engine, statement, parameters)
        problems = [
            line for line in plan if re.search(r"Seq Scan on (?:{})\b".format("|".join(HOT_TABLES)), line)
        ]
    return [f"{p.strip()}  <-  {one_line[:300]}" for p in problems]


def _check(served: tuple[TestClient, Recorder], paths: list[str]) -> None:
    client, recorder = served
    problems: list[str] = []
    checked = 0
    for path in paths:
        filtered = "?" in path and not path.startswith("/compare")
        for statement, parameters in _statements_for(client, recorder, path):
            checked += 1
            problems += [
                f"{path}: {p}" for p in plan_problems(recorder.engine, statement, parameters, filtered)
            ]
    assert checked, "no statement on incentive/article was recorded"
    assert not problems, "queries not served by an index:\n" + "\n".join(problems)


def test_explorer_queries_use_indexes(served, populated) -> None:
    """Every view of the filter form, as a page and through the API (one database: ingest is slow)."""
    paths = ["/incentives", "/api/incentives"]
    for view in EXPLORER_VIEWS:
        query = view.format(**populated)
        paths += [f"/incentives?{query}", f"/api/incentives?{query}"]
    _check(served, paths)


def test_csv_place_and_compare_use_indexes(served, populated) -> None:
    _check(
        served,
        [
            f"/incentives.csv?category=housing_subsidy&province={populated['province']}",
            f"/places/{populated['place']}",
            f"/compare?{populated['compare']}",
        ],
    )


def test_text_queries_use_indexes(served) -> None:
    _check(served, [f"/incentives?{view}" for view in TEXT_VIEWS])


def test_short_text_queries_use_indexes(served) -> None:
    _check(served, [f"/incentives?{view}" for view in SHORT_TEXT_VIEWS])

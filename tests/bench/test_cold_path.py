"""The cold path of bench.run (issue 14): which URLs each page kind is loaded with, and how it is judged.

The load runs themselves take minutes and need a real server; what is tested here is everything they
rest on: the distinct URLs built from a database (a small fake one, made here with the columns the
builders read), that none of them names an empty page, that the seed alone fixes them, and the
arithmetic of the targets over figures shaped like a run's.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from app.query.params import SORTS
from bench.load import parse_samples
from bench.run import (
    CALCULATOR_PROFILES,
    COLD_SHAPES,
    COLD_URLS,
    ColdRun,
    Scenario,
    build_cold_scenarios,
    calculator_limit_ms,
    evaluate_cold,
    place_groups,
)

CATEGORIES = [f"cat{k}" for k in range(12)]
LEVELS = ["doctorate", "master", "bachelor", "postdoc", "graduate", "senior_title"]
PROVINCES = 8
PLACES_PER_PROVINCE = 60


def make_database(path: Path, seed: int = 1) -> Path:
    """Provinces with prefectures under them; each prefecture has a few incentives, one place in nine none."""
    rng = random.Random(seed)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(
            "CREATE TABLE place (id INTEGER PRIMARY KEY, slug TEXT UNIQUE, level TEXT, province_code TEXT);"
            "CREATE TABLE incentive (id INTEGER PRIMARY KEY, category TEXT, province_code TEXT, place_id INT);"
            "CREATE TABLE incentive_target_level (incentive_id INT, level TEXT);"
        )
        place_id = incentive_id = 0
        for p in range(PROVINCES):
            code = f"{p + 11}0000"
            place_id += 1
            conn.execute("INSERT INTO place VALUES (?, ?, 'province', ?)", (place_id, f"province{p}", code))
            for k in range(PLACES_PER_PROVINCE):
                place_id += 1
                conn.execute(
                    "INSERT INTO place VALUES (?, ?, 'prefecture', ?)", (place_id, f"city{p}-{k}", code)
                )
                if place_id % 9 == 0:
                    continue  # a place without data: never in a URL
                for _ in range(rng.randint(1, 4)):
                    incentive_id += 1
                    conn.execute(
                        "INSERT INTO incentive VALUES (?, ?, ?, ?)",
                        (incentive_id, rng.choice(CATEGORIES), code, place_id),
                    )
                    for level in rng.sample(LEVELS, rng.randint(0, 2)):
                        conn.execute(
                            "INSERT INTO incentive_target_level VALUES (?, ?)", (incentive_id, level)
                        )
        conn.commit()
    return path


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_database(tmp_path_factory.mktemp("cold") / "atlas.db")


def by_key(scenarios: list[Scenario]) -> dict[str, Scenario]:
    return {s.key: s for s in scenarios}


def rows_for(conn: sqlite3.Connection, params: dict[str, str]) -> int:
    """How many incentives the explorer's filters select, as app.query.filters.resolve reads them."""
    where, args = [], []
    if "category" in params:
        where.append("i.category = ?")
        args.append(params["category"])
    if "target_level" in params:
        where.append("i.id IN (SELECT incentive_id FROM incentive_target_level WHERE level = ?)")
        args.append(params["target_level"])
    if "province" in params:
        where.append(
            "i.province_code = (SELECT province_code FROM place WHERE slug = ? AND level = 'province')"
        )
        args.append(params["province"])
    return conn.execute(f"SELECT count(*) FROM incentive i WHERE {' AND '.join(where)}", args).fetchone()[0]


def test_every_page_kind_gets_its_own_few_hundred_distinct_urls(database: Path) -> None:
    scenarios = by_key(build_cold_scenarios(database, seed=7, n=3000))
    assert set(scenarios) == {"explorer_cold", "place_cold", "compare_cold", "api_cold"}
    assert 300 <= COLD_URLS <= 400
    for s in scenarios.values():
        assert s.server == "atlas_cold_3000"  # one server of its own per size
        assert len(s.paths) == COLD_URLS
        assert len(set(s.paths)) == len(s.paths), s.key
    assert all(p.startswith("/incentives?") for p in scenarios["explorer_cold"].paths)
    assert all(p.startswith("/api/incentives?") for p in scenarios["api_cold"].paths)
    # The API is loaded with filters of its own, not the explorer's list again.
    explorer_queries = {urlsplit(p).query for p in scenarios["explorer_cold"].paths}
    api_queries = {urlsplit(p).query for p in scenarios["api_cold"].paths}
    assert explorer_queries != api_queries


def test_explorer_and_api_urls_combine_filters_and_sorts_and_none_is_empty(database: Path) -> None:
    scenarios = by_key(build_cold_scenarios(database, seed=7, n=3000))
    shapes_seen = set()
    with contextlib.closing(sqlite3.connect(database)) as conn:
        for key in ("explorer_cold", "api_cold"):
            for path in scenarios[key].paths:
                params = dict(parse_qsl(urlsplit(path).query))
                assert params.pop("sort") in SORTS
                assert rows_for(conn, params) > 0, path
                shapes_seen.add(tuple(sorted(params)))
    assert shapes_seen == {tuple(sorted(shape)) for shape in COLD_SHAPES}


def test_place_and_compare_urls_name_places_with_data(database: Path) -> None:
    scenarios = by_key(build_cold_scenarios(database, seed=7, n=3000))
    with contextlib.closing(sqlite3.connect(database)) as conn:
        with_data = {
            r[0] for r in conn.execute("SELECT slug FROM place WHERE id IN (SELECT place_id FROM incentive)")
        }
    assert {p.removeprefix("/places/") for p in scenarios["place_cold"].paths} <= with_data
    groups = set()
    for path in scenarios["compare_cold"].paths:
        names = [v for k, v in parse_qsl(urlsplit(path).query) if k == "place"]
        assert len(names) == len(set(names)) == 3
        assert set(names) <= with_data
        groups.add(frozenset(names))
    assert len(groups) == COLD_URLS  # distinct as sets, not only as spellings


def test_the_seed_alone_fixes_the_workload(tmp_path: Path, database: Path) -> None:
    first = [s.paths for s in build_cold_scenarios(database, seed=7, n=3000)]
    again = [s.paths for s in build_cold_scenarios(make_database(tmp_path / "same.db"), seed=7, n=3000)]
    other = [s.paths for s in build_cold_scenarios(database, seed=8, n=3000)]
    assert first == again
    assert all(a != b for a, b in zip(first, other, strict=True))


def test_a_small_database_gives_fewer_urls_not_an_error(tmp_path: Path) -> None:
    db = tmp_path / "tiny.db"
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.executescript(
            "CREATE TABLE place (id INTEGER PRIMARY KEY, slug TEXT, level TEXT, province_code TEXT);"
            "CREATE TABLE incentive (id INTEGER PRIMARY KEY, category TEXT, province_code TEXT, place_id INT);"
            "CREATE TABLE incentive_target_level (incentive_id INT, level TEXT);"
            "INSERT INTO place VALUES (1, 'p', 'province', '11'), (2, 'c', 'prefecture', '11');"
            "INSERT INTO incentive VALUES (1, 'award', '11', 2);"
            "INSERT INTO incentive_target_level VALUES (1, 'master');"
        )
    scenarios = by_key(build_cold_scenarios(db, seed=7, n=10))
    # One incentive: each of the five filter shapes has one combination, times the sort orders.
    assert len(scenarios["explorer_cold"].paths) == len(COLD_SHAPES) * len(SORTS)
    assert scenarios["place_cold"].paths == ["/places/c"]
    assert scenarios["compare_cold"].paths == []  # check_paths marks it "not available"
    assert place_groups(random.Random(1), ["a", "b"], 5, 3) == []
    assert len(place_groups(random.Random(1), ["a", "b", "c", "d"], 10, 3)) == 4  # all there are


def scenario(key: str, n: int, rps16: float, p50_1: float = 10.0, p99_16: float = 100.0) -> Scenario:
    s = Scenario(key, key.replace("_cold", ""), f"atlas_cold_{n}", ["/x"])
    s.results = {
        1: {"rps": 1000 / p50_1, "p50_ms": p50_1, "p99_ms": 2 * p50_1, "errors": 0},
        16: {"rps": rps16, "p50_ms": 16000 / rps16, "p99_ms": p99_16, "errors": 0},
    }
    return s


def cold_run(n: int, rps16: dict[str, float], explorer_p99: float, calculator: list[float]) -> ColdRun:
    profiles = ["/calculator?degree=doctorate", "/calculator?degree=master", "/calculator?degree=bachelor"]
    return ColdRun(
        n,
        [scenario(k, n, r, p99_16=explorer_p99 if k == "explorer_cold" else 500.0) for k, r in rps16.items()],
        calculator_ms=dict(zip(profiles, calculator, strict=True)),
        page_bytes={"/calculator": 8_000, profiles[0]: 140_000, profiles[1]: 160_000, "/places": 28_000},
    )


def test_the_cold_targets_are_judged_against_the_bare_endpoint_and_the_smaller_size() -> None:
    bare = Scenario("bare", "bare", "bare", ["/bare"], results={16: {"rps": 4000.0}, 1: {"rps": 4000.0}})
    small = cold_run(
        3000,
        {"explorer_cold": 100.0, "place_cold": 250.0, "compare_cold": 50.0, "api_cold": 400.0},
        explorer_p99=140.0,
        calculator=[290.0, 250.0, 280.0],
    )
    big = cold_run(
        10000,
        {"explorer_cold": 80.0, "place_cold": 100.0, "compare_cold": 50.0, "api_cold": 400.0},
        explorer_p99=400.0,
        calculator=[500.0, 700.0, 100.0],
    )
    rows = {
        target: (measured, verdict)
        for target, measured, verdict in evaluate_cold([big, small], [bare], [1, 16])
    }

    def verdict(*words: str) -> str:
        [found] = [v for t, (_, v) in rows.items() if all(w in t for w in words)]
        return found

    assert verdict("api >=", "N=3,000") == "**met**"  # 400 / 4000 = 0.1 >= 0.05
    assert verdict("place >=", "N=3,000") == "**met**"  # 0.0625
    assert verdict("explorer >=", "N=3,000") == "**MISSED**"  # 0.025
    assert verdict("explorer p99", "N=3,000") == "**met**"
    assert verdict("explorer p99", "N=10,000") == "**MISSED**"
    # The calculator: the slowest profile's first request, 290 < 300 and 700 > 600.
    assert verdict("calculator, nationwide", "N=3,000") == "**met**"
    assert verdict("calculator, nationwide", "N=10,000") == "**MISSED**"
    # Growth: cost per request at c=16 is 1 / req/s: place 4 -> 10 ms (2.5 x), explorer 10 -> 12.5 (1.25 x).
    assert verdict("place:", "within 1.5") == "**MISSED**"
    assert verdict("explorer:", "within 1.5") == "**met**"
    assert verdict("api:", "within 1.5") == "**met**"
    # Page weight at the largest size: /places 28 KB; the heaviest calculator page 160 KB.
    assert verdict("/places page weight", "N=10,000") == "**met**"
    assert verdict("/calculator", "page weight") == "**MISSED**"
    assert calculator_limit_ms(3000) == 300 and calculator_limit_ms(10000) == 600
    assert len(CALCULATOR_PROFILES) == 3 and all("province" not in p for p in CALCULATOR_PROFILES)


def test_no_growth_rows_with_one_size_and_none_without_a_cold_run() -> None:
    run = cold_run(3000, {"explorer_cold": 100.0}, explorer_p99=50.0, calculator=[100.0, 100.0, 100.0])
    rows = evaluate_cold([run], [], [1, 16])
    assert not any("within" in target for target, _, _ in rows)
    assert any(verdict == "n/a" for target, _, verdict in rows if "bare" in target)  # no bare measured
    assert evaluate_cold([], [], [1, 16]) == []


def test_the_timed_load_reads_one_start_and_latency_per_request() -> None:
    text = "\n712.5012 3.25\n712.5100 140.00\n\n"
    assert parse_samples(text) == [(712.5012, 3.25), (712.51, 140.0)]


def test_a_slow_first_profile_misses_the_calculator_target_however_fast_the_others() -> None:
    run = cold_run(3000, {"explorer_cold": 100.0}, explorer_p99=50.0, calculator=[1046.0, 93.0, 61.0])
    [(_, measured, verdict)] = [r for r in evaluate_cold([run], [], [1, 16]) if "nationwide" in r[0]]
    assert verdict == "**MISSED**"
    assert measured.startswith("slowest 1,046 ms")

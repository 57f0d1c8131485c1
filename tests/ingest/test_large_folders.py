"""Issue 6 at scale, through the real CLI in a subprocess: a folder of 1,000 files of which 100 are
broken, and an ingest killed with SIGKILL half-way through a large folder, then run again."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.process import process_article
from app.models import Article, Incentive, Metric, Place, Policy
from tests.ingest.helpers import REPO, make_corpus, run_cli

SEED_PLACE = {
    "000": "克拉玛依市",
    "001": "阿克苏地区",
    "002": "大庆市",
    "003": "昌吉回族自治州",
    "004": "鄂尔多斯市",
}
FAILED_LINE = re.compile(r"^✗ (?P<name>\S+): (?P<reason>.+)$")


def _per_article(engine: Engine) -> dict[str, tuple[str | None, int, int, int]]:
    """file name -> (place, incentives, metrics, policies) as stored."""
    counts = {}
    with Session(engine) as s:
        for model in (Incentive, Metric, Policy):
            counts[model] = dict(
                s.execute(select(model.article_id, func.count()).group_by(model.article_id)).all()
            )
        rows = s.execute(
            select(Article.id, Article.file_name, Place.name).outerjoin(Place, Place.id == Article.place_id)
        ).all()
    return {
        name: (place, counts[Incentive].get(aid, 0), counts[Metric].get(aid, 0), counts[Policy].get(aid, 0))
        for aid, name, place in rows
    }


def _expected_per_seed(folder: Path, files: dict[str, str]) -> dict[str, tuple[str | None, int, int, int]]:
    """What each kind of file should hold, from processing one file of each kind without a database."""
    out = {}
    for name, prefix in files.items():
        if prefix in out or prefix not in SEED_PLACE:
            continue
        item = process_article(name, (folder / name).read_bytes())
        extraction = item.extraction
        out[prefix] = (
            item.place.place.name if item.place else None,
            len(extraction.incentives),
            len(extraction.metrics),
            len(extraction.policies),
        )
        assert out[prefix][0] == SEED_PLACE[prefix]
    return out


def _orphans(engine: Engine) -> dict[str, int]:
    """Rows whose article (or incentive) is gone: must all be zero."""
    queries = {
        table: f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM article)"
        for table in ("incentive", "metric", "policy")
    }
    queries["incentive_target_level"] = (
        "SELECT count(*) FROM incentive_target_level WHERE incentive_id NOT IN (SELECT id FROM incentive)"
    )
    with engine.connect() as conn:
        return {table: conn.execute(text(sql)).scalar_one() for table, sql in queries.items()}


def _article_count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(Article)).scalar_one()


def test_a_thousand_files_of_which_a_hundred_are_broken(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "corpus"
    expected = make_corpus(folder, good=900, broken_each=25)
    assert len(list(folder.iterdir())) == 1000

    result = run_cli(database_url, "ingest", str(folder))
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().split("\n")
    assert re.match(r"^1000 files: 900 added, 0 replaced, 0 unchanged, 100 failed · ", lines[-1])

    failed = {m["name"]: m["reason"] for m in map(FAILED_LINE.match, lines) if m}
    broken = {name: reason for name, reason in expected.items() if name.startswith("b")}
    assert set(failed) == set(broken)
    for name, reason in broken.items():
        assert reason in failed[name], (name, failed[name])
    assert Counter(name.rsplit("_", 1)[1] for name in failed) == {
        "binary.txt": 25,
        "empty.txt": 25,
        "truncated.txt": 25,
        "encoding.txt": 25,
    }

    stored = _per_article(engine)
    good = {name: prefix for name, prefix in expected.items() if name.startswith("a")}
    assert set(stored) == set(good)
    want = _expected_per_seed(folder, good)
    assert {name: stored[name] for name in good} == {name: want[prefix] for name, prefix in good.items()}
    assert _orphans(engine) == {"incentive": 0, "metric": 0, "policy": 0, "incentive_target_level": 0}


def _processes_reading(folder: Path) -> list[int]:
    """Pids of live processes whose command line names the folder (the ingest and its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if entry.name.isdigit() and str(folder) in cmdline:
            pids.append(int(entry.name))
    return pids


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_ingest_killed_half_way_leaves_a_consistent_database_and_a_rerun_finishes(
    database_url: str, engine: Engine, tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "corpus"
    files = make_corpus(folder, good=400)
    want = _expected_per_seed(folder, files)

    log = (tmp_path / "killed-run.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "ingest", "--jobs", jobs, str(folder)],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 45
        while _article_count(engine) < 40:
            assert proc.poll() is None, "the ingest finished before it could be killed"
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        # Worker processes die with the ingest: left running, they would hold its database
        # connections (on PostgreSQL an open transaction that blocks the re-run).
        deadline = time.monotonic() + 10
        while _processes_reading(folder) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _processes_reading(folder) == []
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()

    # After the kill: every stored article is complete, and nothing points at a missing article.
    stored = _per_article(engine)
    assert 40 <= len(stored) < len(files)
    assert stored == {name: want[files[name]] for name in stored}
    assert _orphans(engine) == {"incentive": 0, "metric": 0, "policy": 0, "incentive_target_level": 0}

    # A re-run completes the job: the stored ones are unchanged, the rest are added, no duplicates.
    rerun = run_cli(database_url, "ingest", "--quiet", str(folder))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    summary = rerun.stdout.strip().split("\n")[-1]
    assert summary.startswith(
        f"400 files: {400 - len(stored)} added, 0 replaced, {len(stored)} unchanged, 0 failed"
    )
    final = _per_article(engine)
    assert final == {name: want[prefix] for name, prefix in files.items()}
    assert _orphans(engine) == {"incentive": 0, "metric": 0, "policy": 0, "incentive_target_level": 0}
    with Session(engine) as s:
        duplicates = s.execute(
            select(Incentive.article_id, Incentive.quote_start, Incentive.category, Incentive.amount_yuan)
            .group_by(Incentive.article_id, Incentive.quote_start, Incentive.category, Incentive.amount_yuan)
            .having(func.count() > 1)
        ).all()
    # an article may repeat a row legitimately: compare with what a clean ingest would hold
    assert len(duplicates) == _clean_duplicates(folder, files)


def _clean_duplicates(folder: Path, files: dict[str, str]) -> int:
    """How many (quote, category, amount) repeats a clean, uninterrupted ingest has: the same number
    must be found after the kill and the re-run (extra ones would be double-written rows)."""
    total = 0
    seen_prefix: dict[str, int] = {}
    for name, prefix in files.items():
        if prefix not in seen_prefix:
            facts = process_article(name, (folder / name).read_bytes()).extraction.incentives
            keys = Counter((f.quote_start, f.category, f.amount_yuan) for f in facts)
            seen_prefix[prefix] = sum(1 for n in keys.values() if n > 1)
        total += seen_prefix[prefix]
    return total

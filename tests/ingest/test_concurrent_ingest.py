"""Two ingests at once on one database both finish, exit 0 and store everything (issue 15): the
writes wait for each other, and the maintenance after an ingest (PRAGMA optimize) never fails one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import event, func, select
from sqlmodel import Session

from app.db import make_engine, refresh_statistics
from app.models import Article
from tests.conftest import SEEDS
from tests.ingest.helpers import REPO

CORPUS = REPO / "tests" / "corpus" / "dev2" / "articles"
RUNS = 8


def _folder(dest: Path, sources: list[Path], run: int) -> Path:
    """Copies under new names with a line of their own, so that every run writes new articles."""
    dest.mkdir(parents=True)
    for path in sources:
        (dest / f"r{run}_{path.name}").write_bytes(path.read_bytes() + f"\n第{run}次。\n".encode())
    return dest


def _ingest(database_url: str, folder: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "ingest", str(folder), "--quiet", "--jobs", "1"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_ingests_at_once_all_exit_0_with_complete_data(database_url: str, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    others = sorted(CORPUS.glob("*.txt"))[:8]
    expected = 0
    for run in range(RUNS):
        a = _folder(tmp_path / f"a{run}", seeds, run)
        b = _folder(tmp_path / f"b{run}", others, run)
        procs = [_ingest(database_url, a), _ingest(database_url, b)]
        outputs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outputs, strict=True):
            assert p.returncode == 0, (run, out, err)
            assert "Traceback" not in err, (run, err)
        expected += len(seeds) + len(others)
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            assert session.scalar(select(func.count(Article.id))) == expected
    finally:
        engine.dispose()


def test_a_locked_database_skips_the_statistics_instead_of_failing(tmp_path: Path) -> None:
    """The failure two ingests hit when one finished while the other wrote: the statistics refresh
    raised "database is locked" after every article was stored. The lock is injected where SQLite would
    raise it, since a real one depends on timing."""
    engine = make_engine(f"sqlite:///{tmp_path / 'locked.db'}")

    @event.listens_for(engine, "before_cursor_execute")
    def locked(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement == "ANALYZE":
            raise sqlite3.OperationalError("database is locked")

    try:
        assert refresh_statistics(engine) is False
        event.remove(engine, "before_cursor_execute", locked)
        assert refresh_statistics(engine) is True
    finally:
        engine.dispose()

"""After an ingest the SQLite planner has statistics, so filtered queries pick the right index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.db import make_engine, refresh_statistics
from tests.ingest.helpers import run_cli


def test_the_cli_ingest_leaves_planner_statistics_behind(tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    result = run_cli(f"sqlite:///{db}", "ingest", "--quiet")
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        analysed = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"incentive", "incentive_target_level", "article"} <= analysed


def test_a_fresh_connection_writes_the_statistics(tmp_path: Path) -> None:
    """What the ingest worker and a server see: a connection that has run no query yet. PRAGMA
    optimize (SQLite 3.40) analysed nothing there, and the bench databases were served without any
    statistics: a category + province page walked the whole category."""
    db = tmp_path / "atlas.db"
    assert run_cli(f"sqlite:///{db}", "ingest", "--quiet").returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM sqlite_stat1")
    engine = make_engine(f"sqlite:///{db}")
    try:
        assert refresh_statistics(engine) is True
    finally:
        engine.dispose()
    with sqlite3.connect(db) as conn:
        analysed = {row[0] for row in conn.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'incentive'")}
    assert {"ix_incentive_category_amount", "ix_incentive_province_category"} <= analysed

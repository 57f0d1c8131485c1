"""After an ingest the SQLite planner has statistics, so filtered queries pick the right index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.ingest.helpers import run_cli


def test_the_cli_ingest_leaves_planner_statistics_behind(tmp_path: Path) -> None:
    db = tmp_path / "atlas.db"
    result = run_cli(f"sqlite:///{db}", "ingest", "--quiet")
    assert result.returncode == 0, result.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        analysed = {row[0] for row in conn.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"incentive", "incentive_target_level", "article"} <= analysed

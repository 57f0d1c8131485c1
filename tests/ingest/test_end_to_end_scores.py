"""End to end: ingest the seeds and the dev articles with the real CLI, export the incentives as JSON,
and score them with the shared scorer (../shared/tools/score_extraction.py) against the hand-made
answers. Thresholds from issue 2: seeds money F1 >= 0.95, kinds F1 >= 0.85, city 5/5; dev money
F1 >= 0.85.

The scorer and the gold answers live in ../shared, beside the repository (CI clones it there). Without
it the test cannot score anything; it skips on a developer machine and fails under CI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.helpers import DEV, SEEDS, SHARED, run_cli

SCORER = SHARED / "tools" / "score_extraction.py"
SUMMARY = re.compile(r"^summary money_f1=([\d.]+) kinds_f1=([\d.]+) city=(\d+)/(\d+)$", re.MULTILINE)


def _require_shared() -> None:
    if SCORER.exists() and DEV.is_dir():
        return
    message = f"{SHARED} (scorer, gold answers and dev articles) is not beside the repository"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def score(gold: str, pred: Path) -> tuple[float, float, int, int]:
    result = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(SHARED / "gold" / gold),
            "--pred",
            str(pred),
            "--verbose",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    m = SUMMARY.search(result.stdout)
    assert m, result.stdout
    print(result.stdout)  # the misses, for whoever reads a failure
    return float(m.group(1)), float(m.group(2)), int(m.group(3)), int(m.group(4))


def test_seed_and_dev_scores(database_url: str, tmp_path: Path) -> None:
    _require_shared()
    ingest = run_cli(database_url, "ingest", str(SEEDS), str(DEV))
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "13 files: 13 added, 0 replaced, 0 unchanged, 0 failed" in ingest.stdout

    exported = run_cli(database_url, "export", "incentives", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    pred = tmp_path / "incentives.json"
    pred.write_text(exported.stdout, "utf-8")

    money, kinds, city_ok, cities = score("seeds.json", pred)
    assert money >= 0.95
    assert kinds >= 0.85
    assert (city_ok, cities) == (5, 5)

    dev_money, _, dev_city_ok, dev_cities = score("dev.json", pred)
    assert dev_money >= 0.85
    assert dev_city_ok == dev_cities

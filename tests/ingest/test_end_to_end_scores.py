"""End to end: ingest the seeds and every annotated article with the real CLI, export the incentives
as JSON and score them with the owner's scorer against the hand-made answers (all copied into
tests/corpus, so that any clone runs this).

The floors are the scores the extractor has reached, a little below, so that a change which makes
extraction worse on real text fails here: seeds money F1 1.00, kinds 0.95, city 5/5 (issue 11); dev
and both halves of dev2 at the level reached (see the constants below). Raise them as extraction
improves; never lower one to let a change through.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.helpers import CORPUS, DEV, DEV2, SEEDS, run_cli

SCORER = CORPUS / "score_extraction.py"
GOLD = CORPUS / "gold"
SUMMARY = re.compile(
    r"^summary money_f1=([\d.]+) kinds_f1=([\d.]+) city=(\d+)/(\d+)(?: roundup_money_f1=([\d.]+))?$",
    re.MULTILINE,
)


def score(gold: str, pred: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", gold, "--pred", str(pred), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    )
    m = SUMMARY.search(result.stdout)
    assert m, result.stdout
    print(result.stdout)  # the misses, for whoever reads a failure
    out = {"money": float(m.group(1)), "kinds": float(m.group(2)), "city": int(m.group(3)) / int(m.group(4))}
    if m.group(5):
        out["roundup"] = float(m.group(5))
    return out


def dev2_half(parity: int) -> str:
    """The gold files of one half of dev2, as the owner's hook splits it (odd: 1st, 3rd, ...)."""
    files = sorted((GOLD / "dev2").glob("*.json"))
    return ",".join(str(p) for p in files[1 - parity :: 2])


@pytest.fixture(scope="module")
def predictions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every annotated article ingested once (SQLite, a private file) and exported as JSON."""
    folder = tmp_path_factory.mktemp("scores")
    url = f"sqlite:///{folder / 'scores.db'}"
    ingest = run_cli(url, "ingest", str(SEEDS), str(DEV), str(DEV2), timeout=300)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    assert "48 files: 48 added, 0 replaced, 0 unchanged, 0 failed" in ingest.stdout
    exported = run_cli(url, "export", "incentives", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    pred = folder / "incentives.json"
    pred.write_text(exported.stdout, "utf-8")
    assert json.loads(exported.stdout), "nothing was exported"
    return pred


def test_seed_scores(predictions: Path) -> None:
    s = score(str(GOLD / "seeds.json"), predictions)
    assert s["money"] >= 1.0
    assert s["kinds"] >= 0.95
    assert s["city"] == 1.0


def test_dev_scores(predictions: Path) -> None:
    s = score(str(GOLD / "dev.json"), predictions)
    assert s["money"] >= 0.98
    assert s["city"] == 1.0


@pytest.mark.parametrize("parity", [1, 0], ids=["odd", "even"])
def test_dev2_half_scores(predictions: Path, parity: int) -> None:
    s = score(dev2_half(parity), predictions)
    assert s["money"] >= MONEY_FLOOR
    assert s["kinds"] >= KINDS_FLOOR
    assert s["city"] >= 14 / 15
    assert s["roundup"] >= ROUNDUP_FLOOR


# Reached on this corpus when the floors were last raised: odd 0.99 / kinds 0.93 / roundup 0.99,
# even 0.95 / kinds 0.93 / roundup 0.91; a floor a little below the lower half.
MONEY_FLOOR = 0.93
KINDS_FLOOR = 0.91
ROUNDUP_FLOOR = 0.88


def test_dev2_halves_agree(predictions: Path) -> None:
    """Rules that generalise score the half they were written on and the other alike (issue 11:
    within 0.05)."""
    odd, even = (score(dev2_half(p), predictions)["money"] for p in (1, 0))
    assert abs(odd - even) <= 0.05

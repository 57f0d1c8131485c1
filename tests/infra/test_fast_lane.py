"""The quick loop, `pytest -m "not slow"`: it leaves out what starts processes, servers or a browser
and keeps most of the suite (the marking is tests/conftest.py's SLOW table and its hook).

Wall-clock time is not asserted (the machine is shared); what is checked is what the lane selects.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
# Modules whose every test starts a subprocess, a server or a browser: never in the quick loop.
NEVER_QUICK = (
    "tests/browser/",
    "tests/infra/test_live_ingest.py",
    "tests/infra/test_serve_workers.py",
    "tests/infra/test_postgres_script.py",
    "tests/infra/test_migrations.py",
    "tests/ingest/test_cli.py",
    "tests/ingest/test_concurrent_ingest.py",
    "tests/ingest/test_large_folders.py",
    "tests/ingest/test_end_to_end_scores.py",
)


def _root_conftest(config: pytest.Config) -> ModuleType:
    [module] = [
        p for p in config.pluginmanager.get_plugins()
        if isinstance(p, ModuleType) and Path(getattr(p, "__file__", "") or "") == REPO / "tests" / "conftest.py"
    ]  # fmt: skip
    return module


def test_the_hook_and_the_marker_are_in_place(request: pytest.FixtureRequest) -> None:
    conftest = _root_conftest(request.config)
    assert callable(getattr(conftest, "pytest_collection_modifyitems", None))
    pytest_options = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    markers = pytest_options["ini_options"]["markers"]
    assert any(m.startswith("slow:") for m in markers)


def test_every_entry_of_the_slow_table_names_a_test_that_exists(request: pytest.FixtureRequest) -> None:
    """A renamed module or test would silently drop out of the table and back into the quick loop."""
    for key, reason in _root_conftest(request.config).SLOW.items():
        module, _, name = key.partition("::")
        path = REPO / module
        assert path.is_file(), key
        assert reason.strip(), key
        if name:
            tree = ast.parse(path.read_text("utf-8"))
            assert name in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}, key


def test_the_quick_loop_leaves_out_the_slow_modules_and_keeps_most_tests() -> None:
    """Collects the whole suite in a subprocess (slow itself, so in the SLOW table: without the hook it
    would run in the quick loop, and fail there)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "not slow"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    kept = [line for line in result.stdout.splitlines() if "::" in line]
    # "1062/1140 tests collected (78 deselected)", or "1140 tests collected" when nothing is slow
    summary = re.search(r"(\d+)(?:/(\d+))? tests? collected", result.stdout)
    assert summary, result.stdout[-1000:]
    selected, total = int(summary[1]), int(summary[2] or summary[1])
    assert selected == len(kept)
    assert [t for t in kept if t.startswith(NEVER_QUICK)] == [], "slow tests are in the quick loop"
    assert selected >= 0.85 * total, f"the quick loop keeps only {selected} of {total} tests"
    for package in ("tests/extract/", "tests/places/", "tests/web/", "tests/calculator/", "tests/query/"):
        assert any(t.startswith(package) for t in kept), f"nothing of {package} is in the quick loop"

"""`ruff check` is clean over the whole repository and mypy over app/ (configuration in pyproject.toml).

Part of the suite, so a lint or type error fails CI like any other broken rule, with the tool's own report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format=concise", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],  # files, plugins and strictness from [tool.mypy]
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,  # a cold cache checks all of app/ and its libraries' stubs
    )
    assert result.returncode == 0, result.stdout + result.stderr

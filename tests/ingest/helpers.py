"""Shared helpers for the ingest tests: where the real articles are, and how to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
DEV = SHARED / "dev" / "articles"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_text(prefix: str) -> str:
    """A seed article's text, by its number: seed_text("001")."""
    [path] = [p for p in SEED_FILES if p.name.startswith(prefix)]
    return path.read_text("utf-8")


def seed_bytes(prefix: str) -> bytes:
    [path] = [p for p in SEED_FILES if p.name.startswith(prefix)]
    return path.read_bytes()


def run_cli(database_url: str, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
    """`python -m app ARGS` in a subprocess against database_url, as a user would run it."""
    full_env = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )

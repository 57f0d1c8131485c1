"""Shared helpers for the ingest tests: where the real articles are, and how to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
# The annotated corpus, copied into the repository so that a clone alone runs every test.
CORPUS = REPO / "tests" / "corpus"
DEV = CORPUS / "dev" / "articles"
DEV2 = CORPUS / "dev2" / "articles"
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


def _opening(text: str, size: int = 1500) -> str:
    """The first lines of an article up to about `size` characters: a short but real article, so
    that a folder of a thousand of them ingests in seconds."""
    out = ""
    for line in text.split("\n"):
        if len(out) >= size:
            break
        out += line + "\n"
    return out


def make_corpus(folder: Path, good: int, broken_each: int = 0) -> dict[str, str]:
    """A folder of `good` articles made from the seeds, each with different bytes (a numbered line at
    the end), plus `broken_each` files of each broken kind. Returns {file name: seed prefix} for the
    good files and {file name: expected reason} for the broken ones, in one dict."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    seeds = [(p.name[:3], _opening(p.read_text("utf-8"))) for p in SEED_FILES]
    for i in range(good):
        prefix, text = seeds[i % len(seeds)]
        name = f"a{i:04d}_{prefix}.txt"
        (folder / name).write_text(f"{text}\n\n（稿件编号 {i:04d}）\n", "utf-8")
        expected[name] = prefix
    sample = seeds[1][1]
    utf8 = sample.encode("utf-8")
    cut = next(i for i in range(len(utf8) // 2, len(utf8)) if utf8[i] >= 0xE0)
    for i in range(broken_each):
        broken = {
            f"b{i:03d}_binary.txt": (
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes([i]) + bytes(range(256)) * 4,
                "an image (PNG)",
            ),
            f"b{i:03d}_empty.txt": (b"", "file is empty"),
            f"b{i:03d}_truncated.txt": (utf8[: cut + 1 + i % 2], "truncated UTF-8 sequence"),
            f"b{i:03d}_wrong_encoding.txt": (
                (sample[: 200 + i]).encode("utf-8").decode("latin-1").encode("utf-8"),
                "no Chinese text found",
            ),
        }
        for name, (raw, reason) in broken.items():
            (folder / name).write_bytes(raw)
            expected[name] = reason
    return expected

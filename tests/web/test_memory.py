"""The malloc trimmer: freed heap pages really go back to the system, and the app runs it while serving.

The soak's RSS rose by what glibc kept free in per-thread arenas, not by live objects (see
app.web.memory); these tests make that fragmentation on purpose and check that a trim returns it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from app.db import POOL_CONNECTIONS
from app.web.factory import SQLITE_ROUTE_THREADS, create_app, route_threads
from app.web.memory import (
    MALLOPT,
    MallocTrimmer,
    glibc_malloc_trim,
    tune_glibc_malloc,
)

TRIM_ENV = "ATLAS_MALLOC_TRIM_S"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def fragment_a_thread_arena(kept: list[bytes]) -> None:
    """~200 MB of 4-KB blocks allocated on a worker thread (its own glibc arena), one in 64 kept:
    the freed ones are holes glibc cannot give back from the top of the heap."""
    blocks = [bytes(4096) for _ in range(50_000)]
    kept.extend(blocks[::64])
    del blocks


def test_trim_gives_fragmented_free_memory_back() -> None:
    trim = glibc_malloc_trim()
    assert trim is not None, "the server images (Debian, python:3.11-slim) use glibc"
    kept: list[bytes] = []
    worker = threading.Thread(target=fragment_a_thread_arena, args=(kept,))
    worker.start()
    worker.join()
    before = rss_mb()
    trim()
    after = rss_mb()
    assert len(kept) > 700
    assert before - after > 100, f"RSS {before:.0f} -> {after:.0f} MB"


def test_the_trimmer_runs_on_its_interval_and_stops() -> None:
    calls: list[float] = []
    trimmer = MallocTrimmer(0.01, lambda: calls.append(time.monotonic()) or 1)
    trimmer.start()
    deadline = time.monotonic() + 5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    trimmer.stop()
    stopped = len(calls)
    time.sleep(0.05)
    assert stopped >= 3 and len(calls) == stopped and not trimmer.active


def test_no_thread_without_malloc_trim_or_with_interval_zero() -> None:
    for trimmer in (MallocTrimmer(10, None), MallocTrimmer(0, lambda: 1)):
        trimmer.start()
        assert not trimmer.active


def test_the_app_trims_while_serving(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRIM_ENV, "0.01")
    app = create_app(database_url)
    trimmer = app.state.malloc_trimmer
    assert not trimmer.active  # building the app starts nothing
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        deadline = time.monotonic() + 5
        while trimmer.trims == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert trimmer.active and trimmer.trims > 0
    assert not trimmer.active


@pytest.mark.parametrize("raw", ["soon", "-1", "nan"])
def test_a_bad_interval_is_a_clear_error(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TRIM_ENV, raw)
    with pytest.raises(ValueError, match=TRIM_ENV):
        create_app()  # the server refuses to start on it


def test_malloc_is_tuned_unless_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    for _param, _value, env in MALLOPT:
        monkeypatch.delenv(env, raising=False)
    assert tune_glibc_malloc() == [env for _param, _value, env in MALLOPT]
    monkeypatch.setenv("MALLOC_ARENA_MAX", "8")  # an operator's choice is left alone
    assert "MALLOC_ARENA_MAX" not in tune_glibc_malloc()


def test_route_threads_are_few_on_sqlite_and_never_more_than_pooled_connections(database_url: str) -> None:
    """More threads than connections only wait for the pool, and fail after its timeout under load;
    on a SQLite file more than a few only take turns at the interpreter lock (app.web.factory)."""

    async def tokens() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    with TestClient(create_app(database_url)) as client:
        expected = SQLITE_ROUTE_THREADS if database_url.startswith("sqlite") else POOL_CONNECTIONS
        assert client.portal.call(tokens) == expected <= POOL_CONNECTIONS
    assert route_threads("postgres://atlas@db.internal/atlas") == POOL_CONNECTIONS


def test_the_served_app_keeps_what_it_was_built_with_out_of_the_collectors_walks(tmp_path: Path) -> None:
    """uvicorn's app (app.main) freezes everything made by import time: a full collection then walks
    only what requests made since (see app.main)."""
    code = "import gc, app.main; print(gc.get_freeze_count())"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'atlas.db'}"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 20_000

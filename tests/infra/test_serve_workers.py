"""`python -m app serve --workers 2` runs two processes, and each one answers on its own.

Each worker is checked alone by pausing the other (SIGSTOP): a worker that failed to start, or
that depended on state only the other one holds, would leave requests unanswered.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx

from .live_server import live_server


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            children.append(int(entry.name))
    return children


def _workers(server_pid: int) -> list[int]:
    """uvicorn's worker processes: spawned children (multiprocessing's resource tracker is not one)."""
    workers = []
    for child in _children(server_pid):
        try:
            cmdline = (Path("/proc") / str(child) / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            workers.append(child)
    return workers


def _answers(base_url: str) -> None:
    for path in ("/healthz", "/readyz", "/api/places", "/"):
        # A new connection per request, so the kernel hands it to whichever worker is accepting.
        response = httpx.get(f"{base_url}{path}", timeout=10)
        assert response.status_code == 200, f"{path}: {response.status_code}"


def test_two_workers_each_answer(database_url: str, tmp_path: Path) -> None:
    with live_server(database_url, workers=2, log_path=tmp_path / "server.log") as (base_url, pid):
        workers = _workers(pid)
        assert len(workers) == 2, f"expected 2 worker processes under {pid}, found {workers}"
        for alive in workers:
            paused = [w for w in workers if w != alive]
            for other in paused:
                os.kill(other, signal.SIGSTOP)
            try:
                _answers(base_url)
            finally:
                for other in paused:
                    os.kill(other, signal.SIGCONT)
        assert sorted(_workers(pid)) == sorted(workers), "a worker was restarted: it had crashed"

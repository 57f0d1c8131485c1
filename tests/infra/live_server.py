"""A real `python -m app serve` on 127.0.0.1, in its own process group, for tests across processes.

In-process test clients cannot show what several processes sharing one database do; these tests
need the real command, the real uvicorn and a real port.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(base_url: str, proc: subprocess.Popen[bytes], timeout: float = 90.0) -> None:
    """Until /readyz answers 200; fails early if the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was ready")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/readyz not ready after {timeout} s")


@contextmanager
def live_server(database_url: str, workers: int = 1, log_path: Path | None = None) -> Iterator[tuple[str, int]]:
    """Yields (base URL, server pid); stops the whole process group (uvicorn and its workers) after."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the workers are stopped with it
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base_url, proc)
        yield base_url, proc.pid
    finally:
        _stop(proc)
        if log_path:
            log.close()  # type: ignore[union-attr]


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):  # workers that outlived their parent
        os.killpg(proc.pid, signal.SIGKILL)

"""Static files and article ids cannot reach outside their folder or table, however the path is spelled.

httpx (and so TestClient) removes "../" segments before sending, which would hide exactly the requests
an attacker sends, so these tests speak ASGI directly with the raw path bytes, decoded the way uvicorn
decodes them (percent-decoding once, no dot-segment removal); and, for the main spellings, over a real
socket to `python -m app serve` on 127.0.0.1, so uvicorn's own parsing is part of the test.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.web.factory import STATIC_DIR
from tests.asgi import get_scope
from tests.security.event_loop import run_async
from tests.web.factories import Seeded

REPO = Path(__file__).resolve().parents[2]
# Text that only the files outside static/ contain: finding it in a body means the file was served.
SECRETS = (b"def make_engine", b"[build-system]", b"root:x:0:0", b"sqlalchemy", b"SQLite format 3")

STATIC_ESCAPES = [
    "/static/../app/db.py",
    "/static/../pyproject.toml",
    "/static/css/../../app/db.py",
    "/static/%2e%2e/app/db.py",
    "/static/%2e%2e%2fapp%2fdb.py",
    "/static/..%2fapp%2fdb.py",
    "/static/..%2Fapp%2Fdb.py",
    "/static/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/static/..\\app\\db.py",
    "/static/..%5capp%5cdb.py",
    "/static/css%5c..%5c..%5capp%5cdb.py",
    "/static/%252e%252e%252fapp%252fdb.py",
    "/static/%c0%ae%c0%ae/app/db.py",
    "/static/..%c0%afapp%c0%afdb.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../../../../../../etc/passwd",
    "/static/css/atlas.css%00.py",
    "/static/..%00/app/db.py",
    "/static/%00",
    "/static/....//app/db.py",
    "/static/.../app/db.py",
    "/static/css/../../data/atlas.db",
    "/static/~/.bashrc",
    "/static/" + "../" * 50 + "etc/passwd",
]
ID_ESCAPES = [
    "/articles/../../etc/passwd",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/articles/1%2f..%2f..%2fetc%2fpasswd",
    "/articles/1/../../etc/passwd",
    "/articles/%2e%2e",
    "/articles/1;rm",
    "/articles/1%00",
    "/articles/0x1",
    "/articles/1 OR 1=1",
    "/incentives/..%2f..%2fapp%2fdb.py",
    "/incentives/1%27%20OR%20%271%27=%271",
    "/api/incentives/..%2f..%2fetc%2fpasswd",
    "/places/..%2f..%2fetc%2fpasswd",
    "/places/%2e%2e%2f%2e%2e%2fapp%2fdb.py",
    "/api/places/..%2f..%2fetc%2fpasswd",
]


async def _asgi_get(app: FastAPI, target: str) -> tuple[int, bytes]:
    """One GET with `target` as the raw request target, scope built as uvicorn builds it."""
    scope = get_scope(target)
    status = 0
    body = b""
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if sent:
            await anyio.sleep_forever()
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status, body
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body += message.get("body", b"")

    await app(scope, receive, send)
    return status, body


def _assert_refused(status: int, body: bytes, target: str) -> None:
    assert status in (400, 404, 405, 422), (target, status)
    for secret in SECRETS:
        assert secret not in body, (target, secret)


def test_static_paths_stay_in_static(client: TestClient) -> None:
    app = client.app
    assert run_async(_asgi_get, app, "/static/css/atlas.css")[0] == 200  # the harness does serve files
    for target in STATIC_ESCAPES:
        status, body = run_async(_asgi_get, app, target)
        _assert_refused(status, body, target)


def test_ids_and_slugs_cannot_name_files(client: TestClient, seeded: Seeded) -> None:
    app = client.app
    assert run_async(_asgi_get, app, f"/articles/{seeded.articles['kelamayi']}")[0] == 200
    for target in ID_ESCAPES:
        status, body = run_async(_asgi_get, app, target)
        _assert_refused(status, body, target)


def test_static_folder_holds_nothing_secret() -> None:
    """What /static serves is what static/ holds: no symlink out of it, no source, no database."""
    for path in STATIC_DIR.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(STATIC_DIR.resolve()), path
        assert path.suffix not in (".py", ".db", ".env", ".toml", ".sqlite"), path


# ---------------------------------------------------------------------------------------------------
# The same through uvicorn, over a socket on 127.0.0.1
# ---------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raw_request(port: int, target: bytes) -> tuple[int, bytes]:
    """Send the request line exactly as given (no client-side normalisation) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0
    return status, answer


@pytest.fixture
def served(database_url: str, seeded: Seeded) -> Iterator[int]:
    """`python -m app serve` on a free loopback port over this test's database; always stopped."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if _raw_request(port, b"/healthz")[0] == 200:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_through_uvicorn(served: int) -> None:
    assert _raw_request(served, b"/static/css/atlas.css")[0] == 200
    for target in [*STATIC_ESCAPES, *ID_ESCAPES]:
        if " " in target:
            continue  # not a valid request line; uvicorn answers 400 itself
        status, answer = _raw_request(served, target.encode("latin-1"))
        _assert_refused(status, answer, target)

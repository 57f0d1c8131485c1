"""A GET request's ASGI scope as uvicorn builds it, for tests that drive an app without a client.

Why without a client: some properties live below what a test client shows, such as a raw request
target that was never normalised, or what the app holds while each body chunk is being sent.
"""

from __future__ import annotations

from urllib.parse import unquote


def get_scope(target: str) -> dict:
    """`target` is the raw request target (path only, possibly percent-encoded)."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(target),
        "raw_path": target.encode("latin-1"),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }

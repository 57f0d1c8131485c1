"""ASGI middleware for what every response needs: read-only methods and security headers.

The dashboard never changes data, so anything but GET and HEAD is refused before routing (405 with an
Allow header), and HEAD is answered as GET without a body. The Content-Security-Policy allows scripts and styles from this site only: no inline
script, no inline style, no framing; the templates are written so that this policy costs nothing.
"""

from __future__ import annotations

import json
from typing import Any

ALLOWED_METHODS = frozenset({"GET", "HEAD"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    """Refuses methods other than GET/HEAD and adds the security headers to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if scope["method"] not in ALLOWED_METHODS:
            body = json.dumps({"detail": "Method Not Allowed", "allowed": sorted(ALLOWED_METHODS)}).encode()
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 405,
                    "headers": [
                        (b"allow", b"GET, HEAD"),
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send_with_headers({"type": "http.response.body", "body": body})
            return
        if scope["method"] == "HEAD":
            await self._head(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    async def _head(self, scope, receive, send) -> None:
        """HEAD is GET without the body (FastAPI routes declare GET only); headers stay as GET's."""

        async def send_without_body(message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)

"""ASGI middleware: whole GET responses cached per data version, with an ETag and 304s for browsers.

Why: a server-rendered page with facets costs tens of milliseconds however its queries are tuned, a
thousand times a bare endpoint; the same bytes served again cost about what a bare endpoint costs.
Pages, the API and CSV are pure functions of the request and the data, so a key made of everything
the response depends on, plus the data version the ingest bumps on every commit, is never stale:

- the path and the query string (parsed and re-encoded, so spellings of one query share an entry;
  the order of parameters is kept, since pages echo it in their language links);
- the `lang`/`script` cookies (the URL's choice is in the query string), the HTMX headers that pick a
  fragment, and the scheme, host and root path that canonical links are built from;
- the data version, read here with one primary-key select and handed to the request's session, so
  the route reads it no second time (app.query.cache).

The ETag is a hash of that key, so a matching If-None-Match gets a 304 without rendering anything,
even when this process has not cached the response. The store is process-local and bounded by bytes
(least recently used entries go first): losing it costs one render, and no worker needs another's.
It runs on the event loop only, so it needs no lock. Security headers and preference cookies are added
by the middleware outside this one, on hits and 304s as on everything else.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import anyio.to_thread
from starlette.requests import HTTPConnection

from app.config import get_settings
from app.db import get_engine, is_sqlite
from app.models import DATA_VERSION_KEY
from app.query.cache import SESSION_VERSION_KEY
from app.web.i18n import LANGS, SCRIPTS
from app.web.warm_up import WarmUp

MAX_ENTRY_SHARE = 8  # one response may fill at most 1/8 of the cache (a huge CSV streams, uncached)

# Everything that reads the database and depends only on the request and the data. Not /healthz or
# /readyz (they must ask the database every time), not /static (files have their own validators).
CACHEABLE_PREFIXES = ("/incentives", "/places", "/compare", "/api", "/articles", "/calculator", "/map")
VARY = b"HX-Request, HX-Target, HX-History-Restore-Request, HX-Boosted, Cookie"
HX_HEADERS = ("hx-request", "hx-target", "hx-history-restore-request", "hx-boosted")
REPLACED_HEADERS = frozenset({b"vary", b"etag", b"cache-control"})


def cacheable_path(path: str) -> bool:
    return path == "/" or path.startswith(CACHEABLE_PREFIXES)


@dataclass(frozen=True)
class Entry:
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(n) + len(v) for n, v in self.headers)


class ResponseStore:
    """Responses of one data version by key, least recently used first out past `max_bytes`.

    Keys start with the data version. Entries of any other version than the newest one seen are
    dropped at once rather than left for the LRU: no request that starts now can ask for them, and
    during an ingest (a new version per committed article) they would fill the whole bound with dead
    bytes. The soak (bench/soak.py) measured exactly that: +63 MB of RSS, the full 64-MB bound.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // MAX_ENTRY_SHARE
        self.used = 0
        self.version: str | None = None
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()

    def see_version(self, version: str) -> bool:
        """A request read `version`: if it is not the store's, the store's entries are dead (True).

        Versions are random, not ordered; a request that read the older one just after a newer one
        (possible on PostgreSQL, whose reads run in threads) switches back and costs renders only.
        """
        if version != self.version:
            first = self.version is None
            self.version = version
            self._entries.clear()
            self.used = 0
            return not first
        return False

    def get(self, key: tuple) -> Entry | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: tuple, entry: Entry) -> None:
        """Keep `entry` unless it is too large or was rendered for a version the store has left."""
        if entry.size > self.max_entry_bytes or key[0] != self.version:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.used -= old.size
        self._entries[key] = entry
        self.used += entry.size
        while self.used > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self.used -= evicted.size


class VersionReader:
    """Reads the data version through one connection of its own, outside the engine's pool.

    Why not a pooled connection: under load every pooled connection may be held by a request whose
    release needs the event loop (or a worker thread) that would be waiting here for one: a deadlock
    until the pool's timeout. One lasting connection, used under a lock, never waits for the pool.
    """

    QUERY = f"SELECT value FROM meta WHERE key = '{DATA_VERSION_KEY}'"

    def __init__(self, database_url: str | None) -> None:
        self.database_url = database_url
        self._connection: Any = None
        self._lock = threading.Lock()
        self._local: bool | None = None  # known at the first request, when the engine exists

    @property
    def local(self) -> bool:
        """Whether the database is a local SQLite file (read on the event loop, see ResponseCache)."""
        if self._local is None:
            self._local = is_sqlite(get_engine(self.database_url))
        return self._local

    def read(self) -> str:
        with self._lock:
            if self._connection is None:
                pooled = get_engine(self.database_url).raw_connection()
                pooled.detach()  # its own from now on: closed below or when the reader goes
                self._connection = pooled
                weakref.finalize(self, pooled.close)
            try:
                cursor = self._connection.cursor()
                cursor.execute(self.QUERY)
                rows = cursor.fetchall()
                cursor.close()
                self._connection.rollback()  # no transaction (and no old snapshot) stays open
            except Exception:
                self._connection.close()
                self._connection = None  # the next request reconnects
                raise
        return rows[0][0] if rows else ""


def _etag(key: tuple) -> bytes:
    return b'"' + hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest().encode() + b'"'


def _matches(if_none_match: str | None, etag: bytes) -> bool:
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return "*" in tags or etag.decode() in tags


class ResponseCache:
    """Serves GET responses of the data pages from a per-data-version store (see the module doc)."""

    def __init__(
        self, app: Any, database_url: str | None = None, max_bytes: int | None = None, warm_up: int = 0
    ) -> None:
        self.app = app
        self.store = ResponseStore(get_settings().response_cache_bytes if max_bytes is None else max_bytes)
        self.versions = VersionReader(database_url)
        self.warm = WarmUp(warm_up)

    async def data_version(self) -> str:
        """SQLite: a primary-key read of a local file takes microseconds, less than a thread hop, so it
        runs on the event loop; a server database is a network round trip, so a worker thread waits."""
        if self.versions.local:
            return self.versions.read()
        return await anyio.to_thread.run_sync(self.versions.read)

    def key(self, scope: dict, version: str) -> tuple:
        connection = HTTPConnection(scope)
        headers = connection.headers
        query = urlencode(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
        lang = connection.cookies.get("lang")
        script = connection.cookies.get("script")
        return (
            version,
            scope.get("root_path", ""),
            scope["path"],
            query,
            lang if lang in LANGS else None,
            script if script in SCRIPTS else None,
            *(headers.get(h) for h in HX_HEADERS),
            scope.get("scheme"),
            headers.get("host"),
        )

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not cacheable_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        version = await self.data_version()
        if self.store.see_version(version):
            self.warm.start(self._replay)
        scope.setdefault("state", {})[SESSION_VERSION_KEY] = version
        key = self.key(scope, version)
        etag = _etag(key)
        validators = [(b"etag", etag), (b"vary", VARY), (b"cache-control", b"no-cache")]
        revalidating = _matches(HTTPConnection(scope).headers.get("if-none-match"), etag)
        entry = self.store.get(key)
        if entry is not None:
            if revalidating:
                await send({"type": "http.response.start", "status": 304, "headers": validators})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
            await send({"type": "http.response.body", "body": entry.body})
            self.warm.seen(key[1:], scope)
            return
        # Not stored: only the page itself can say whether there is a representation to match. A 304
        # is sent for a 200 alone; a 404 or a 422 goes out as it is, whatever If-None-Match said.
        await self.app(scope, receive, self._recording_send(send, key, validators, revalidating, scope))

    async def _replay(self, scope: dict) -> bool:
        """Render a page a visitor asked for before, under the current version, into the store, as if
        they asked again (app.web.warm_up); False once the version has moved on."""
        version = await self.data_version()
        if version != self.store.version:
            return False
        replayed = {**scope, "state": {SESSION_VERSION_KEY: version}, "headers": [
            (n, v) for n, v in scope.get("headers", []) if n.lower() != b"if-none-match"
        ]}
        key = self.key(replayed, version)
        if self.store.get(key) is not None:
            return True

        # The request once; after that, what a server says once the response is out: the client has
        # gone. A receive() that answered "request" forever never yields, and a streamed response
        # (the CSV) listens for a disconnect in a loop: the replay spun and the server answered
        # nothing else (the soak's stalled windows).
        requested = False
        answered = asyncio.Event()

        async def receive() -> dict:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await answered.wait()
            return {"type": "http.disconnect"}

        async def discard(message: dict) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered.set()

        validators = [(b"etag", _etag(key)), (b"vary", VARY), (b"cache-control", b"no-cache")]
        await self.app(replayed, receive, self._recording_send(discard, key, validators, False))
        return True

    def _recording_send(
        self, send, key: tuple, validators: list[tuple[bytes, bytes]], revalidating: bool, visit: dict | None = None
    ):
        """`send`, keeping a copy of a 200 response's headers and body to store once it is complete;
        when the request's validator matched, a 200 goes out as a 304 without its body."""
        state: dict[str, Any] = {"headers": None, "chunks": [], "size": 0, "not_modified": False}

        async def recording_send(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(n, v) for n, v in message.get("headers", []) if n.lower() not in REPLACED_HEADERS]
                if message["status"] == 200:
                    headers += validators
                    if not any(n.lower() == b"set-cookie" for n, _ in headers):
                        state["headers"] = headers
                    if revalidating:  # the client has this representation: no body, validators only
                        state["not_modified"] = True
                        message = {**message, "status": 304, "headers": validators}
                else:
                    headers.append((b"vary", VARY))
                if not state["not_modified"]:
                    message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and state["headers"] is not None:
                body = message.get("body", b"")
                state["size"] += len(body)
                if state["size"] > self.store.max_entry_bytes:
                    state["headers"] = None
                    state["chunks"] = []
                else:
                    state["chunks"].append(body)
                    if not message.get("more_body", False):
                        body = b"".join(state["chunks"])
                        headers = state["headers"]
                        if not any(n.lower() == b"content-length" for n, _ in headers):  # was streamed
                            headers = [*headers, (b"content-length", str(len(body)).encode())]
                        self.store.put(key, Entry(headers, body))
                        if visit is not None:  # a visitor's page, not a warm-up's replay
                            self.warm.seen(key[1:], visit)
            if state["not_modified"] and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a 304 has no body: wait for the last chunk, then end it empty
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        return recording_send

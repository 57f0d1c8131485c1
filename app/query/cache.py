"""Results that depend on the data alone, computed once per data version and kept in a small LRU.

Why keyed on the data version: the ingest writes a new `meta.data_version` on every committed article,
so a key that contains it can never return what an older ingest produced, without a TTL and without
telling other processes anything. Each process keeps its own cache and losing it costs one recompute;
nothing here is state another worker would need (issue 4).

The version is read once per session (one primary-key select; the response cache passes the one it
read through `session.info`, so a request reads it once in all). Reading it before any data matters: a
request may then store newer data under an older key, which only requests that started before the
ingest can see, but never older data under a newer key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from app.models import DATA_VERSION_KEY, Meta

T = TypeVar("T")

SESSION_VERSION_KEY = "atlas_data_version"
MAX_ENTRIES = 2048  # facet counts of every filter combination a crawler tries must not grow without end

_VERSION_QUERY = select(col(Meta.value)).where(col(Meta.key) == DATA_VERSION_KEY)


def read_data_version(connection: Connection | Session) -> str:
    """The version the last committed ingest wrote ("" for a database nothing was ingested into)."""
    return connection.execute(_VERSION_QUERY).scalar() or ""


def data_version(session: Session) -> str:
    """This session's data version: the one the request already read, else one primary-key select."""
    if SESSION_VERSION_KEY not in session.info:
        session.info[SESSION_VERSION_KEY] = read_data_version(session)
    return session.info[SESSION_VERSION_KEY]


class LRU:
    """A thread-safe mapping that forgets the least recently used entry beyond `max_entries`.

    Route functions run in a thread pool, so two threads may compute the same value at once; both
    results are equal, and the lock only guards the dictionary, never the computation.
    """

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Hashable, ...]) -> tuple[bool, object]:
        with self._lock:
            if key not in self._entries:
                return False, None
            self._entries.move_to_end(key)
            return True, self._entries[key]

    def put(self, key: tuple[Hashable, ...], value: object) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def keep_only_version(self, database: str, version: str) -> None:
        """Forget the entries of `database` computed for any other data version.

        Why: the ingest writes a new version on every committed article, so during an ingest each
        request brings a new version and, with it, new copies of per-version lists (the places with
        incentives are 0.7 MB on the 10,000-article database). Bounded only by MAX_ENTRIES, stale copies
        grew the server by 160 MB in the 5-minute soak (bench/soak.py) and could reach GBs; an entry of
        an older version can never be asked for by a request that started after the change.
        """
        with self._lock:
            for key in [k for k in self._entries if k[0] == database and k[1] != version]:
                del self._entries[key]


_cache = LRU(MAX_ENTRIES)
_latest_version: dict[str, str] = {}  # database URL -> the version of the newest entry stored for it


def cached(session: Session, name: str, args: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per (database, data version, name, args); values must be immutable.

    The database URL is in the key because one process may serve several databases (tests do).
    """
    value, _ = cached_if(session, name, args, lambda: (compute(), True))
    return value


def cached_if(session: Session, name: str, args: Hashable, compute: Callable[[], tuple[T, bool]]) -> tuple[T, bool]:
    """Like `cached`, for a value that is not always worth keeping: `compute()` returns the value
    and whether to keep it (a place that is not there is not kept: anyone may ask for any slug)."""
    database, version = str(session.get_bind().engine.url), data_version(session)
    key = (database, version, name, args)
    found, value = _cache.get(key)
    if found:
        return value, True  # type: ignore[return-value]
    value, keep = compute()
    if not keep:
        return value, False
    if _latest_version.get(database) != version:  # a new version (or a request that began before it)
        _latest_version[database] = version
        _cache.keep_only_version(database, version)
    _cache.put(key, value)
    return value, True

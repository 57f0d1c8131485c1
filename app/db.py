"""Engines, sessions and schema upgrades for SQLite (the default) and PostgreSQL.

The program upgrades the database itself (Alembic, to head) before it reads or writes, so an empty or
older database is never a set-up step for the user.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, create_engine

from app.config import PROJECT_ROOT, get_settings

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
# Connections one engine lends at once, on both backends (SQLAlchemy's QueuePool). The server runs
# route functions on at most POOL_CONNECTIONS threads (app.web.factory), so a request never waits for a
# connection, only for a thread: a wait without the pool's 30-s timeout and its 500.
POOL_SIZE = 5
POOL_OVERFLOW = 10
POOL_CONNECTIONS = POOL_SIZE + POOL_OVERFLOW


def normalise_url(url: str) -> str:
    """Accept the spellings people paste (postgres://, postgresql://) and use the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url if isinstance(engine_or_url, str) else str(engine_or_url.url)
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL lets readers keep reading while an ingest writes; foreign keys make cascades real.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


@lru_cache(maxsize=8192)
def _flat_list(text: str) -> tuple[object, ...]:
    return tuple(json.loads(text))


def read_json(text: str | bytes) -> object:
    """A JSON column's value. A flat list (an incentive's targets, its levels) is parsed once per
    distinct text and handed out as a fresh list, so no reader shares one a writer could change:
    a listing decoded the same few hundred lists again for every row, 6% of a cold explorer page.
    With no second "[" and no "{" the list holds only strings, numbers, booleans and nulls.
    psycopg hands its loader bytes, SQLite's driver a str."""
    if not isinstance(text, str):
        text = bytes(text).decode()
    if text.startswith("[") and text.count("[") == 1 and "{" not in text:
        return list(_flat_list(text))
    return json.loads(text)


def make_engine(url: str | None = None) -> Engine:
    url = normalise_url(url or get_settings().database_url)
    if is_sqlite(url):
        database = make_url(url).database
        pool: dict[str, int] = {}
        if database and database != ":memory:":  # a file: a QueuePool (memory uses one connection)
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
        engine = create_engine(
            url, connect_args={"check_same_thread": False}, json_deserializer=read_json, **pool
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # pre_ping: a server restart or a load balancer's idle cut must cost a reconnect, not a 500;
    # connect_timeout: /readyz must answer "not ready" quickly when the server is unreachable.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_recycle=1800,
        json_deserializer=read_json,
        connect_args={"connect_timeout": 10, "application_name": "talent-policy-atlas"},
    )


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process; engines hold connection pools, never data."""
    return make_engine(url)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


# Any constant: names the advisory lock that serialises upgrades of one PostgreSQL database.
_UPGRADE_LOCK_KEY = 0x41744C53  # "AtlS"


@contextmanager
def _sqlite_upgrade_lock(engine: Engine) -> Iterator[None]:
    """SQLite: an exclusive lock on a file beside the database (SQLite is one machine's anyway).

    pysqlite runs DDL outside transactions, so SQLite's own locking does not stop two processes from
    both seeing an empty database and both creating the tables.
    """
    database = make_url(str(engine.url)).database
    if not database or database == ":memory:":
        yield
        return
    lock_path = Path(f"{database}.upgrade-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _upgrade_lock(engine: Engine) -> Iterator[None]:
    """One upgrade at a time per database, across processes (and on PostgreSQL, machines).

    Several app processes (or an ingest and a server) may start at once; without the lock two
    Alembic runs race on CREATE TABLE and on the version row, and two gazetteer loads on the places'
    unique keys. On PostgreSQL a session-level advisory lock on its own connection is held until
    the upgrade ends.
    """
    if is_sqlite(engine):
        with _sqlite_upgrade_lock(engine):
            yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _UPGRADE_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _UPGRADE_LOCK_KEY})
            conn.commit()


def upgrade(engine: Engine, then: Callable[[Session], object] | None = None) -> None:
    """Bring the schema to the newest revision, then run `then` (the gazetteer load, see
    app.ingest.places.prepare_database) under the same lock: this module knows tables, not places."""
    with _upgrade_lock(engine):
        command.upgrade(alembic_config(engine), "head")
        if then is not None:
            with Session(engine) as session:
                then(session)


# Rows ANALYZE samples per index: the planner needs the data's shape, not exact counts, and a
# bounded sample keeps the refresh near 0.05 s however large the database grows (a full ANALYZE
# reads every index: 0.15 s at 3,000 articles and growing with them).
ANALYSIS_LIMIT = 10_000


def refresh_statistics(engine: Engine) -> bool:
    """Let the query planner see the data's shape after an ingest. Without statistics SQLite filtered
    a category + province page by category and checked provinces row by row (12 ms instead of 0.5).

    Why ANALYZE and not PRAGMA optimize: before SQLite 3.46, optimize only analyses tables that
    queries on the same connection used, so on the ingest's fresh connection it did nothing and the
    statistics were never written. PostgreSQL's autovacuum does this itself.

    False when another ingest held the write lock ("database is locked"): the statistics are a
    speed-up the next ingest refreshes, never a reason to report stored articles as a failure."""
    if not is_sqlite(engine):
        return True
    try:
        with engine.connect() as conn:
            conn.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
            conn.execute(text("ANALYZE"))
            conn.commit()
    except OperationalError:
        return False
    return True


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()

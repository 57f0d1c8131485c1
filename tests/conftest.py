"""Shared fixtures: a migrated database per test, on SQLite (default) or PostgreSQL.

Upgrading and loading the 3,200-place gazetteer takes seconds, so it happens once per session into a
template; every test gets its own copy, isolated and fast:

- SQLite (TEST_DATABASE_URL unset): the template is a file, copied per test.
- PostgreSQL (TEST_DATABASE_URL=postgresql+psycopg://user@host:port/db, a user allowed to create
  databases): the template is a database, and each test gets `CREATE DATABASE ... TEMPLATE ...`,
  dropped (WITH (FORCE), so a leaked connection cannot keep it alive) when the test ends.

`scripts/test.sh` runs the whole suite once per backend, so every test that takes `database_url` or
`engine` runs on both without knowing which one it has.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from app.db import is_sqlite, make_engine, normalise_url
from app.ingest.places import prepare_database

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTIFACTS = REPO / "test-artifacts"


def _test_database_url() -> str | None:
    """The PostgreSQL server to test against, or None for SQLite."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        return None
    url = normalise_url(url)
    if is_sqlite(url):
        raise pytest.UsageError("TEST_DATABASE_URL must be a postgresql URL (leave it unset for SQLite)")
    return url


TEST_DATABASE_URL = _test_database_url()
BACKEND = "postgresql" if TEST_DATABASE_URL else "sqlite"


def pytest_report_header(config: pytest.Config) -> str:
    if TEST_DATABASE_URL:
        return f"database backend: postgresql ({make_url(TEST_DATABASE_URL).render_as_string()})"
    return "database backend: sqlite (set TEST_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)"


class PostgresDatabases:
    """Creates and drops uniquely named databases on one server, through an autocommit connection.

    Names carry the pid and a random part, so two test runs sharing a server cannot collide.
    """

    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.prefix = f"atlas_test_{os.getpid()}_{secrets.token_hex(3)}"
        self._counter = itertools.count()
        self.template = f"{self.prefix}_template"

    def url(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def new_name(self) -> str:
        return f"{self.prefix}_{next(self._counter)}"

    def create(self, name: str, template: str | None = None) -> str:
        # template0 for empty databases: template1 may carry whatever the server's owner put in it.
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{template or "template0"}" ENCODING \'UTF8\'')
        return self.url(name)

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _no_warm_up() -> Iterator[None]:
    """No background warm-up renders (app.web.warm_up) unless a test asks for them: a replay still
    running when a test ends would hold a connection to a database its fixture is dropping."""
    saved = os.environ.get("ATLAS_WARM_UP")
    os.environ["ATLAS_WARM_UP"] = "0"
    yield
    if saved is None:
        os.environ.pop("ATLAS_WARM_UP", None)
    else:
        os.environ["ATLAS_WARM_UP"] = saved


@pytest.fixture(scope="session", autouse=True)
def _isolated_default_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the default DATABASE_URL at a throw-away file for the whole session.

    A test that forgets the fixtures (or a subprocess it starts) then writes into a temporary SQLite
    file, never into the developer's data/atlas.db nor whatever server DATABASE_URL names outside.
    """
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('default-db') / 'atlas.db'}"
    yield
    if saved is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = saved


@pytest.fixture(scope="session")
def backend() -> str:
    """"sqlite" or "postgresql": for the few tests that must check backend-specific behaviour."""
    return BACKEND


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases | None]:
    if TEST_DATABASE_URL is None:
        yield None
        return
    databases = PostgresDatabases(TEST_DATABASE_URL)
    try:
        yield databases
    finally:
        databases.drop(databases.template)
        databases.close()


@pytest.fixture(scope="session")
def template_db(
    tmp_path_factory: pytest.TempPathFactory, postgres_databases: PostgresDatabases | None
) -> Path | str:
    """The migrated template: a file path on SQLite, a database name on PostgreSQL."""
    if postgres_databases is not None:
        url = postgres_databases.create(postgres_databases.template)
        engine = make_engine(url)
        prepare_database(engine)
        engine.dispose()  # a template database must have no connections when it is copied
        return postgres_databases.template
    path = tmp_path_factory.mktemp("template") / "atlas.db"
    engine = make_engine(f"sqlite:///{path}")
    prepare_database(engine)
    engine.dispose()
    return path


@pytest.fixture
def database_url(
    template_db: Path | str, tmp_path: Path, postgres_databases: PostgresDatabases | None
) -> Iterator[str]:
    """A URL of a migrated database with the gazetteer loaded, private to this test."""
    if postgres_databases is not None:
        name = postgres_databases.new_name()
        yield postgres_databases.create(name, template=str(template_db))
        postgres_databases.drop(name)
        return
    path = tmp_path / "atlas.db"
    shutil.copy(template_db, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def empty_database_url(tmp_path: Path, postgres_databases: PostgresDatabases | None) -> Iterator[str]:
    """A URL of an empty database (no tables), private to this test: for migration tests."""
    if postgres_databases is not None:
        name = postgres_databases.new_name()
        yield postgres_databases.create(name)
        postgres_databases.drop(name)
        return
    yield f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()

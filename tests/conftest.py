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

import inspect
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


# The quick loop, `pytest -m "not slow"`: what it skips, each entry a module or one test of it (all its
# parameters), with why. Decided by measured time (`pytest --durations=0` on SQLite, 2 cores): each
# is over ~1.5 s a test, mostly because it starts a process, a server or a browser. Besides these:
# every `browser` test; every test that calls tests.ingest.helpers.run_cli (a `python -m app`
# subprocess, 1.5-4 s each); and every Hypothesis test that goes through the app (takes `client`:
# dozens of requests). tests/infra/test_fast_lane.py guards this table.
SLOW: dict[str, str] = {
    "tests/infra/test_live_ingest.py": "uvicorn with 2 workers while ingests run in subprocesses",
    "tests/infra/test_serve_workers.py": "uvicorn with 2 worker processes",
    "tests/infra/test_postgres_script.py": "starts and stops a PostgreSQL server through scripts/postgres.sh",
    "tests/infra/test_migrations.py": "alembic upgrades from empty, some in concurrent subprocesses",
    "tests/ingest/test_concurrent_ingest.py": "two CLI ingests of a large folder at once",
    "tests/ingest/test_parallel.py": "an ingest through the worker processes, then a serial one",
    "tests/ingest/test_end_to_end_scores.py": "ingests and scores the whole annotated corpus",
    "tests/bench/test_explain_indexes.py": "a large generated database for the query plans",
    "tests/calculator/test_ranking.py": "ingests the whole corpus per test, ranks every profile",
    "tests/security/test_fuzz_api.py": "schemathesis over every operation, 40 examples each",
    "tests/ingest/test_formats.py::test_the_format_libraries_load_only_when_a_file_of_their_kind_arrives":
        "a fresh interpreter",
    "tests/security/test_traversal.py::test_through_uvicorn": "a uvicorn subprocess",
    "tests/web/test_memory.py::test_the_served_app_keeps_what_it_was_built_with_out_of_the_collectors_walks":
        "a fresh interpreter importing the app",
    "tests/query/test_search.py::test_every_sort_and_page_matches_the_reference":
        "every sort and page of a large table against a reference",
    "tests/infra/test_fast_lane.py::test_the_quick_loop_leaves_out_the_slow_modules_and_keeps_most_tests":
        "collects the whole suite in a subprocess",
}  # fmt: skip


def _is_slow(item: pytest.Item) -> bool:
    if item.get_closest_marker("browser") is not None:
        return True
    module = item.path.relative_to(REPO).as_posix() if item.path.is_relative_to(REPO) else str(item.path)
    name = getattr(item, "originalname", item.name)
    if module in SLOW or f"{module}::{name}" in SLOW:
        return True
    function = getattr(item, "function", None)
    if function is None:
        return False
    if getattr(function, "is_hypothesis_test", False) and "client" in item.fixturenames:
        return True
    code = getattr(inspect.unwrap(function), "__code__", None)
    return code is not None and "run_cli" in code.co_names


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)


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

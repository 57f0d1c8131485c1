"""Migrations on the backend under test: an empty database upgrades to head, twice without harm.

The readiness check (`/readyz`) compares app.db.current_revision with head_revision, so these tests
also pin what those two report before and after an upgrade.
"""

from __future__ import annotations

from sqlalchemy import inspect, text

from app.db import current_revision, head_revision, make_engine, upgrade

EXPECTED_TABLES = {"meta", "place", "article", "incentive", "metric", "policy", "incentive_target_level"}


def test_head_revision_is_known() -> None:
    assert head_revision(), "migrations/versions has no head revision"


def test_empty_database_upgrades_to_head(empty_database_url: str, backend: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        assert engine.dialect.name == backend
        assert current_revision(engine) is None  # not migrated: /readyz must say not ready
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
        with engine.connect() as conn:
            places = conn.execute(text("SELECT count(*) FROM place")).scalar_one()
        assert places > 3000, "the gazetteer was not loaded by upgrade()"
        upgrade(engine)  # idempotent: a second process starting up runs it again
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM place")).scalar_one() == places
    finally:
        engine.dispose()


def test_fixture_database_is_at_head(engine) -> None:
    assert current_revision(engine) == head_revision()


def test_behind_head_is_reported(engine) -> None:
    """A database stamped with an older revision must not look ready."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert current_revision(engine) == "0001" != head_revision()

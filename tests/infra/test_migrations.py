"""Migrations on the backend under test: an empty database upgrades to head, twice without harm.

The readiness check (`/readyz`) compares app.db.current_revision with head_revision, so these tests
also pin what those two report before and after an upgrade.
"""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import inspect, text

from app.db import current_revision, head_revision, make_engine
from app.ingest.places import prepare_database

EXPECTED_TABLES = {"meta", "place", "article", "incentive", "metric", "policy", "incentive_target_level"}


def test_head_revision_is_known() -> None:
    assert head_revision(), "migrations/versions has no head revision"


def test_empty_database_upgrades_to_head(empty_database_url: str, backend: str) -> None:
    engine = make_engine(empty_database_url)
    try:
        assert engine.dialect.name == backend
        assert current_revision(engine) is None  # not migrated: /readyz must say not ready
        prepare_database(engine)
        assert current_revision(engine) == head_revision()
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
        with engine.connect() as conn:
            places = conn.execute(text("SELECT count(*) FROM place")).scalar_one()
        assert places > 3000, "the gazetteer was not loaded by prepare_database()"
        prepare_database(engine)  # idempotent: a second process starting up runs it again
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


def test_concurrent_upgrades_of_an_empty_database(empty_database_url: str) -> None:
    """Several processes starting at once (workers, machines, an ingest) all upgrade the same database."""
    code = (
        "import sys; from app.db import make_engine; from app.ingest.places import prepare_database;"
        " prepare_database(make_engine(sys.argv[1]))"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, empty_database_url], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], "\n".join(errors)
    engine = make_engine(empty_database_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            total, distinct = conn.execute(text("SELECT count(*), count(DISTINCT adcode) FROM place")).one()
        assert total == distinct > 3000
    finally:
        engine.dispose()


def test_articles_stored_before_formats_are_text_after_the_upgrade(empty_database_url: str) -> None:
    """0006 adds article.format and article.url: an article stored at 0005 reads as a text file
    with no page URL, and is kept."""
    from alembic import command

    from app.db import alembic_config

    engine = make_engine(empty_database_url)
    try:
        command.upgrade(alembic_config(engine), "0005")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO article (file_name, authors, raw_bytes, encoding, original_text, normalised_text,"
                    " script, damage, warnings, content_hash, ingested_at) VALUES ('old.txt', '[]', :raw, 'utf-8',"
                    " '正文', '正文', 'simplified', '[]', '[]', 'abc', CURRENT_TIMESTAMP)"
                ),
                {"raw": "正文".encode()},
            )
        prepare_database(engine)
        with engine.connect() as conn:
            row = conn.execute(text("SELECT file_name, format, url FROM article")).one()
        assert tuple(row) == ("old.txt", "text", None)
    finally:
        engine.dispose()

"""Migrations on the backend under test: an empty database upgrades to head, twice without harm.

The readiness check (`/readyz`) compares app.db.current_revision with head_revision, so these tests
also pin what those two report before and after an upgrade.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

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


def test_the_calculators_offers_are_backfilled_then_kept_by_the_database(empty_database_url: str) -> None:
    """0011 reads every stored incentive into calculator_offer, its target lists and terms (typed
    terms from condition_items; a row from before 0004 keeps its line for the calculator to type),
    and from then on its triggers keep them in step; a downgrade removes them and nothing else."""
    from alembic import command
    from sqlalchemy import delete, insert
    from sqlmodel import Session

    from app.db import alembic_config
    from app.models import Article, Incentive, Place
    from tests.calculator.offers import expected_offers, stored_offers

    engine = make_engine(empty_database_url)
    try:
        command.upgrade(alembic_config(engine), "0010")
        with Session(engine) as session:
            province = {"adcode": "650000", "name": "新疆", "level": "province", "province_code": "650000",
                        "province_name": "新疆", "slug": "xinjiang", "short_names": [], "nicknames": []}  # fmt: skip
            province_id = session.execute(insert(Place).returning(Place.id), province).scalar_one()
            city = {**province, "adcode": "650200", "name": "克拉玛依市", "level": "prefecture", "slug": "kelamayi",
                    "parent_id": province_id}  # fmt: skip
            city_id = session.execute(insert(Place).returning(Place.id), city).scalar_one()
            article = {"file_name": "old.txt", "raw_bytes": b"x", "encoding": "utf-8", "original_text": "x",
                       "normalised_text": "x", "script": "simplified", "content_hash": "x",
                       "ingested_at": datetime(2026, 12, 1, tzinfo=UTC), "authors": [], "damage": [], "warnings": []}  # fmt: skip
            article_id = session.execute(insert(Article).returning(Article.id), article).scalar_one()
            base = {"article_id": article_id, "place_id": city_id, "province_code": "650000", "category": "housing_subsidy",
                    "amount_yuan": 500_000, "amount_kind": "up_to", "period": "one_off", "targets": ["博士"],
                    "target_levels": ["doctorate"], "quote": "q", "quote_start": 0, "quote_end": 1}  # fmt: skip
            items = [
                {"kind": "service", "text": "服务满3年", "years": 3},
                {"kind": "purchase", "text": "在本市购房", "years": None},
                {"kind": "service", "text": "签订5年以上合同", "years": 5},
                {"kind": "age", "text": "45周岁以下", "years": None},
            ]
            rows = [
                {**base, "condition_items": items},
                {**base, "condition_items": [], "place_id": province_id, "amount_yuan": None},
                {**base, "conditions": "在地区连续工作满5年；在地区范围内购房"},  # before 0004: SQL NULL
                {**base, "condition_items": None, "conditions": "服务满2年"},  # JSON null
                {**base, "condition_items": [], "place_id": None},  # no place: no offer
                {**base, "condition_items": [], "targets": [], "target_levels": [], "period": "monthly", "duration_months": 36},
            ]
            ids = [session.execute(insert(Incentive).returning(Incentive.id), row).scalar_one() for row in rows]
            session.commit()
        command.upgrade(alembic_config(engine), "head")
        with Session(engine) as session:
            stored = stored_offers(session)
            assert stored == expected_offers(session)
            assert sorted(stored) == sorted(ids[:4] + ids[5:])
            terms = {i: (stored[i][4].needs_purchase, stored[i][4].service_years) for i in stored}
            assert [terms[i] for i in ids[:4]] == [(True, 5), (False, None), (None, None), (None, None)]
            assert [stored[i][4].conditions_text for i in ids[:4]] == [None, None, "在地区连续工作满5年；在地区范围内购房", "服务满2年"]
            session.execute(insert(Incentive), {**base, "condition_items": items[:1]})  # kept by the triggers
            session.execute(delete(Incentive).where(Incentive.id == ids[0]))
            session.commit()
            assert stored_offers(session) == expected_offers(session)
            assert len(stored_offers(session)) == 5
        command.downgrade(alembic_config(engine), "0010")
        assert not {"calculator_offer", "calculator_terms", "calculator_target_list"} & set(
            inspect(engine).get_table_names()
        )
        with Session(engine) as session:  # no trigger is left behind to write into a missing table
            session.execute(insert(Incentive), {**base, "condition_items": []})
            session.execute(delete(Incentive).where(Incentive.id == ids[1]))
            session.commit()
    finally:
        engine.dispose()

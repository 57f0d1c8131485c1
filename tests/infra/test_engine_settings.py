"""Engine settings each backend relies on, checked on a live connection of the backend under test.

SQLite must be in WAL mode (readers go on while an ingest writes) with foreign keys enforced (the
cascades that delete an article's rows); PostgreSQL connections carry the settings app.db gives
them. And /readyz must say "unavailable", quickly, when a PostgreSQL server cannot be reached.
"""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.web.factory import create_app

from .live_server import free_port


def test_connection_settings(engine: Engine, backend: str) -> None:
    with engine.connect() as conn:
        if backend == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        else:
            assert conn.exec_driver_sql("SHOW application_name").scalar() == "talent-policy-atlas"
            assert conn.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"


def test_readyz_when_postgresql_is_unreachable() -> None:
    url = f"postgresql+psycopg://atlas@127.0.0.1:{free_port()}/atlas"  # nothing listens there
    started = time.monotonic()
    with TestClient(create_app(url)) as client:
        response = client.get("/readyz")
        assert client.get("/healthz").status_code == 200
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert time.monotonic() - started < 15


def test_json_columns_are_parsed_once_per_text_and_never_shared(engine: Engine) -> None:
    from sqlalchemy import JSON, Column, MetaData, Table, insert, select

    rows = Table("json_probe", MetaData(), Column("value", JSON))
    rows.create(engine)
    try:
        values = [["博士", "硕士"], ["博士", "硕士"], [{"kind": "age", "max": 35}], ["a[b", "c{d"], []]
        with engine.begin() as conn:
            conn.execute(insert(rows), [{"value": v} for v in values])
            read = [r for (r,) in conn.execute(select(rows.c.value))]
        assert read == values
        read[0].append("本科")  # a reader's change stays its own
        with engine.connect() as conn:
            assert [r for (r,) in conn.execute(select(rows.c.value))] == values
    finally:
        rows.drop(engine)

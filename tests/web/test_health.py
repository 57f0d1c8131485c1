"""/healthz (the process answers) and /readyz (the database is reachable and migrated)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from app.db import head_revision
from app.web.factory import create_app


def test_healthz(empty_client: TestClient) -> None:
    assert empty_client.get("/healthz").json() == {"status": "ok"}


def test_readyz_when_migrated(empty_client: TestClient) -> None:
    response = empty_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "revision": head_revision()}


def test_readyz_when_behind(empty_client: TestClient, engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    response = empty_client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "not migrated"


def test_readyz_on_a_database_never_migrated(tmp_path: Path) -> None:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'fresh.db'}")) as client:
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["current"] is None


def test_readyz_when_the_database_is_unreachable(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with TestClient(create_app(f"sqlite:///{blocker / 'atlas.db'}")) as client:
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"
    assert client.get("/healthz").status_code == 200  # the process itself is fine

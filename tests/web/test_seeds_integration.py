"""The real pipeline end to end: ingest seeds/, then the dashboard shows all five seed places."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db import get_engine
from app.ingest.pipeline import ingest_paths
from app.models import Meta
from app.web.factory import create_app
from tests.web.factories import gold_articles

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def ingested(database_url: str, engine: Engine) -> Iterator[TestClient]:
    ingest_paths([SEEDS], engine)
    with TestClient(create_app(database_url)) as client:
        yield client
    get_engine(database_url).dispose()


def test_ingested_seeds_show_all_five_places(ingested: TestClient, engine: Engine) -> None:
    html = ingested.get("/places").text
    slugs = re.findall(r'<th scope="row"><a href="/places/([a-z0-9_-]+)">', html)
    assert sorted(slugs) == ["akesu", "changji", "daqing", "eerduosi", "kelamayi"]
    for article in gold_articles():
        assert article["city"] in html
    for slug in slugs:
        page = ingested.get(f"/places/{slug}")
        assert page.status_code == 200 and 'class="incentive"' in page.text, slug
    with Session(engine) as session:
        assert session.get(Meta, "data_version") is not None


def test_every_ingested_row_has_a_working_page(ingested: TestClient) -> None:
    data = ingested.get("/api/incentives?size=200").json()
    assert data["total"] > 0
    for item in data["items"]:
        assert ingested.get(item["url"]).status_code == 200
        assert ingested.get(item["article"]["url"]).status_code == 200
    overview = ingested.get("/")
    assert f'data-testid="stat-incentives">{data["total"]}<' in overview.text


def test_full_text_index_follows_a_re_ingest(ingested: TestClient, engine: Engine, backend: str) -> None:
    before = ingested.get("/api/incentives", params={"q": "购房补"}).json()["total"]
    assert before > 0
    ingest_paths([SEEDS], engine, force=True)  # deletes and re-inserts every article's rows
    assert ingested.get("/api/incentives", params={"q": "购房补"}).json()["total"] == before
    if backend == "sqlite":
        with engine.connect() as conn:
            fts = conn.execute(text("SELECT count(*) FROM incentive_fts")).scalar_one()
            rows = conn.execute(text("SELECT count(*) FROM incentive")).scalar_one()
        assert fts == rows

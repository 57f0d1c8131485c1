"""Web fixtures: the gold rows in a fresh database, and a TestClient over an app reading it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.db import get_engine
from app.web.factory import create_app
from tests.web.factories import Seeded, seed_gold


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    return seed_gold(engine)


def _client(database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(database_url)) as test_client:
        yield test_client
    get_engine(database_url).dispose()  # the app's pooled connections must not outlive the database


@pytest.fixture
def client(database_url: str, seeded: Seeded) -> Iterator[TestClient]:
    yield from _client(database_url)


@pytest.fixture
def empty_client(database_url: str, engine: Engine) -> Iterator[TestClient]:
    """An app over a migrated database with places but no articles: every empty state."""
    yield from _client(database_url)


HX = {"HX-Request": "true"}

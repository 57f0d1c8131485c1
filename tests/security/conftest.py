"""Security fixtures: a TestClient over the gold rows (tests/web/factories.py) in this test's database."""

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


@pytest.fixture
def client(database_url: str, seeded: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(database_url)) as test_client:
        yield test_client
    get_engine(database_url).dispose()  # pooled connections must not outlive the test's database

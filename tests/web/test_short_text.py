"""One- and two-character text queries: exactly the incentives containing them, through an index.

On SQLite these come from the bigram table of migration 0003 (kept by triggers), on PostgreSQL from the
trigram index on one search expression; either way the answer must equal a plain substring search,
which is what the explorer promised when it fell back to LIKE. tests/bench/test_explain_indexes.py
checks the plans of the same queries.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Incentive, Meta, Place
from tests.web.factories import Seeded


def total(html: str) -> int:
    return int(re.search(r'data-testid="total">(\d+)<', html).group(1))


def containing(engine: Engine, words: list[str]) -> int:
    """How many incentives hold every word in their quote, targets, conditions or place name."""
    with Session(engine) as session:
        rows = session.exec(
            select(Incentive, Place.name).outerjoin(Place, Place.id == Incentive.place_id)
        ).all()
    texts = [" ".join([i.quote, *i.targets, i.conditions or "", name or ""]) for i, name in rows]
    return sum(1 for text in texts if all(w in text for w in words))


@pytest.mark.parametrize("q", ["博士", "博", "补贴", "人才 公寓", "元", "50", "硕士 购房", "人才"])
def test_short_words_find_exactly_what_contains_them(client: TestClient, engine: Engine, q: str) -> None:
    expected = containing(engine, q.split())
    assert expected > 0
    assert total(client.get("/incentives", params={"q": q}).text) == expected


def test_words_pairs_cannot_spell_still_match_literally(client: TestClient, engine: Engine) -> None:
    for q in ["士,", "万元"]:
        assert total(client.get("/incentives", params={"q": q}).text) == containing(engine, [q])


def test_the_pairs_follow_changed_rows(client: TestClient, engine: Engine, seeded: Seeded) -> None:
    """Triggers keep the index equal to the table when an incentive is updated or deleted."""
    assert total(client.get("/incentives", params={"q": "鲲鹏"}).text) == 0
    with Session(engine) as session:
        incentive = session.get(Incentive, seeded.incentives["daqing"][0])
        incentive.quote = "鲲鹏计划" + incentive.quote
        session.add(incentive)
        session.delete(session.get(Incentive, seeded.incentives["daqing"][1]))
        session.merge(Meta(key="data_version", value="test-2"))  # what every ingest does
        session.commit()
    assert total(client.get("/incentives", params={"q": "鲲鹏"}).text) == 1
    assert total(client.get("/incentives", params={"q": "鲲"}).text) == 1

"""A roundup through ingest and the pages: each row is stored, listed and linked at its own place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive, Place
from tests.web.conftest import _client

ROUNDUP = """广州各区硕士人才补贴汇总

1、补贴标准
黄埔区:新引进入户且在黄埔区企业工作满1年的硕士研究生补贴3万元。
南沙区:具有硕士学位的人员住房补贴4万元/人。
番禺区:接收准毕业生实习实训补贴,研究生每人每月补贴400元,补贴期限不超过6个月。
"""


@pytest.fixture
def roundup_client(database_url: str, engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "roundup.txt").write_text(ROUNDUP, encoding="utf-8")
    report = ingest_paths([folder], engine)
    assert [r.status for r in report.results] == ["added"]
    yield from _client(database_url)


def _row_places(engine: Engine) -> dict[int, str]:
    with Session(engine) as s:
        rows = s.execute(
            select(Incentive.amount_yuan, Place.name).join(Place, Place.id == Incentive.place_id)
        ).all()
    return {amount: name for amount, name in rows if amount}


def test_each_row_is_stored_at_its_own_place(roundup_client: TestClient, engine: Engine) -> None:
    assert _row_places(engine) == {30000: "黄埔区", 40000: "南沙区", 400: "番禺区"}
    with Session(engine) as s:
        article_place = s.execute(select(Place.name).join(Article, Article.place_id == Place.id)).scalar_one()
    assert article_place == "广州市"  # the place holding them all


def test_the_article_page_says_whose_offer_each_row_is(roundup_client: TestClient, engine: Engine) -> None:
    with Session(engine) as s:
        article_id = s.execute(select(Article.id)).scalar_one()
    page = roundup_client.get(f"/articles/{article_id}")
    assert page.status_code == 200
    linked = re.findall(r'data-testid="row-place" href="/places/[^"]+">([^<]+)</a>', page.text)
    assert linked == ["黄埔区", "南沙区", "番禺区"]


def test_a_district_page_lists_its_rows_and_the_roundup(roundup_client: TestClient, engine: Engine) -> None:
    with Session(engine) as s:
        slug = s.execute(select(Place.slug).where(Place.name == "南沙区")).scalar_one()
    page = roundup_client.get(f"/places/{slug}")
    assert page.status_code == 200
    assert "40,000" in page.text or "4万" in page.text
    assert "广州各区硕士人才补贴汇总" in page.text
    other = roundup_client.get(f"/api/places/{slug}").json()
    assert [i["amount_yuan"] for i in other["incentives"]] == [40000]
    assert [a["title"] for a in other["articles"]] == ["广州各区硕士人才补贴汇总"]


ZONE = """合肥经开区人才住房补助政策解读
合肥经开区将对企业家人才、高校毕业生等给予住房补助。经开区对博士给予每月1500元租房补贴,在开发区购房的,给予最高20万元购房补贴。
"""


def test_a_zone_article_creates_the_zone_under_its_city_with_a_page(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "zone"
    folder.mkdir()
    (folder / "zone.txt").write_text(ZONE, encoding="utf-8")
    (folder / "again.txt").write_text(ZONE.replace("1500元", "1600元"), encoding="utf-8")
    report = ingest_paths([folder], engine)
    assert [r.place for r in report.results] == ["合肥经济技术开发区"] * 2
    with Session(engine) as s:
        zones = s.execute(select(Place).where(Place.name == "合肥经济技术开发区")).scalars().all()
        assert len(zones) == 1  # found twice, stored once
        zone = zones[0]
        parent = s.get(Place, zone.parent_id)
        assert (zone.level, parent.name if parent else None, zone.province_name) == (
            "district",
            "合肥市",
            "安徽省",
        )
        slug = zone.slug
    for client in _client(database_url):
        page = client.get(f"/places/{slug}")
        assert page.status_code == 200
        assert "合肥经济技术开发区" in page.text and "合肥市" in page.text

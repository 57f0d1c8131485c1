"""The place hierarchy on a database where a district, its prefecture and its province all have
offers: the district's page shows what applies from above with its origin, the prefecture's page and
explorer include the district, and the calculator adds them up without counting an offer twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.ingest.pipeline import ingest_paths
from tests.web.factories import Seeded


@pytest.fixture
def hierarchy(engine: Engine, seeded: Seeded, tmp_path: Path) -> Seeded:
    """The seeds (克拉玛依市 has offers) plus one article on its district 独山子区 and one on 新疆."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "district.txt").write_text(
        "克拉玛依市独山子区出台人才新政\n2025-08-01 10:00 来源:独山子融媒\n"
        "独山子区对新引进的全日制博士研究生,给予20万元购房补贴。\n", "utf-8"
    )
    (folder / "province.txt").write_text(
        "新疆出台人才新政\n2025-09-01 10:00 来源:新疆日报\n"
        "新疆维吾尔自治区对新引进的全日制博士研究生,给予10万元安家费。\n", "utf-8"
    )
    assert [r.status for r in ingest_paths([folder], engine).results] == ["added", "added"]
    return seeded


def test_a_districts_page_shows_what_applies_from_above(client: TestClient, hierarchy: Seeded) -> None:
    page = client.get("/places/dushanzi").text
    own = page.split('data-testid="current"')[1].split('data-testid="inherited"')[0]
    above = page.split('data-testid="inherited"')[1]
    assert "20万元" in own
    assert "来自克拉玛依市" in above and "来自新疆维吾尔自治区" in above
    assert 'class="place-link" href="/places/kelamayi"' in above  # each row links its origin
    assert 'class="place-link" href="/places/xinjiang"' in above
    crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', page, re.S).group(0)
    assert crumbs.index("/places/xinjiang") < crumbs.index("/places/kelamayi")  # the whole chain, top down


def test_a_prefecture_lists_its_children_with_their_count_and_best_offer(
    client: TestClient, hierarchy: Seeded
) -> None:
    children = client.get("/places/kelamayi").text.split('data-testid="children"')[1].split("</ul>")[0]
    assert re.search(r'href="/places/dushanzi">独山子区</a> <span class="count"[^>]*>1</span>', children)
    assert "最高 20万元" in children


def test_the_prefectures_explorer_includes_its_district_unless_asked_not_to(
    client: TestClient, hierarchy: Seeded
) -> None:
    def total(url: str) -> int:
        return int(re.search(r'data-testid="total">(\d+)<', client.get(url).text).group(1))

    city_only = total("/incentives?place=kelamayi&place_only=true")
    district = total("/incentives?place=dushanzi")
    assert total("/incentives?place=kelamayi") == city_only + district == city_only + 1
    assert total("/incentives?place=xinjiang") > total("/incentives?place=xinjiang&place_only=true") == 1
    page = client.get("/incentives?place=kelamayi&place_only=true").text
    assert 'name="place_only" value="true" checked' in page


def test_the_calculator_adds_a_districts_parents_offers_without_counting_one_twice(
    client: TestClient, hierarchy: Seeded
) -> None:
    data = client.get("/api/calculator?degree=doctorate&buy_home=1&years=5").json()
    places = {p["slug"]: p for p in data["places"]}
    district, city = places["dushanzi"], places["kelamayi"]
    ids = [line["incentive_id"] for line in district["lines"]]
    assert len(ids) == len(set(ids))  # every offer once
    origins = {line["from_place"] for line in district["lines"]}
    assert origins == {None, "kelamayi", "xinjiang"}
    city_ids = {line["incentive_id"] for line in city["lines"]}
    assert city_ids <= set(ids)  # all the city's offers reach its district
    assert district["exact_total"] >= city["exact_total"]
    assert any("区县的结果包含" in rule for rule in data["rules"])
    html = client.get("/calculator?degree=doctorate&buy_home=1&years=5").text
    assert 'data-testid="inherited-from" href="/places/kelamayi"' in html


def test_every_page_of_a_place_has_the_whole_chain_in_its_breadcrumb(client: TestClient, hierarchy: Seeded) -> None:
    page = client.get("/incentives?place=dushanzi").text
    incentive_id = re.search(r'<h3 id="inc-(\d+)-h">', page).group(1)
    chain = ["/places/xinjiang", "/places/kelamayi", "/places/dushanzi"]
    for url in (f"/incentives/{incentive_id}", re.search(r'href="(/articles/\d+)#incentive-', page).group(1)):
        crumbs = re.search(r'<nav class="breadcrumb".*?</nav>', client.get(url).text, re.S).group(0)
        positions = [crumbs.index(f'href="{link}"') for link in chain]
        assert positions == sorted(positions), url

"""/places and /places/{slug}: the list with its sorts, one place's page, parents and children."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.web.routers import places as places_router
from tests.web.conftest import HX
from tests.web.factories import Seeded, gold_articles


def listed_slugs(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/places/([a-z0-9_-]+)">', html)


def test_place_list_shows_the_five_seed_places(client: TestClient) -> None:
    response = client.get("/places")
    assert response.status_code == 200
    assert listed_slugs(response.text) == ["akesu", "changji", "daqing", "eerduosi", "kelamayi"]
    for article in gold_articles():
        assert article["city"] in response.text


def test_place_list_sorts(client: TestClient) -> None:
    counts = {a["city"]: len(a["incentives"]) for a in gold_articles()}
    by_count = listed_slugs(client.get("/places?sort=incentives").text)
    assert by_count[0] == "kelamayi" and counts["克拉玛依市"] == max(counts.values())
    by_province = listed_slugs(client.get("/places?sort=province").text)
    assert by_province.index("eerduosi") < by_province.index("daqing") < by_province.index("akesu")
    by_amount = listed_slugs(client.get("/places?sort=top_amount").text)
    assert set(by_amount[:2]) == {"kelamayi", "changji"}  # both offer 10 million
    assert client.get("/places?sort=bogus").status_code == 422


def test_place_list_fragment_for_htmx(client: TestClient) -> None:
    body = client.get("/places?sort=incentives", headers=HX).text
    assert "<html" not in body and re.match(r'\s*<title>[^<]+</title>\s*<div id="place_table"', body)


def test_place_page_groups_incentives_by_category(client: TestClient) -> None:
    response = client.get("/places/akesu")
    assert response.status_code == 200
    html = response.text
    assert "<h1>阿克苏地区</h1>" in html
    gold = next(a for a in gold_articles() if a["city"] == "阿克苏地区")
    categories = {i["category"] for i in gold["incentives"]}
    headings = re.findall(r'<h3 id="cat-([a-z_]+)" class="group-title">', html)
    assert set(headings) == categories and len(headings) == len(categories)
    assert "给予一次性50万元购房补助" in html
    assert "全职引进,在地区连续工作满5年且在地区范围内购房" in html  # conditions
    assert "千名硕博全职引进计划" in html  # policies
    assert "招才聚阿“强磁场” 释放发展新活力" in html  # its article
    assert 'href="/places/xinjiang"' in html  # its parent


def test_place_page_links_quotes_to_the_article(client: TestClient, seeded: Seeded) -> None:
    html = client.get("/places/daqing").text
    first = seeded.incentives["daqing"][0]
    assert f'href="/articles/{seeded.articles["daqing"]}#incentive-{first}"' in html


def test_province_page_lists_prefectures_with_data(client: TestClient) -> None:
    html = client.get("/places/xinjiang").text
    children = re.search(r'data-testid="children">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'href="/places/([a-z]+)"', children) == ["akesu", "changji", "kelamayi"]


def test_place_without_data_has_an_empty_state(client: TestClient) -> None:
    response = client.get("/places/kelamayiqu")  # 克拉玛依区: a real district with no articles
    assert response.status_code == 200
    assert 'class="empty"' in response.text and 'href="/places/kelamayi"' in response.text


def test_unknown_place_is_a_404_page(client: TestClient) -> None:
    response = client.get("/places/atlantis")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "找不到该页面" in response.text


def test_empty_database_place_list(empty_client: TestClient) -> None:
    response = empty_client.get("/places")
    assert response.status_code == 200 and 'class="empty"' in response.text


def test_places_show_english_names_beside_the_chinese_in_the_english_interface(client: TestClient) -> None:
    listing = client.get("/places?lang=en").text
    assert "Aksu Prefecture (阿克苏地区)" in listing and "Kelamayi City (克拉玛依市)" in listing
    page = client.get("/places/kelamayi?lang=en").text
    assert "<h1>Kelamayi City (克拉玛依市)</h1>" in page
    assert "Xinjiang Uygur Autonomous Region (新疆维吾尔自治区)" in page  # the breadcrumb
    assert "<h1>克拉玛依市</h1>" in client.get("/places/kelamayi?lang=zh").text  # the Chinese interface is unchanged


def test_the_type_ahead_finds_english_names(client: TestClient) -> None:
    for typed in ("aksu", "Aksu Pref", "kelamayi city", "changji hui"):
        options = client.get("/places/suggest", params={"q": typed, "lang": "en"}).text
        assert "<option value=" in options, typed
    assert 'value="akesu">Aksu Prefecture (阿克苏地区)</option>' in client.get("/places/suggest?q=aksu&lang=en").text


def test_the_places_index_is_paged_and_narrows_to_a_province(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 10,000 articles the whole index was 2 MB: it is shown a page at a time (issue 14)."""
    monkeypatch.setattr(places_router, "PLACES_PER_PAGE", 2)
    first = client.get("/places?sort=incentives").text
    assert first.count('<th scope="row">') == 2 and "第 1–2 个,共 5 个地区" in first
    assert 'href="/places?sort=incentives&amp;page=2"' in first
    last = client.get("/places?sort=incentives&page=3").text
    assert last.count('<th scope="row">') == 1 and 'data-testid="next-page"' not in last
    assert client.get("/places?page=4").status_code == 404
    xinjiang = client.get("/places?province=xinjiang").text
    rows = re.findall(r'<th scope="row"><a href="/places/([a-z]+)">', xinjiang)
    assert sorted(rows) == ["akesu", "changji"]  # a page of two, kelamayi on the next
    assert 'href="/places?sort=incentives&amp;province=xinjiang"' in xinjiang  # sorting keeps the province
    assert client.get("/places?province=atlantis").status_code == 422

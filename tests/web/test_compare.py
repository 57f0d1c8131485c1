"""/compare: categories down, places across, the best offer per target level, places added by URL."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import HX


def columns(html: str) -> list[str]:
    return re.findall(r'<th scope="col" data-slug="([a-z0-9_-]+)">', html)


def test_compare_two_places(client: TestClient) -> None:
    response = client.get("/compare?place=kelamayi&place=akesu")
    assert response.status_code == 200
    html = response.text
    assert columns(html) == ["kelamayi", "akesu"]
    assert "<title>地区对比: 克拉玛依市 · 阿克苏地区 · 人才政策地图</title>" in html
    housing_row = re.search(r'<th scope="row">购房补贴</th>(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", housing_row, re.S)
    assert len(cells) == 2
    # 阿克苏's best housing offer for a doctorate is 70万 (70万 beats 50万), with its quote as a tooltip
    assert re.search(r'博士</span>\s*<span class="offer-amount">70万元', cells[1])
    assert 'role="tooltip"' in cells[1] and "给予70万元购房补助" in cells[1]


def test_best_offer_per_level_is_the_largest(client: TestClient) -> None:
    html = client.get("/compare?place=kelamayi").text
    research = re.search(r'<th scope="row">科研/培养经费</th>(.*?)</tr>', html, re.S).group(1)
    offers = re.findall(r'<span class="offer-level">(.*?)</span>\s*<span class="offer-amount">(.*?)</span>',
                        research)
    assert offers == [("顶尖/战略人才", "1000万元"), ("领军人才", "100万元"), ("青年人才", "10万元")]
    package = re.search(r'<th scope="row">综合待遇</th>(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'博士</span>\s*<span class="offer-amount">最高 105万元', package)  # 105万 "up to" beats 53万


def test_add_and_remove_links(client: TestClient) -> None:
    html = client.get("/compare?place=kelamayi&place=akesu").text
    assert 'href="/compare?place=akesu"' in html  # remove 克拉玛依
    assert '<input type="hidden" name="place" value="kelamayi">' in html
    assert '<option value="daqing">' in html and '<option value="kelamayi">' not in html
    added = client.get("/compare?place=kelamayi&place=akesu&place=daqing")
    assert columns(added.text) == ["kelamayi", "akesu", "daqing"]


def test_compare_fragment_for_htmx(client: TestClient) -> None:
    body = client.get("/compare?place=daqing", headers=HX).text
    assert "<html" not in body and re.match(r'\s*<title>[^<]+</title>\s*<div id="matrix"', body)


def test_compare_empty_state_and_duplicates(client: TestClient) -> None:
    assert 'class="empty"' in client.get("/compare").text
    assert columns(client.get("/compare?place=akesu&place=akesu").text) == ["akesu"]


def test_compare_limits_and_bad_places(client: TestClient) -> None:
    nine = "&".join(f"place={s}" for s in ["akesu"] * 9)
    assert client.get(f"/compare?{nine}").status_code == 422
    assert client.get("/compare?place=atlantis").status_code == 422
    assert client.get("/compare?place=BAD SLUG").status_code == 422

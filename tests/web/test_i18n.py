"""Chinese by default, an English switch, 简/繁 for the data; the choice in the URL and a cookie."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.vocab import CATEGORIES, PERIODS, TARGET_LEVELS
from app.web.i18n import TEXT

PAGES = ["/", "/places", "/places/akesu", "/incentives", "/compare?place=akesu", "/api"]


def test_chinese_is_the_default(client: TestClient) -> None:
    html = client.get("/incentives").text
    assert '<html lang="zh-Hans">' in html
    assert "政策检索" in html and "Incentives" not in html.split("<main", 1)[1]


def test_english_switch_translates_labels_and_vocabulary(client: TestClient) -> None:
    response = client.get("/incentives?lang=en")
    html = response.text
    assert '<html lang="en">' in html
    for term in (*CATEGORIES, *TARGET_LEVELS, *PERIODS):
        assert term.en.replace("&", "&amp;") in html, term.slug
    assert "Full-text search" in html and "全文检索" not in html
    assert "lang=en" in response.headers["set-cookie"]


def test_language_choice_survives_navigation_by_cookie(client: TestClient) -> None:
    client.get("/?lang=en")
    html = client.get("/places").text  # no lang in this URL
    assert '<html lang="en">' in html and "Places with data" in html
    back = client.get("/places?lang=zh").text
    assert "有数据的地区" in back


def test_traditional_script_converts_data_and_labels(client: TestClient) -> None:
    response = client.get("/places/akesu?script=hant")
    html = response.text
    assert '<html lang="zh-Hant">' in html
    assert "<h1>阿克蘇地區</h1>" in html
    assert "給予一次性50萬元購房補助" in html
    assert "購房補貼" in html  # a category label
    assert "script=hant" in response.headers["set-cookie"]
    assert "<h1>阿克蘇地區</h1>" in client.get("/places/akesu").text  # the cookie remembers


def test_english_with_traditional_data(client: TestClient) -> None:
    html = client.get("/incentives?place=akesu&lang=en&script=hant").text
    assert "Home-purchase subsidy" in html and "給予一次性50萬元購房補助" in html


@pytest.mark.parametrize("page", PAGES)
def test_switch_links_keep_the_current_view(client: TestClient, page: str) -> None:
    html = client.get(page).text
    links = re.findall(r'<a href="([^"]+)" lang="en"', html)
    assert links, page
    expected_path = page.split("?")[0]
    assert links[0].startswith(expected_path) and "lang=en" in links[0]


def test_invalid_choices_fall_back_to_the_default(client: TestClient) -> None:
    response = client.get("/?lang=fr&script=latin")
    assert response.status_code == 200
    assert '<html lang="zh-Hans">' in response.text and "set-cookie" not in response.headers


def test_every_label_exists_in_both_languages() -> None:
    assert all(zh and en for zh, en in TEXT.values())

"""The explorer page (/incentives): every filter, sorting, paging, HTMX fragments and link metadata."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from app.query import incentives as incentives_query
from tests.web.conftest import HX
from tests.web.factories import TARGET_LEVEL_OF, Seeded, gold_articles

ALL = sum(len(a["incentives"]) for a in gold_articles())


def total(html: str) -> int:
    match = re.search(r'data-testid="total">(\d+)<', html)
    assert match, "the page shows no result count"
    return int(match.group(1))


def row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<h3 id="inc-(\d+)-h">', html)]


def test_unfiltered_explorer_lists_every_incentive(client: TestClient) -> None:
    response = client.get("/incentives")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert total(response.text) == ALL == 35
    assert "<html" in response.text and 'id="filters"' in response.text


def gold_rows() -> list[dict]:
    """Every gold incentive with its article's place and province and its normalised levels."""
    rows = []
    for article in gold_articles():
        for item in article["incentives"]:
            levels = {TARGET_LEVEL_OF[t] for t in item["targets"] if t in TARGET_LEVEL_OF}
            year = int(article["published"][:4]) if article["published"] else None
            rows.append(
                {**item, "city": article["city"], "province": article["province"], "levels": levels, "year": year}
            )
    return rows


# Each case: a query string and the same filter written independently in Python over the gold file.
FILTER_CASES = {
    "category=housing_subsidy": lambda r: r["category"] == "housing_subsidy",
    "category=housing_subsidy&category=package": lambda r: r["category"] in ("housing_subsidy", "package"),
    "province=xinjiang": lambda r: r["province"] == "新疆维吾尔自治区",
    "province=neimenggu": lambda r: r["province"] == "内蒙古自治区",
    "place=daqing": lambda r: r["city"] == "大庆市",
    "target_level=doctorate": lambda r: "doctorate" in r["levels"],
    "target_level=doctorate&target_level=top_talent": lambda r: bool({"doctorate", "top_talent"} & r["levels"]),
    "amount_min=1000000": lambda r: (r["amount_yuan"] or -1) >= 1_000_000,
    "amount_max=100000": lambda r: r["amount_yuan"] is not None and r["amount_yuan"] <= 100_000,
    "amount_min=100000&amount_max=600000": lambda r: r["amount_yuan"] is not None
    and 100_000 <= r["amount_yuan"] <= 600_000,
    "period=multi_year": lambda r: r["period"] == "multi_year",
    "has_amount=true": lambda r: r["amount_yuan"] is not None,
    "has_amount=false": lambda r: r["amount_yuan"] is None,
    "year=2024": lambda r: r["year"] == 2024,
    "year=2025&has_amount=true": lambda r: r["year"] == 2025 and r["amount_yuan"] is not None,
    "category=housing_subsidy&target_level=doctorate&province=xinjiang": lambda r: r["category"]
    == "housing_subsidy" and "doctorate" in r["levels"] and r["province"] == "新疆维吾尔自治区",
}


@pytest.mark.parametrize("query", list(FILTER_CASES))
def test_each_filter_gives_what_the_gold_data_says(client: TestClient, query: str) -> None:
    expected = sum(1 for r in gold_rows() if FILTER_CASES[query](r))
    assert 0 < expected < ALL, "a filter case that matches nothing or everything proves nothing"
    response = client.get(f"/incentives?{query}")
    assert response.status_code == 200
    assert total(response.text) == expected


@pytest.mark.parametrize(
    ("q", "must_contain"),
    [
        ("购房补助", "购房补助"),  # trigram full text
        ("博士", "博士"),  # two characters: the LIKE fallback (here found in quotes or targets)
        ("拎包入住", "拎包入住"),
        ("人才 公寓", "人才公寓"),  # every word must occur
    ],
)
def test_full_text_query_finds_chinese(client: TestClient, q: str, must_contain: str) -> None:
    response = client.get("/incentives", params={"q": q})
    assert response.status_code == 200
    assert total(response.text) > 0
    rows = re.findall(r'<article class="incentive".*?</article>', response.text, re.S)
    assert rows and all(must_contain in row for row in rows)


def test_full_text_matches_place_names_and_conditions(client: TestClient) -> None:
    by_place = client.get("/incentives", params={"q": "鄂尔多斯市"})
    assert total(by_place.text) == 9
    by_condition = client.get("/incentives", params={"q": "连续工作满5年"})
    assert total(by_condition.text) >= 1


def test_full_text_with_operators_and_wildcards_is_literal(client: TestClient) -> None:
    for q in ['"', "%", "_", 'AND OR NOT "(', "*", "\\"]:
        response = client.get("/incentives", params={"q": q})
        assert response.status_code == 200, q
        assert total(response.text) == 0, q


def test_no_match_shows_an_empty_state(client: TestClient) -> None:
    response = client.get("/incentives", params={"q": "不存在的待遇词语"})
    assert total(response.text) == 0
    assert 'class="empty"' in response.text


def test_sort_by_amount_puts_the_largest_first_and_in_kind_last(client: TestClient) -> None:
    html = client.get("/incentives?sort=amount").text
    amounts = re.findall(r'<span class="amount( in-kind)?">', html)
    first_in_kind = next(i for i, a in enumerate(amounts) if a)
    assert all(a == "" for a in amounts[:first_in_kind]) and all(amounts[first_in_kind:])
    assert "1000万元" in html.split('class="amount"', 2)[1]


def test_sorts_change_the_order(client: TestClient, seeded: Seeded) -> None:
    orders = {s: row_ids(client.get(f"/incentives?sort={s}&size=200").text) for s in
              ("amount", "amount_asc", "place", "category", "date", "date_asc")}
    assert all(sorted(ids) == sorted(orders["amount"]) for ids in orders.values())
    assert len({tuple(ids) for ids in orders.values()}) == 6
    # place order is by pinyin: akesu, changji, daqing, eerduosi, kelamayi
    assert orders["place"][0] in seeded.incentives["akesu"]
    assert orders["place"][-1] in seeded.incentives["kelamayi"]
    # newest article first: 克拉玛依 2025-07-11; undated articles last
    assert orders["date"][0] in seeded.incentives["kelamayi"]


def test_paging_walks_through_every_row_once(client: TestClient) -> None:
    seen: list[int] = []
    for page in range(1, 5):
        html = client.get(f"/incentives?size=10&page={page}").text
        seen += row_ids(html)
    assert len(seen) == len(set(seen)) == ALL
    first = client.get("/incentives?size=10").text
    assert 'rel="next" href="/incentives?size=10&amp;page=2"' in first
    assert 'rel="prev"' not in first


def test_a_page_past_the_end_is_empty_not_an_error(client: TestClient) -> None:
    response = client.get("/incentives?page=99")
    assert response.status_code == 200
    assert row_ids(response.text) == []


def test_rows_link_to_their_place_and_show_their_quote(client: TestClient) -> None:
    html = client.get("/incentives?place=akesu").text
    assert 'href="/places/akesu"' in html
    assert "给予一次性50万元购房补助" in html


HOUSING = sum(1 for r in gold_rows() if r["category"] == "housing_subsidy")


def test_htmx_request_gets_the_results_fragment_only(client: TestClient) -> None:
    response = client.get("/incentives?category=housing_subsidy", headers=HX)
    assert response.status_code == 200
    body = response.text
    assert "<html" not in body and 'id="filters"' not in body
    # htmx takes the document title from a <title> at the fragment's root, then swaps the section
    assert re.match(r"\s*<title>购房补贴 - \d+ 条待遇 · 人才政策地图</title>\s*<section id=\"results\"", body)
    assert total(body) == HOUSING
    assert response.headers["HX-Push-Url"] == "/incentives?category=housing_subsidy"


def test_htmx_pushes_the_canonical_url_not_the_raw_form(client: TestClient) -> None:
    response = client.get("/incentives?q=&category=award&province=&amount_min=&has_amount=&sort=amount",
                          headers=HX)
    assert response.headers["HX-Push-Url"] == "/incentives?category=award"
    assert "HX-Push-Url" not in client.get("/incentives?q=&category=award").headers


def test_htmx_request_targeting_the_explorer_gets_form_and_results(client: TestClient) -> None:
    response = client.get("/incentives?category=housing_subsidy", headers={**HX, "HX-Target": "explorer"})
    body = response.text
    assert "<html" not in body
    assert re.match(r'\s*<title>[^<]+</title>\s*<div id="explorer"', body)
    assert 'value="housing_subsidy" checked' in body and total(body) == HOUSING


def test_history_restore_and_boosted_requests_get_the_whole_page(client: TestClient) -> None:
    for headers in ({**HX, "HX-History-Restore-Request": "true"}, {**HX, "HX-Boosted": "true"}):
        body = client.get("/incentives?category=housing_subsidy", headers=headers).text
        assert "<html" in body and total(body) == HOUSING


def test_the_form_shows_the_state_of_the_url(client: TestClient) -> None:
    html = client.get("/incentives?category=package&target_level=doctorate&province=xinjiang&period=one_off"
                      "&has_amount=true&amount_min=5&q=补贴&sort=date").text
    assert 'value="package" checked' in html
    assert 'value="doctorate" checked' in html
    assert '<option value="xinjiang" selected>' in html
    assert '<option value="one_off" selected>' in html
    assert 'name="has_amount" value="true" checked' in html
    assert 'name="amount_min" value="5"' in html
    assert 'value="补贴"' in html
    assert '<option value="date" selected>' in html


def test_the_year_filter_is_a_field_a_chip_and_part_of_the_title(client: TestClient) -> None:
    html = client.get("/incentives?year=2024&lang=en").text
    assert 'name="year" value="2024"' in html
    assert re.search(r'class="chip"[^>]*>.*?Year published:</span> 2024', html, re.S)
    assert "<title>2024 - 8 incentives" in html
    assert client.get("/incentives?year=1800").status_code == 422


def test_plain_form_submission_with_empty_fields_works(client: TestClient) -> None:
    """Without JavaScript the form submits every field, empty ones included."""
    response = client.get("/incentives?q=&category=award&province=&place=&amount_min=&amount_max=&period="
                          "&has_amount=&sort=amount")
    assert response.status_code == 200
    assert total(response.text) == 0 or "奖励" in response.text


def test_title_and_open_graph_describe_the_filtered_view(client: TestClient) -> None:
    html = client.get("/incentives?category=housing_subsidy&target_level=doctorate&province=xinjiang").text
    n = sum(1 for r in gold_rows() if FILTER_CASES["category=housing_subsidy&target_level=doctorate&province=xinjiang"](r))
    expected = f"购房补贴 · 博士 · 新疆维吾尔自治区 - {n} 条待遇"
    assert f"<title>{expected} · 人才政策地图</title>" in html
    assert f'<meta property="og:title" content="{expected}">' in html
    assert f'<meta name="twitter:title" content="{expected}">' in html
    assert '<meta property="og:description" content="人才政策地图: ' + expected in html
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == ("http://testserver/incentives?category=housing_subsidy&amp;target_level=doctorate"
                         "&amp;province=xinjiang")


def test_every_explorer_view_links_its_csv_and_json(client: TestClient) -> None:
    html = client.get("/incentives?category=award&page=2").text
    assert 'href="/incentives.csv?category=award"' in html
    assert 'href="/api/incentives?category=award&amp;page=2"' in html


def test_active_filters_have_remove_links(client: TestClient) -> None:
    html = client.get("/incentives?category=award&category=package&place=akesu").text
    assert 'href="/incentives?category=package&amp;place=akesu"' in html  # removes 奖励
    assert 'href="/incentives?category=award&amp;category=package"' in html  # removes the place


def test_facets_count_what_each_choice_would_give(client: TestClient) -> None:
    html = client.get("/incentives?category=housing_subsidy").text
    facet = re.search(r'category=housing_subsidy&amp;category=package"[^>]*>综合待遇 <span class="count">(\d+)',
                      html)
    assert facet and int(facet.group(1)) == sum(1 for r in gold_rows() if r["category"] == "package")


@pytest.mark.parametrize(
    "query",
    [
        "category=nonsense",
        "target_level=wizard",
        "period=weekly",
        "amount_min=-1",
        "amount_min=abc",
        "amount_max=10000000000000000000000",
        "amount_min=10&amount_max=5",
        "has_amount=perhaps",
        "sort=random",
        "page=0",
        "page=1001",
        "size=201",
        "size=0",
        "province=Not A Slug!",
        "q=" + "长" * 101,
    ],
)
def test_bad_parameters_get_a_422_page(client: TestClient, query: str) -> None:
    response = client.get(f"/incentives?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "参数有误" in response.text
    assert query.split("=")[0] in response.text


def test_unknown_place_or_province_is_a_422_naming_it(client: TestClient) -> None:
    for query in ("place=atlantis", "province=kelamayi"):  # kelamayi exists but is not a province
        response = client.get(f"/incentives?{query}")
        assert response.status_code == 422
        assert query.split("=")[1] in response.text


def test_empty_database_shows_empty_states(empty_client: TestClient) -> None:
    response = empty_client.get("/incentives")
    assert response.status_code == 200
    assert total(response.text) == 0 and 'class="empty"' in response.text


def test_a_text_query_past_the_counting_limit_says_more_than_and_leaves_out_the_counts(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    exact = client.get("/incentives?q=博士")
    assert 'data-testid="facets-capped"' not in exact.text and total(exact.text) > 3
    monkeypatch.setattr(incentives_query, "TEXT_COUNT_LIMIT", 3)
    html = client.get("/incentives?q=博士&lang=en").text  # a new URL: the count is not cached yet
    assert 'data-testid="total">3+<' in html
    assert 'data-testid="facets-capped"' in html and "More than 3 matches" in html
    assert 'class="facet-list"' not in html
    assert "3+ incentives" in html.split("<title>")[1].split("</title>")[0]
    page = client.get("/api/incentives?q=博士&size=2").json()
    assert page["total"] == 3 and page["total_is_lower_bound"] is True and len(page["items"]) == 2

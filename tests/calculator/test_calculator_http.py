"""/calculator and /api/calculator through the real app, on the five seed articles ingested by the pipeline.

The seeds hold the case the calculator was built for: 阿克苏地区 offers a doctorate who buys a home 50万
(working 5 years anywhere in the prefecture) or 70万 (in the high-tech zone); the two are alternatives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.db import get_engine
from app.ingest.pipeline import ingest_paths
from app.web.factory import create_app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DOCTOR = "degree=doctorate&title=none&skill=none&buy_home=1&years=5"


@pytest.fixture
def seeded(database_url: str, engine: Engine) -> Iterator[TestClient]:
    ingest_paths([SEEDS], engine)
    with TestClient(create_app(database_url)) as test_client:
        yield test_client
    get_engine(database_url).dispose()


@pytest.fixture
def unseeded(database_url: str) -> Iterator[TestClient]:
    """Validation needs no articles, only the gazetteer (an unknown province slug is still a 422)."""
    with TestClient(create_app(database_url)) as test_client:
        yield test_client
    get_engine(database_url).dispose()


def place(data: dict, slug: str) -> dict:
    return next(p for p in data["places"] if p["slug"] == slug)


def line(place_data: dict, status: str, category: str) -> dict:
    return next(li for li in place_data["lines"] if li["status"] == status and li["category"] == category)


def api_url(**changes: object) -> str:
    """The doctorate's API address with some parameters changed."""
    params = dict(p.split("=") for p in DOCTOR.split("&"))
    params.update({k: str(v) for k, v in changes.items()})
    return "/api/calculator?" + "&".join(f"{k}={v}" for k, v in params.items())


def test_akesu_doctorate_buying_a_home_for_five_years_gets_700000(seeded: TestClient) -> None:
    data = seeded.get(f"/api/calculator?{DOCTOR}").json()
    akesu = place(data, "akesu")
    assert akesu["name"] == "阿克苏地区" and akesu["rank"] == 1
    assert (akesu["exact_total"], akesu["up_to_total"]) == (700_000, 0)
    assert [(c["category"], c["exact"]) for c in akesu["by_category"]] == [("housing_subsidy", 700_000)]
    zone = line(akesu, "counted", "housing_subsidy")
    assert zone["value_exact"] == 700_000 and "给予70万元购房补助" in zone["quote"]
    assert [(c["kind"], c["text"]) for c in zone["checks"]] == [
        ("location", "在阿克苏阿拉尔国家高新技术产业开发区工作")
    ]
    # the prefecture-wide 50万 scheme is an alternative, not added
    prefecture = line(akesu, "alternative", "housing_subsidy")
    assert prefecture["amount_yuan"] == 500_000 and prefecture["instead_of"] == zone["incentive_id"]
    assert prefecture["met"] == ["在地区连续工作满5年", "在地区范围内购房"]
    assert {c["kind"] for c in prefecture["checks"]} == {"recruitment", "certification"}


def test_picking_the_alternative_counts_it_instead(seeded: TestClient) -> None:
    akesu = place(seeded.get(f"/api/calculator?{DOCTOR}").json(), "akesu")
    pick_url = line(akesu, "alternative", "housing_subsidy")["pick_url"]
    picked = place(seeded.get("/api" + pick_url).json(), "akesu")
    assert picked["exact_total"] == 500_000
    assert line(picked, "alternative", "housing_subsidy")["amount_yuan"] == 700_000


def test_karamay_package_is_a_ceiling_pro_rated_and_ranked_below_certain_money(seeded: TestClient) -> None:
    data = seeded.get(f"/api/calculator?{DOCTOR}").json()
    karamay = place(data, "kelamayi")
    assert (karamay["rank"], karamay["exact_total"], karamay["up_to_total"]) == (2, 0, 1_050_000)
    assert line(karamay, "counted", "package")["checks"][0]["kind"] == "discipline"
    # the generic "加起来有53万元" names no level: listed, not added
    assert line(karamay, "may_apply", "package")["amount_yuan"] == 530_000
    three = place(seeded.get(api_url(years=3)).json(), "kelamayi")
    assert three["up_to_total"] == 630_000


def test_without_a_home_purchase_akesu_has_no_total_and_is_not_ranked(seeded: TestClient) -> None:
    akesu = place(seeded.get(api_url(buy_home=0)).json(), "akesu")
    assert (akesu["rank"], akesu["total"]) == (None, None)
    excluded = [li for li in akesu["lines"] if li["status"] == "excluded"]
    assert {li["amount_yuan"] for li in excluded} == {500_000, 700_000}
    assert {li["reason"] for li in excluded} == {"no_home"}


def test_a_shorter_stay_excludes_the_five_year_scheme(seeded: TestClient) -> None:
    akesu = place(seeded.get(api_url(years=3)).json(), "akesu")
    assert akesu["exact_total"] == 700_000  # the zone scheme states no minimum service
    five_years = line(akesu, "excluded", "housing_subsidy")
    assert (five_years["amount_yuan"], five_years["reason"]) == (500_000, "service")


def test_province_filter(seeded: TestClient) -> None:
    data = seeded.get(api_url(province="heilongjiang")).json()
    assert [p["slug"] for p in data["places"]] == ["daqing"]


def test_page_shows_the_ranking_quotes_checks_and_chart(seeded: TestClient) -> None:
    response = seeded.get(f"/calculator?{DOCTOR}")
    assert response.status_code == 200
    html = response.text
    assert re.findall(r'data-testid="rank">第(\d)名</span> <a href="/places/(\w+)"', html) == [
        ("1", "akesu"),
        ("2", "kelamayi"),
    ]
    akesu = html[html.index('id="place-akesu"') : html.index('id="place-kelamayi"')]
    assert 'data-testid="total" data-exact="700000" data-up-to="0"' in akesu
    assert "确定可得 70万元" in akesu and "给予70万元购房补助" in akesu
    assert "请核实" in akesu and "在阿克苏阿拉尔国家高新技术产业开发区工作" in akesu
    assert "同类待遇只计一项" in akesu and 'data-testid="pick"' in akesu
    chart = html[html.index('<figure class="chart"') : html.index("</figure>")]
    assert re.search(
        r'<rect x="0.0%" y="0" width="[\d.]+%" height="18" fill="#[0-9A-F]{6}"[^>]*>'
        r"<title>购房补贴 确定 70万元</title>",
        chart,
    )
    assert 'fill="url(#hatch-2)"' in chart  # 克拉玛依's ceiling is hatched, readable without colour
    assert "<script" not in html.split("</head>")[1]  # no inline script (CSP)


def test_places_with_in_kind_offers_only_are_listed_without_a_total(seeded: TestClient) -> None:
    html = seeded.get(f"/calculator?{DOCTOR}").text
    unranked = html[html.index("没有可计算金额的地区") :]
    for slug in ("changji", "daqing", "eerduosi"):
        section = unranked[unranked.index(f'id="place-{slug}"') :]
        section = section[: section.index("</section>")]
        assert 'data-testid="total"' not in section and 'data-testid="rank"' not in section


def test_url_reproduces_the_profile(seeded: TestClient) -> None:
    query = "degree=master&title=associate&skill=technician&buy_home=1&years=7&province=xinjiang"
    html = seeded.get(f"/calculator?{query}").text
    assert f'<link rel="canonical" href="http://testserver/calculator?{escape(query)}">' in html
    for selected in (
        '<option value="master" selected>',
        '<option value="associate" selected>',
        '<option value="technician" selected>',
        '<option value="7" selected>',
        '<option value="xinjiang" selected>',
        'name="buy_home" value="1" checked',
    ):
        assert selected in html
    data = seeded.get(f"/api/calculator?{query}").json()
    assert data["url"] == f"/calculator?{query}"
    assert data["profile"] == {
        "degree": "master",
        "title": "associate",
        "skill": "technician",
        "buy_home": 1,
        "years": 7,
        "province": "xinjiang",
        "pick": [],
    }


def test_htmx_gets_the_results_fragment_with_the_canonical_address(seeded: TestClient) -> None:
    response = seeded.get(
        f"/calculator?{DOCTOR}&province=", headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="results"')
    assert response.headers["HX-Push-Url"] == f"/calculator?{DOCTOR}"


def test_empty_profile_asks_for_one(seeded: TestClient) -> None:
    html = seeded.get("/calculator").text
    assert 'data-testid="empty-profile"' in html and 'id="place-' not in html


def test_english_labels(seeded: TestClient) -> None:
    html = seeded.get(f"/calculator?{DOCTOR}&lang=en").text
    assert "What would I get?" in html and "Certain ¥700,000" in html


@pytest.mark.parametrize(
    "query",
    [
        "degree=phd",
        "years=0",
        "years=11",
        "years=five",
        "buy_home=2",
        "buy_home=yes",
        "title=正高",
        "skill=expert",
        "province=nowhere",
        "province=NOT%20A%20SLUG",
        "pick=abc",
        "pick=0",
        "pick=99999999999999999999",
    ],
)
def test_bad_parameters_are_422_never_500(unseeded: TestClient, query: str) -> None:
    api = unseeded.get(f"/api/calculator?degree=doctorate&{query}")
    assert api.status_code == 422 and api.json()["detail"]
    page = unseeded.get(f"/calculator?degree=doctorate&{query}")
    assert page.status_code == 422 and "text/html" in page.headers["content-type"]


def test_the_ranking_is_shown_a_page_of_places_at_a_time(seeded: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fifty places with every line were 3.5 MB at 10,000 articles; the page now shows ten places, each
    with what makes its total, and links the rest of a place's offers to its own view (issue 14)."""
    from app.web.routers import calculator

    monkeypatch.setattr(calculator, "PLACES_PER_PAGE", 2)
    first = seeded.get(f"/calculator?{DOCTOR}").text
    sections = re.findall(r'<section class="panel" id="place-([a-z]+)"', first)
    assert len(sections) == 2
    assert f'href="/calculator?{escape(DOCTOR)}&amp;page=2"' in first
    second = seeded.get(f"/calculator?{DOCTOR}&page=2").text
    assert not set(sections) & set(re.findall(r'<section class="panel" id="place-([a-z]+)"', second))
    assert seeded.get(f"/calculator?{DOCTOR}&page=40").status_code == 404
    assert seeded.get(f"/calculator?{DOCTOR}&page=0").status_code == 422


def test_a_places_full_view_lists_every_offer(seeded: TestClient) -> None:
    ranking = seeded.get(f"/calculator?{DOCTOR}&buy_home=0").text
    more = re.search(r'data-testid="more-offers"><a href="([^"]+place=([a-z]+))"', ranking)
    assert more, "a place with offers that are not counted links its full view"
    url, slug = more.group(1).replace("&amp;", "&"), more.group(2)
    full = seeded.get(url).text
    assert re.findall(r'<section class="panel" id="place-([a-z]+)"', full) == [slug]
    assert 'data-testid="back-to-ranking"' in full
    assert 'data-status="excluded"' in full or 'data-status="in_kind"' in full or 'data-status="may_apply"' in full
    listed = len(re.findall(r'data-status="', ranking.split(f'id="place-{slug}"')[1].split("</section>")[0]))
    assert len(re.findall(r'data-status="', full)) > listed
    assert seeded.get(f"/calculator?{DOCTOR}&place=atlantis").status_code == 422


def test_a_page_of_the_ranking_shows_the_nationwide_calculations_figures(
    seeded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page computes only its own places (calculate_places) from the cached ranking: its ranks and
    totals must be those of the nationwide calculation the API returns."""
    from app.web.routers import calculator

    monkeypatch.setattr(calculator, "PLACES_PER_PAGE", 1)
    api = seeded.get(f"/api/calculator?{DOCTOR}").json()["places"]
    ranked = [p for p in api if p["rank"]]
    for page, expected in enumerate(ranked, start=1):
        html = seeded.get(f"/calculator?{DOCTOR}&page={page}").text
        section = html[html.index('<section class="panel" id="place-') :]
        assert f'id="place-{expected["slug"]}"' in section[:80]
        assert f'data-testid="total" data-exact="{expected["exact_total"]}" data-up-to="{expected["up_to_total"]}"' in section
        assert re.search(rf'data-testid="rank">第{expected["rank"]}名<', section)

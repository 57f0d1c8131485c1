"""/map through HTTP on the seeds' gold rows: every province drawn, a symbol per place with offers, the
measure and the explorer's filters change it, the URL holds the whole view, bad parameters are 4xx."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Incentive, Place
from app.places.projection import MapLayout, albers
from app.web.map_view import CLASSES, SymbolScale, breaks, outlines
from tests.web.conftest import HX
from tests.web.factories import Seeded

PROVINCES = 34  # 31 of the mainland, 台湾省, 香港, 澳门


def symbols(html: str) -> dict[str, str]:
    """slug -> the label of its symbol (its <title>, which is also its accessible name)."""
    found = re.findall(r'<a href="/places/([^"]+)" class="sym(?: hl)?">.*?<title>([^<]+)</title></a>', html)
    return dict(found)


def places_with_offers(engine, **where) -> set[str]:
    with Session(engine) as session:
        query = select(Place.slug).join(Incentive, Incentive.place_id == Place.id).distinct()
        for column, value in where.items():
            query = query.where(getattr(Incentive, column) == value)
        return set(session.exec(query).all())


def test_every_province_and_a_symbol_per_place_with_offers(client: TestClient, engine, seeded: Seeded) -> None:
    html = client.get("/map").text
    assert len(set(re.findall(r'data-adcode="(\d{6})"', html))) == PROVINCES
    assert set(symbols(html)) == places_with_offers(engine) == set(seeded.incentives)
    assert 'class="maritime"' in html  # the South China Sea inset with its boundary
    assert re.fullmatch(r"克拉玛依市: [\d.,]+万?元", symbols(html)["kelamayi"])  # each symbol says its place and figure
    assert 'data-testid="map-legend"' in html and 'data-testid="map-table"' in html


def test_the_measure_changes_the_figures(client: TestClient) -> None:
    best = symbols(client.get("/map").text)
    offers = symbols(client.get("/map?measure=offers").text)
    kinds = symbols(client.get("/map?measure=kinds").text)
    assert best.keys() == offers.keys() == kinds.keys()
    assert all(label.endswith("元") or "实物" in label for label in best.values())
    counts = {slug: int(label.rsplit(": ", 1)[1]) for slug, label in offers.items()}
    kind_counts = {slug: int(label.rsplit(": ", 1)[1]) for slug, label in kinds.items()}
    assert all(kind_counts[s] <= counts[s] for s in counts) and any(kind_counts[s] < counts[s] for s in counts)


def test_the_explorers_filters_select_the_offers(client: TestClient, engine) -> None:
    html = client.get("/map?category=housing_subsidy&measure=offers").text
    assert set(symbols(html)) == places_with_offers(engine, category="housing_subsidy")
    with Session(engine) as session:
        counted = session.exec(select(Incentive).where(Incentive.category == "housing_subsidy")).all()
    total = sum(int(label.rsplit(": ", 1)[1]) for label in symbols(html).values())
    assert total == len(counted)
    assert '<a href="/incentives?category=housing_subsidy">' in html  # the same view in the explorer


def test_no_matching_offers_is_an_empty_state_not_an_error(client: TestClient) -> None:
    html = client.get("/map?category=internship&target_level=academician").text
    assert 'data-testid="map-empty"' in html and not symbols(html)
    assert len(set(re.findall(r'data-adcode="(\d{6})"', html))) == PROVINCES


def test_the_url_holds_the_whole_view(client: TestClient) -> None:
    response = client.get(
        "/map?target_level=doctorate&measure=kinds&sort=date&page=3&highlight=kelamayi&lang=en", headers=HX
    )
    # an htmx swap names the canonical address; sort and page mean nothing on a map
    assert response.headers["HX-Push-Url"] == "/map?target_level=doctorate&measure=kinds&highlight=kelamayi"
    assert '<section id="mapview"' in response.text and "<html" not in response.text
    page = client.get(response.headers["HX-Push-Url"] + "&lang=en").text
    assert 'value="kinds" checked' in page and 'value="doctorate" checked' in page
    canonical = unescape(re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1))
    assert dict(parse_qsl(urlsplit(canonical).query)) == {
        "target_level": "doctorate", "measure": "kinds", "highlight": "kelamayi"
    }


def test_a_highlighted_place_is_marked_with_its_province(client: TestClient) -> None:
    html = client.get("/map?highlight=kelamayi").text
    assert '<a href="/places/kelamayi" class="sym hl">' in html
    assert re.search(r'class="prov q\d hl" d="[^"]+" data-adcode="650000"', html)
    assert '<tr class="hl" aria-current="true"><td><a href="/places/kelamayi">' in html


def test_the_map_speaks_english(client: TestClient) -> None:
    html = client.get("/map?lang=en&measure=offers").text
    assert "Map of talent offers" in html and "Number of offers" in html and "South China Sea Islands" in html
    assert "Taiwan Province" in html  # a province the gazetteer has no places for is still named


@pytest.mark.parametrize(
    "query",
    ["measure=most", "highlight=../etc", "category=nope", "has_amount=maybe", "period=" + "x" * 300],
)
def test_bad_parameters_are_a_4xx_page(client: TestClient, query: str) -> None:
    response = client.get(f"/map?{query}")
    assert response.status_code == 422
    assert "<html" in response.text


def test_an_empty_database_draws_the_map_without_symbols(empty_client: TestClient) -> None:
    html = empty_client.get("/map").text
    assert len(set(re.findall(r'data-adcode="(\d{6})"', html))) == PROVINCES
    assert not symbols(html) and 'data-testid="map-empty"' in html


def test_place_pages_and_the_overview_link_to_the_map(client: TestClient) -> None:
    assert 'href="/map?highlight=kelamayi"' in client.get("/places/kelamayi").text
    assert 'href="/map"' in client.get("/").text


def test_shades_follow_quantiles_and_never_leave_the_darkest_unused() -> None:
    assert breaks([]) == []
    assert breaks([5]) == [5]
    bounds = breaks([1_000, 2_000, 30_000, 400_000, 5_000_000, 60_000_000, 60_000_000])
    assert bounds == sorted(bounds) and len(bounds) <= CLASSES and bounds[-1] == 60_000_000
    assert breaks([100, 100, 100]) == [100]  # one value: one shade, not five


def test_money_symbols_grow_with_the_logarithm_counts_with_the_area() -> None:
    money = SymbolScale([1_000, 1_000_000, 1_000_000_000], logarithmic=True)
    assert money.share(1_000) == 0 and money.share(1_000_000_000) == 1
    assert money.share(1_000_000) == pytest.approx(0.5)
    counts = SymbolScale([1, 4, 16], logarithmic=False)
    assert counts.share(4) == pytest.approx(0.5)  # a quarter of the count, a quarter of the area
    assert [s.value for s in money.steps()] == [1_000, 1_000_000, 1_000_000_000]


def test_places_are_projected_where_they_are() -> None:
    layout: MapLayout = outlines().layout
    urumqi = layout.place(87.62, 43.83)
    beijing = layout.place(116.41, 39.90)
    haikou = layout.place(110.35, 20.02)
    assert urumqi[0] < beijing[0] and beijing[1] < haikou[1]  # west is left, south is down
    assert all(0 <= x <= layout.width and 0 <= y <= layout.height for x, y in (urumqi, beijing, haikou))
    bx, by, bw, bh = layout.inset_box
    sansha = layout.place(112.34, 16.83)  # 三沙市 is drawn in the South China Sea inset
    assert bx <= sansha[0] <= bx + bw and by <= sansha[1] <= by + bh
    assert albers(105, 0)[0] == pytest.approx(0)  # the central meridian is straight up

"""The JSON API: the explorer's filters, places, one place, one incentive, OpenAPI, errors as JSON."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.factories import Seeded, gold_articles


def test_api_incentives_pages_and_filters(client: TestClient) -> None:
    data = client.get("/api/incentives?category=research_funding&sort=amount&size=2").json()
    gold = [i for a in gold_articles() for i in a["incentives"] if i["category"] == "research_funding"]
    assert data["total"] == len(gold)
    assert data["size"] == 2 and len(data["items"]) == 2
    assert data["items"][0]["amount_yuan"] == max(i["amount_yuan"] or 0 for i in gold)
    assert data["next"] == "/api/incentives?category=research_funding&size=2&page=2"
    assert data["prev"] is None
    assert data["csv"] == "/incentives.csv?category=research_funding&size=2"
    assert data["filters"] == [{"param": "category", "value": "research_funding", "label": "科研/培养经费"}]
    item = data["items"][0]
    assert item["url"] == f"/incentives/{item['id']}"
    assert item["place"]["slug"] and item["place"]["name"]
    assert item["article"]["url"].startswith("/articles/")


def test_api_labels_follow_the_language(client: TestClient) -> None:
    data = client.get("/api/incentives?category=award&lang=en").json()
    assert data["filters"][0]["label"] == "Award"
    assert all(i["category_label"] == "Award" for i in data["items"])


def test_api_full_text(client: TestClient) -> None:
    data = client.get("/api/incentives", params={"q": "千万支持"}).json()
    assert [i["quote"] for i in data["items"]] == ["战略人才千万支持"]


def test_api_bad_parameters_are_json_422(client: TestClient) -> None:
    for query in ("size=500", "page=-1", "category=x", "amount_min=1.5", "place=nowhere"):
        response = client.get(f"/api/incentives?{query}")
        assert response.status_code == 422, query
        assert response.headers["content-type"] == "application/json"
        assert response.json()["detail"], query


def test_api_places_carry_slug_and_name(client: TestClient) -> None:
    places = client.get("/api/places").json()
    assert {p["slug"] for p in places} == {"kelamayi", "akesu", "daqing", "changji", "eerduosi"}
    assert {p["name"] for p in places} == {a["city"] for a in gold_articles()}
    kelamayi = next(p for p in places if p["slug"] == "kelamayi")
    gold = next(a for a in gold_articles() if a["city"] == "克拉玛依市")
    assert kelamayi["incentives"] == len(gold["incentives"]) and kelamayi["parent"] == "xinjiang"
    by_count = client.get("/api/places?sort=incentives").json()
    assert [p["incentives"] for p in by_count] == sorted((p["incentives"] for p in places), reverse=True)


def test_api_place_detail(client: TestClient, seeded: Seeded) -> None:
    data = client.get("/api/places/akesu").json()
    assert data["name"] == "阿克苏地区" and data["name_en"] == "Aksu Prefecture"
    assert data["parent"] == {"slug": "xinjiang", "name": "新疆维吾尔自治区", "name_en": "Xinjiang Uygur Autonomous Region"}
    assert {i["id"] for i in data["incentives"]} == set(seeded.incentives["akesu"])
    assert "千名硕博全职引进计划" in {p["name"] for p in data["policies"]}
    assert data["articles"][0]["id"] == seeded.articles["akesu"]
    province = client.get("/api/places/xinjiang").json()
    assert {c["slug"] for c in province["children"]} == {"kelamayi", "akesu", "changji"}


def test_api_one_incentive(client: TestClient, seeded: Seeded) -> None:
    incentive_id = seeded.incentives["akesu"][0]
    data = client.get(f"/api/incentives/{incentive_id}").json()
    assert data["id"] == incentive_id and data["quote"] == "给予一次性50万元购房补助"


def test_api_unknown_things_are_json_404(client: TestClient) -> None:
    for url in ("/api/places/atlantis", "/api/incentives/999999", "/api/nothing"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.headers["content-type"] == "application/json"


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/incentives", "/api/places", "/api/places/{slug}", "/api/incentives/{incentive_id}"} <= set(
        schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/incentives"]["get"]["parameters"]}
    assert {"category", "province", "place", "target_level", "amount_min", "amount_max", "period",
            "has_amount", "q", "sort", "page"} <= params
    page = client.get("/api")
    assert page.status_code == 200 and "/api/incentives" in page.text and "target_level" in page.text

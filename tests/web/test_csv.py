"""/incentives.csv: the explorer's filters, every row, Excel-friendly and formula-safe."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.models import Incentive
from tests.web.factories import Seeded, gold_articles


def parse(body: bytes) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_has_a_bom_a_header_and_every_row(client: TestClient) -> None:
    response = client.get("/incentives.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    rows = parse(response.content)
    assert len(rows) == sum(len(a["incentives"]) for a in gold_articles())
    assert {"id", "place", "category", "amount_yuan", "quote", "article_title", "published"} <= set(rows[0])


def test_csv_uses_the_explorer_filters_and_ignores_the_page(client: TestClient) -> None:
    rows = parse(client.get("/incentives.csv?place=akesu&category=housing_subsidy&page=3&size=1").content)
    gold = next(a for a in gold_articles() if a["city"] == "阿克苏地区")
    assert len(rows) == sum(1 for i in gold["incentives"] if i["category"] == "housing_subsidy")
    assert {r["place"] for r in rows} == {"阿克苏地区"}
    assert {r["category_label"] for r in rows} == {"购房补贴"}
    assert "给予一次性50万元购房补助" in {r["quote"] for r in rows}
    assert "500000" in {r["amount_yuan"] for r in rows}


def test_csv_follows_the_sort(client: TestClient) -> None:
    rows = parse(client.get("/incentives.csv?has_amount=true&sort=amount_asc").content)
    amounts = [int(r["amount_yuan"]) for r in rows]
    assert amounts == sorted(amounts)


def test_csv_neutralises_formulas(client: TestClient, engine: Engine, seeded: Seeded) -> None:
    with Session(engine) as session:
        incentive = session.exec(select(Incentive).where(Incentive.id == seeded.incentives["daqing"][0])).one()
        incentive.quote = "=HYPERLINK(\"http://evil\")"
        incentive.conditions = "+1 满5年"
        incentive.targets = ["@博士", "-硕士"]
        session.add(incentive)
        session.commit()
    rows = parse(client.get("/incentives.csv?place=daqing").content)
    row = next(r for r in rows if r["id"] == str(seeded.incentives["daqing"][0]))
    assert row["quote"] == "'=HYPERLINK(\"http://evil\")"
    assert row["conditions"] == "'+1 满5年"
    assert row["targets"].startswith("'@博士")


def test_csv_in_traditional_script(client: TestClient) -> None:
    rows = parse(client.get("/incentives.csv?place=akesu&script=hant").content)
    assert {r["place"] for r in rows} == {"阿克蘇地區"}


def test_csv_bad_parameters_are_422(client: TestClient) -> None:
    response = client.get("/incentives.csv?category=bogus")
    assert response.status_code == 422

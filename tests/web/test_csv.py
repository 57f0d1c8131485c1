"""/incentives.csv: the explorer's filters, every row, Excel-friendly and formula-safe."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import anyio
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import get_engine
from app.models import Incentive
from app.web import incentive_csv
from app.web.factory import create_app
from app.web.i18n import Prefs
from tests.asgi import get_scope
from tests.security.event_loop import run_async
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
        incentive = session.exec(
            select(Incentive).where(Incentive.id == seeded.incentives["daqing"][0])
        ).one()
        incentive.quote = '=HYPERLINK("http://evil")'
        incentive.conditions = "+1 满5年"
        incentive.targets = ["@博士", "-硕士"]
        session.add(incentive)
        session.commit()
    rows = parse(client.get("/incentives.csv?place=daqing").content)
    row = next(r for r in rows if r["id"] == str(seeded.incentives["daqing"][0]))
    assert row["quote"] == '\'=HYPERLINK("http://evil")'
    assert row["conditions"] == "'+1 满5年"
    assert row["targets"].startswith("'@博士")


def test_csv_in_traditional_script(client: TestClient) -> None:
    rows = parse(client.get("/incentives.csv?place=akesu&script=hant").content)
    assert {r["place"] for r in rows} == {"阿克蘇地區"}


def test_csv_bad_parameters_are_422(client: TestClient) -> None:
    response = client.get("/incentives.csv?category=bogus")
    assert response.status_code == 422


def test_a_download_holds_no_pooled_connection(database_url: str, seeded: Seeded) -> None:
    """A client that reads slowly must not keep a connection from the pool while it reads: fifteen of
    them would leave every other page waiting for the pool until its timeout. When the first body
    byte is sent, the export's connection is back, and the body is the whole export."""
    app = create_app(database_url)
    pool = get_engine(database_url).pool
    lent_while_sending: list[int] = []
    body = bytearray()

    sent = anyio.Event()
    requested = False

    async def receive() -> dict:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await sent.wait()  # the client stays until the whole body is sent
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            assert message["status"] == 200
        if message["type"] == "http.response.body":
            lent_while_sending.append(pool.checkedout())
            body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                sent.set()

    run_async(app, get_scope("/incentives.csv"), receive, send)
    assert lent_while_sending and set(lent_while_sending) == {0}
    assert len(parse(bytes(body))) == sum(len(a["incentives"]) for a in gold_articles())


def test_a_large_export_spills_to_a_file_and_comes_back_whole(monkeypatch) -> None:
    rows = [
        SimpleNamespace(
            id=n,
            place_name="阿克苏地区",
            place_slug="akesu",
            province_name="新疆维吾尔自治区",
            category="housing_subsidy",
            amount_yuan=500000,
            amount_min=None,
            amount_kind="exact",
            period="once",
            duration_months=None,
            targets=["博士"],
            target_levels=["doctorate"],
            conditions=None,
            quote="给予一次性50万元购房补助" * 20,
            quote_start=0,
            quote_end=240,
            article_id=1,
            place_level="prefecture",
            file_name="akesu.txt",
            article_title="=cmd|' /C calc'!A0",
            article_source="阿克苏日报",
            article_published=None,
        )
        for n in range(2_000)
    ]
    monkeypatch.setattr(incentive_csv, "SPOOL_MEMORY_BYTES", 64 * 1024)
    spool = incentive_csv.spooled_csv(rows, Prefs())
    assert spool._rolled  # past the memory bound: a temporary file now
    size = incentive_csv.spool_size(spool)
    body = b"".join(incentive_csv.spool_chunks(spool))
    assert len(body) == size > 64 * 1024 and spool.closed
    parsed = parse(body)
    assert [int(r["id"]) for r in parsed] == list(range(2_000))
    assert {r["article_title"] for r in parsed} == {"'=cmd|' /C calc'!A0"}  # still formula-safe

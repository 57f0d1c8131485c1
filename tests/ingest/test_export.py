"""`python -m app export`: the four tables as JSON and CSV with the documented fields, and the
original articles written back byte for byte, so that the database can always be rebuilt."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.export.command import METRIC_FIELDS, PLACE_FIELDS, POLICY_FIELDS
from app.export.records import INCENTIVE_COLUMNS as INCENTIVE_FIELDS
from app.export.records import IncentiveFacts
from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive, Metric, Policy
from app.tabular import safe_cell, to_csv
from app.web.factory import create_app
from tests.ingest.helpers import SEED_FILES, run_cli, seed_text

REQUIRED_INCENTIVE_FIELDS = (
    "file", "place", "province", "level", "category", "amount_yuan", "amount_kind", "period", "targets",
    "target_levels", "conditions", "quote",
)  # fmt: skip


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Path:
    """The seeds plus a GBK copy of one, ingested; returns the folder they were read from."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEED_FILES:
        shutil.copy(path, folder / path.name)
    (folder / "gbk-copy.txt").write_bytes(seed_text("004").encode("gbk"))
    report = ingest_paths([folder], engine)
    assert report.count("added") == 6
    return folder


def _count(engine: Engine, model) -> int:
    with Session(engine) as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_incentives_as_json(seeded: Path, engine: Engine, database_url: str) -> None:
    result = run_cli(database_url, "export", "incentives", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == _count(engine, Incentive)
    assert all(set(REQUIRED_INCENTIVE_FIELDS) <= set(row) for row in rows)
    assert all(tuple(row) == INCENTIVE_FIELDS for row in rows)
    # seed 000, read from its traditional text: 領軍人才百萬托舉
    [offer] = [r for r in rows if r["file"] == SEED_FILES[0].name and r["amount_yuan"] == 1_000_000]
    assert "领军人才百万托举" in offer["quote"]
    assert {k: offer[k] for k in REQUIRED_INCENTIVE_FIELDS if k != "quote"} == {
        "file": SEED_FILES[0].name,
        "place": "克拉玛依市",
        "province": "新疆维吾尔自治区",
        "level": "prefecture",
        "category": "research_funding",
        "amount_yuan": 1_000_000,
        "amount_kind": "exact",
        "period": "one_off",
        "targets": ["领军人才"],
        "target_levels": ["leading_talent"],
        "conditions": None,
    }
    assert all(isinstance(r["amount_yuan"], int) for r in rows if r["amount_yuan"] is not None)


def test_incentives_as_csv(seeded: Path, engine: Engine, database_url: str) -> None:
    result = run_cli(database_url, "export", "incentives", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert not result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == INCENTIVE_FIELDS
    assert len(rows) == _count(engine, Incentive)
    [akesu] = [
        r for r in rows if r["file"] == SEED_FILES[1].name and r["amount_yuan"] == "700000"
    ]  # seed 001: three targets in one cell
    assert akesu["targets"] == "博士研究生；副高级以上专业技术人才；急需紧缺高级技师"
    assert akesu["target_levels"] == "doctorate；senior_title；skilled_worker"
    assert akesu["place"] == "阿克苏地区" and akesu["category"] == "housing_subsidy"
    in_kind = [r for r in rows if r["amount_yuan"] == ""]
    assert in_kind and all(r["amount_kind"] == "" for r in in_kind)


def test_the_cli_csv_and_the_explorers_csv_are_the_same_columns_and_values(
    seeded: Path, engine: Engine, database_url: str
) -> None:
    """One definition of an incentive's public fields (app.export.records): the web's download and
    the CLI's export agree on every column; only `file` may differ (the CLI writes the name
    `export articles` uses) and the web's empty text is "" where the CLI's is empty too."""
    cli = list(csv.DictReader(io.StringIO(run_cli(database_url, "export", "incentives", "--format", "csv").stdout)))
    with TestClient(create_app(database_url)) as client:
        body = client.get("/incentives.csv?sort=date&size=200").content.decode("utf-8-sig")
    web = list(csv.DictReader(io.StringIO(body)))
    assert tuple(cli[0]) == tuple(web[0]) == INCENTIVE_FIELDS
    assert {r["id"] for r in web} == {r["id"] for r in cli}
    by_id = {r["id"]: r for r in cli}
    for row in web:
        assert row == by_id[row["id"]] | {"file": row["file"]}, row["id"]


def test_the_api_incentive_has_every_shared_fact(seeded: Path, database_url: str) -> None:
    with TestClient(create_app(database_url)) as client:
        item = client.get("/api/incentives?size=1").json()["items"][0]
    assert set(IncentiveFacts.model_fields) <= set(item)
    assert item["url"] == f"/incentives/{item['id']}"


@pytest.mark.parametrize(
    ("table", "fields", "model"),
    [("policies", POLICY_FIELDS, Policy), ("metrics", METRIC_FIELDS, Metric)],
)
def test_policies_and_metrics(
    seeded: Path, engine: Engine, database_url: str, table: str, fields: tuple[str, ...], model
) -> None:
    as_json = json.loads(run_cli(database_url, "export", table).stdout)
    assert len(as_json) == _count(engine, model) > 0
    assert all(set(r) == set(fields) for r in as_json)
    as_csv = list(
        csv.DictReader(io.StringIO(run_cli(database_url, "export", table, "--format", "csv").stdout))
    )
    assert [r["quote"] for r in as_csv] == [r["quote"] for r in as_json]


def test_policies_include_the_named_documents(seeded: Path, database_url: str) -> None:
    names = {r["name"] for r in json.loads(run_cli(database_url, "export", "policies").stdout)}
    assert "克拉玛依市急需紧缺人才引进办法" in names


def test_places(seeded: Path, database_url: str) -> None:
    rows = json.loads(run_cli(database_url, "export", "places").stdout)
    assert all(tuple(r) == PLACE_FIELDS for r in rows)
    by_name = {r["name"]: r for r in rows if r["articles"]}
    assert by_name["鄂尔多斯市"]["articles"] == 2  # the seed and its GBK copy
    assert by_name["昌吉回族自治州"]["parent"] == "新疆维吾尔自治区"
    assert "庭州" in by_name["昌吉回族自治州"]["nicknames"]
    assert len(rows) > 3000


def test_articles_are_written_back_byte_for_byte(seeded: Path, engine: Engine, database_url: str) -> None:
    out = seeded.parent / "exported"
    result = run_cli(database_url, "export", "articles", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote 6 articles" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in seeded.iterdir())
    for path in seeded.iterdir():
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    with Session(engine) as s:
        hashes = dict(s.execute(select(Article.file_name, Article.content_hash)).all())
    assert hashes == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    # the exported folder is the database's input: ingesting it again changes nothing
    again = ingest_paths([out], engine)
    assert [r.status for r in again.results] == ["unchanged"] * 6


def test_export_articles_needs_a_folder(database_url: str) -> None:
    result = run_cli(database_url, "export", "articles")
    assert result.returncode == 2
    assert "a folder is needed" in result.stderr


# --- CSV that spreadsheets open safely -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","点击")', '\'=HYPERLINK("http://evil.example","点击")'),
        ("+86-0991-3532125", "'+86-0991-3532125"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("对博士给予50万元购房补助", "对博士给予50万元购房补助"),
        (["博士", "硕士"], "博士；硕士"),
        (None, ""),
        (500000, "500000"),
        (-5, "-5"),  # a number is data, not a formula
    ],
)
def test_safe_cell(value, cell: str) -> None:
    assert safe_cell(value) == cell


def test_to_csv_quotes_and_bom() -> None:
    text = to_csv([{"quote": '他说:"每月800元",还有补贴', "n": 1}], ["quote", "n"])
    assert text == '\ufeffquote,n\r\n"他说:""每月800元"",还有补贴",1\r\n'
    assert to_csv([], ["a"], bom=False) == "a\r\n"

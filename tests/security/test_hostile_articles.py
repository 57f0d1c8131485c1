"""Article text from the open web never runs in a reader's browser nor in their spreadsheet.

The articles in tests/security/hostile.py go through the real ingest pipeline, so their payloads sit in
titles, publishers, policy names and the quotes of incentives and metrics exactly where an attacker's
article would put them. Every page that shows such text is parsed strictly (tests/security/hostile.py
`unsafe_markup`), and each page must also show the payload *escaped*: a page that merely lost the text
would otherwise pass for a safe one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.db import get_engine
from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive, Policy
from app.tabular import FORMULA_START
from app.web.factory import create_app
from tests.security.hostile import ESCAPED, HYPERLINK, IMG, SCRIPT, TEMPLATE, unsafe_markup, write_articles

HX = {"HX-Request": "true"}
PLACES = ("kelamayi", "akesushi", "hami", "tulufan")


@dataclass(frozen=True)
class Hostile:
    client: TestClient
    articles: dict[str, int]  # file name -> id
    incentives: list[int]


@pytest.fixture
def hostile(engine: Engine, database_url: str, tmp_path: Path) -> Iterator[Hostile]:
    report = ingest_paths(write_articles(tmp_path / "articles"), engine)
    assert [r.status for r in report.results] == ["added"] * 4, report.results
    with Session(engine) as session:
        # each file was named by itself, so it is stored under its absolute path
        articles = {Path(a.file_name).name: a.id for a in session.exec(select(Article)).all()}
        incentives = [i.id for i in session.exec(select(Incentive).order_by(Incentive.id)).all()]
        policies = session.exec(select(Policy)).all()
    # The payloads must have survived extraction, or the pages below would prove nothing.
    assert (
        len(incentives) >= 8
        and any(SCRIPT in p.name for p in policies)
        and any(IMG in p.name for p in policies)
    )
    with TestClient(create_app(database_url)) as client:
        yield Hostile(client, articles, incentives)
    get_engine(database_url).dispose()


def _html(client: TestClient, url: str, headers: dict[str, str] | None = None) -> str:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    assert response.headers["content-type"].startswith("text/html"), url
    return response.text


def _assert_safe(page: str, url: str, must_show: tuple[str, ...] = ()) -> None:
    assert unsafe_markup(page) == [], url
    for payload in must_show:
        assert ESCAPED[payload] in page, f"{url} does not show {payload!r} as escaped text"


def test_every_page_shows_article_text_as_text(hostile: Hostile) -> None:
    art = hostile.articles
    pages: list[tuple[str, dict[str, str] | None, tuple[str, ...]]] = [
        ("/", None, (SCRIPT, IMG)),  # newest articles' titles, chart notes quote incentives
        ("/places", None, ()),
        ("/places/kelamayi", None, (SCRIPT, IMG, TEMPLATE)),
        ("/places/akesushi", None, (SCRIPT, IMG)),
        ("/places/hami", None, (TEMPLATE,)),
        ("/places/tulufan", None, ()),
        ("/incentives?size=200", None, (SCRIPT, IMG, TEMPLATE)),
        ("/incentives?size=200", HX, (SCRIPT, IMG, TEMPLATE)),
        ("/incentives?size=200", {**HX, "HX-Target": "explorer"}, (SCRIPT, IMG)),
        ("/incentives?q=alert", None, (SCRIPT, IMG)),
        ("/incentives?q=onerror", HX, (IMG,)),
        ("/incentives?q=7*7", None, (TEMPLATE,)),
        ("/incentives?size=200&script=hant", None, (SCRIPT, IMG, TEMPLATE)),
        ("/incentives?size=200&lang=en", None, (SCRIPT, IMG, TEMPLATE)),
        (f"/compare?{'&'.join(f'place={p}' for p in PLACES)}", None, (SCRIPT, IMG, TEMPLATE)),
        (f"/compare?{'&'.join(f'place={p}' for p in PLACES)}", HX, (SCRIPT, IMG, TEMPLATE)),
        ("/calculator?degree=doctorate&buy_home=1", None, (SCRIPT, IMG, TEMPLATE)),
        ("/calculator?degree=master&province=xinjiang", HX, (SCRIPT,)),
        # a place's full view lists every offer, in kind and excluded ones too
        ("/calculator?degree=master&province=xinjiang&place=kelamayi", HX, (SCRIPT, IMG)),
        ("/calculator?degree=master&place=kelamayi", None, (SCRIPT, IMG, TEMPLATE)),
        ("/places/suggest?q=克拉玛依", None, ()),
        *((f"/articles/{art[name]}", None, (SCRIPT, IMG, TEMPLATE)) for name in ("hostile_script.txt",)),
        (f"/articles/{art['hostile_img.txt']}", None, (SCRIPT, IMG)),
        (f"/articles/{art['hostile_template.txt']}", None, (TEMPLATE,)),
        (f"/articles/{art['hostile_script.txt']}?script=hant", None, (SCRIPT, IMG, TEMPLATE)),
        *((f"/incentives/{i}", None, ()) for i in hostile.incentives),
    ]
    for url, headers, must_show in pages:
        _assert_safe(_html(hostile.client, url, headers), url, must_show)


def test_incentive_pages_show_their_quote_escaped(hostile: Hostile) -> None:
    """Each incentive's own page (title, quote, citation in a <textarea>) escapes what it quotes."""
    shown = set()
    for incentive_id in hostile.incentives:
        page = _html(hostile.client, f"/incentives/{incentive_id}")
        shown |= {p for p in (SCRIPT, IMG, TEMPLATE) if ESCAPED[p] in page}
        assert "</textarea><" not in page.replace("</textarea>\n  <button", "")
    assert shown == {SCRIPT, IMG, TEMPLATE}


class _Meta(HTMLParser):
    """The page's <title> text and its <meta> tags, as a browser or a link-preview crawler reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "meta" and (names.get("property") or names.get("name")):
            self.meta[names.get("property") or names["name"]] = names.get("content") or ""
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False if tag == "title" else self._in_title

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def test_titles_and_meta_tags_carry_the_whole_title_as_text(hostile: Hostile) -> None:
    """A quote that broke out of content="..." would cut og:title short and leave a tag behind."""
    for name, payload in (
        ("hostile_script.txt", SCRIPT),
        ("hostile_img.txt", IMG),
        ("hostile_template.txt", TEMPLATE),
    ):
        page = _html(hostile.client, f"/articles/{hostile.articles[name]}")
        parsed = _Meta()
        parsed.feed(page)
        for key in ("og:title", "twitter:title"):
            assert payload in parsed.meta[key], (name, key, parsed.meta[key])
        assert payload in parsed.title
        assert parsed.meta["description"] == parsed.meta["og:description"]
        assert unsafe_markup(page) == []
    # The incentive page's description is its quote, markup and all, as text.
    incentive = hostile.incentives[0]
    parsed = _Meta()
    parsed.feed(_html(hostile.client, f"/incentives/{incentive}"))
    assert SCRIPT in parsed.meta["og:description"] and IMG in parsed.meta["og:description"]


def test_reflected_parameters_are_escaped(hostile: Hostile) -> None:
    """What a link's query string says is echoed into forms and titles, never into markup."""
    for url in (
        f"/incentives?q={SCRIPT}",
        f"/incentives?q={IMG}",
        "/incentives?q=%22%3E%3Cscript%3Ealert(1)",
        f"/places/{IMG}",
        f"/articles/{SCRIPT}",
        f"/compare?place={SCRIPT}",
        "/incentives?category=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    ):
        response = hostile.client.get(url)
        assert response.status_code in (200, 404, 422), url
        assert unsafe_markup(response.text) == [], url


def test_api_returns_article_text_as_json_data(hostile: Hostile) -> None:
    """JSON carries the text unchanged (it is data); nosniff keeps browsers from reading it as HTML."""
    client = hostile.client
    for url in (
        "/api/incentives?size=200",
        "/api/places/kelamayi",
        "/api/places/hami",
        "/api/calculator?degree=doctorate",
        f"/api/incentives/{hostile.incentives[0]}",
        "/api/places",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "application/json", url
        assert response.headers["x-content-type-options"] == "nosniff", url
        json.loads(response.text)
    quotes = [i["quote"] for i in client.get("/api/incentives?size=200").json()["items"]]
    assert any(SCRIPT in q for q in quotes) and any(TEMPLATE in q for q in quotes)
    assert any(q.startswith(HYPERLINK) for q in quotes)
    policies = client.get("/api/places/kelamayi").json()["policies"]
    assert any(SCRIPT in p["name"] for p in policies)


def _csv_rows(client: TestClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_cells_cannot_start_a_formula(hostile: Hostile) -> None:
    """=HYPERLINK, @SUM, +SUM and -2+3 from article text reach the CSV with a leading apostrophe."""
    for url in (
        "/incentives.csv",
        "/incentives.csv?script=hant",
        "/incentives.csv?lang=en",
        "/incentives.csv?place=tulufan",
        "/incentives.csv?q=HYPERLINK",
    ):
        rows = _csv_rows(hostile.client, url)
        assert rows, url
        for row in rows:
            for column, cell in row.items():
                assert not cell.startswith(FORMULA_START), (url, column, cell)
    rows = _csv_rows(hostile.client, "/incentives.csv?lang=zh&script=hans")  # the cookie says hant by now
    quotes = {row["quote"] for row in rows}
    titles = {row["article_title"] for row in rows}
    publishers = {row["publisher"] for row in rows}
    # Neutralised, not dropped: the apostrophe is all that was added.
    assert "'" + HYPERLINK + "对引进的硕士研究生给予8万元安家费。" in quotes
    assert any(q.startswith("'@SUM(1+1)") for q in quotes)
    assert any(q.startswith("'+SUM(1,2)") for q in quotes)
    assert any(q.startswith("'-2+3") for q in quotes)
    assert "'" + HYPERLINK + "吐鲁番" in titles
    assert "'@SUM(1+1)" in publishers
    assert any(SCRIPT in q for q in quotes)  # CSV is not HTML: markup stays as it was written

"""Atom feeds of explorer views, read by a real feed parser (feedparser): well-formed, newest first,
the view's filters applied, linked from the explorer, and a new offer shows up after an ingest."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.ingest.pipeline import ingest_paths
from app.models import Incentive
from tests.web.factories import Seeded


def parse(client: TestClient, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_id(entry) -> int:
    return int(entry.link.rsplit("/", 1)[1])


def test_a_view_feed_holds_its_offers_newest_first(client: TestClient, engine: Engine, seeded: Seeded) -> None:
    feed = parse(client, "/incentives.atom?category=housing_subsidy")
    with Session(engine) as session:
        expected = session.exec(
            select(Incentive.id).where(Incentive.category == "housing_subsidy").order_by(Incentive.id.desc())
        ).all()
    assert [entry_id(e) for e in feed.entries] == list(expected)
    assert feed.feed.title == "购房补贴 · 人才政策地图"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"].endswith("/incentives.atom?category=housing_subsidy")
    assert links["alternate"].endswith("/incentives?category=housing_subsidy")
    first = feed.entries[0]
    assert first.id == first.link and re.search(r" · 购房补贴 · ", first.title)
    assert first.summary and first.tags[0].term == "housing_subsidy"


def test_the_explorer_links_its_feed(client: TestClient) -> None:
    page = client.get("/incentives?category=housing_subsidy&target_level=doctorate&sort=date").text
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        r'href="http://testserver/incentives\.atom\?category=housing_subsidy&amp;target_level=doctorate">',
        page,
    )
    assert 'href="/incentives.atom?category=housing_subsidy&amp;target_level=doctorate"' in page


def test_an_ingest_puts_its_new_offer_at_the_top(client: TestClient, engine: Engine, tmp_path: Path) -> None:
    url = "/incentives.atom?category=housing_subsidy&target_level=doctorate"
    before = parse(client, url)
    article = tmp_path / "new.txt"
    article.write_text("绍兴出台人才新政\n2026-11-30 来源:绍兴日报\n对新引进的全日制博士研究生，给予45万元购房补贴。\n", "utf-8")
    assert ingest_paths([article], engine).results[0].status == "added"
    after = parse(client, url)
    assert len(after.entries) == len(before.entries) + 1
    assert after.entries[0].title.endswith("购房补贴 · 45万元") and after.entries[0].published.startswith("2026-11-30")
    assert after.feed.updated > before.feed.updated


def test_an_empty_view_is_a_valid_empty_feed(empty_client: TestClient) -> None:
    feed = parse(empty_client, "/incentives.atom?lang=en")
    assert feed.entries == [] and feed.feed.title == "Incentives · Talent Policy Atlas"


def test_bad_feed_parameters_are_a_4xx(client: TestClient) -> None:
    assert client.get("/incentives.atom?category=nope").status_code == 422
    assert client.get("/incentives.atom?place=atlantis").status_code in (404, 422)

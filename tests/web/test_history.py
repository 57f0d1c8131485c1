"""Current and history: a place's newest article on each kind speaks for it now, older articles'
offers stay readable under history, and an offer more than five years old is marked everywhere."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.ingest.pipeline import ingest_paths
from app.models import Incentive
from app.query.history import current_and_history, outdated
from app.query.incentives import IncentiveRow


def _row(category: str, published: date | None, amount: int) -> IncentiveRow:
    incentive = Incentive(category=category, published=published, amount_yuan=amount, quote="", article_id=1)
    return IncentiveRow(incentive, "绍兴市", "shaoxing", "浙江省", None, None, published)


def test_the_newest_article_per_kind_is_current() -> None:
    old_house = _row("housing_subsidy", date(2019, 5, 1), 100_000)
    new_house = _row("housing_subsidy", date(2024, 5, 1), 300_000)
    same_day = _row("housing_subsidy", date(2024, 5, 1), 200_000)
    old_rent = _row("rent_subsidy", date(2019, 5, 1), 1_000)  # the newest on rent, however old
    undated_house = _row("housing_subsidy", None, 50_000)  # superseded for all we know
    undated_award = _row("award", None, 10_000)  # nothing dated says otherwise
    rows = [old_house, new_house, same_day, old_rent, undated_house, undated_award]
    current, history = current_and_history(rows)
    assert current == [new_house, same_day, old_rent, undated_award]
    assert history == [old_house, undated_house]


def test_five_years_is_the_line() -> None:
    today = date(2026, 12, 2)
    assert outdated(date(2021, 12, 1), today) and not outdated(date(2021, 12, 2), today)
    assert not outdated(None, today)
    assert outdated(date(2020, 1, 1), date(2028, 2, 29))  # a leap day has a year five years back


def _article(folder: Path, name: str, day: str, amount: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"绍兴市人才新政\n{day} 10:00 来源:绍兴日报\n对新引进的全日制博士研究生,给予{amount}购房补贴。\n", "utf-8"
    )


def test_a_place_with_two_articles_shows_current_and_history(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    _article(tmp_path / "in", "2018.txt", "2018-03-01", "20万元")
    _article(tmp_path / "in", "2025.txt", "2025-06-01", "45万元")
    assert [r.status for r in ingest_paths([tmp_path / "in"], engine).results] == ["added", "added"]
    page = client.get("/places/shaoxing").text
    current = page.split('data-testid="current"')[1].split('data-testid="history"')[0]
    history = page.split('data-testid="history"')[1]
    assert "45万元" in current and "20万元" not in current
    assert "20万元" in history and "2018-03-01" in history
    assert re.search(r'2018-03-01</time> <span class="outdated"', history)  # and it is marked
    assert 'class="outdated"' not in current


def test_an_old_offer_is_marked_on_every_page_that_shows_it(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    _article(tmp_path / "in", "2015.txt", "2015-09-10", "20万元")
    ingest_paths([tmp_path / "in"], engine)
    marked = 'data-testid="outdated"'
    assert marked in client.get("/places/shaoxing").text
    assert marked in client.get("/incentives?place=shaoxing").text
    [incentive_id] = re.findall(r'href="/incentives/(\d+)"', client.get("/incentives?place=shaoxing").text)[:1]
    assert marked in client.get(f"/incentives/{incentive_id}").text
    compare = client.get("/compare?place=shaoxing&place=kelamayi").text
    assert 'data-testid="offer-date"><time datetime="2015-09-10">' in compare and marked in compare
    assert marked not in client.get("/places/kelamayi").text  # its article is from 2025

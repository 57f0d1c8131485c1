"""Current and history: a place's newest article on each kind speaks for it now, older articles'
offers stay readable under history, and an offer more than five years old is marked everywhere."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive, Place
from app.query.history import outdated, place_offers


def test_the_newest_article_per_kind_is_current(engine: Engine) -> None:
    """The split is SQL (a place's history is read only as far as the page shows it): each kind's
    newest dated rows are current, two of the same day both; an undated row is current only where no
    row of its kind has a date; the rest is history, newest first, undated last."""
    rows = {
        "old_house": ("housing_subsidy", date(2019, 5, 1), 100_000),
        "new_house": ("housing_subsidy", date(2024, 5, 1), 300_000),
        "same_day": ("housing_subsidy", date(2024, 5, 1), 200_000),
        "old_rent": ("rent_subsidy", date(2019, 5, 1), 1_000),  # the newest on rent, however old
        "undated_house": ("housing_subsidy", None, 50_000),  # superseded for all we know
        "undated_award": ("award", None, 10_000),  # nothing dated says otherwise
        "older_house": ("housing_subsidy", date(2016, 1, 1), 80_000),
    }
    ids: dict[str, int] = {}
    with Session(engine) as session:
        place = session.exec(select(Place).where(Place.slug == "shaoxing")).one()
        article = Article(
            file_name="a.txt", raw_bytes=b"x", encoding="utf-8", original_text="x", normalised_text="x",
            script="hans", content_hash="h", ingested_at=datetime(2026, 12, 1, tzinfo=UTC),
        )  # fmt: skip
        session.add(article)
        session.flush()
        for name, (category, published, amount) in rows.items():
            incentive = Incentive(
                article_id=article.id, place_id=place.id, province_code=place.province_code, category=category,
                published=published, amount_yuan=amount, quote=name, quote_start=0, quote_end=1,
            )  # fmt: skip
            session.add(incentive)
            session.flush()
            ids[name] = incentive.id
        session.commit()
        offers = place_offers(session, place)
        shown = place_offers(session, place, history_limit=2)
    named = {v: k for k, v in ids.items()}
    # current in the explorer's category order (kind, then amount)
    assert [named[r.incentive.id] for r in offers.current] == ["new_house", "same_day", "old_rent", "undated_award"]
    assert [named[r.incentive.id] for r in offers.history] == ["old_house", "older_house", "undated_house"]
    assert offers.history_count == 3 and offers.count == 7
    assert [named[r.incentive.id] for r in shown.history] == ["old_house", "older_house"]
    assert shown.history_count == 3


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


def test_a_long_history_shows_its_newest_and_links_the_rest(
    client: TestClient, engine: Engine, tmp_path: Path, monkeypatch
) -> None:
    """A place's page holds the newest HISTORY_SHOWN earlier offers and a link to all of them, and the
    figures of its most recent articles: it grows with the page, not with every article ever read."""
    from app.query import articles, history

    monkeypatch.setattr(history, "HISTORY_SHOWN", 1)
    monkeypatch.setattr(articles, "METRICS_SHOWN", 1)
    for year, amount in (("2016", "10万元"), ("2019", "20万元"), ("2025", "45万元")):
        _article(tmp_path / "in", f"{year}.txt", f"{year}-03-01", amount)
        with (tmp_path / "in" / f"{year}.txt").open("a", encoding="utf-8") as text:
            text.write(f"截至目前,全市累计引进各类人才{year}人。\n")  # a figure about the city
    ingest_paths([tmp_path / "in"], engine)
    page = client.get("/places/shaoxing").text
    earlier = page.split('data-testid="history"')[1].split("</section>")[0]
    assert "20万元" in earlier and "10万元" not in earlier  # the newer of the two earlier offers
    link = re.search(r'<a href="([^"]+)" data-testid="history-all">', earlier)
    assert link and "2" in earlier.split('data-testid="history-all">')[1].split("</a>")[0]
    listed = client.get(link.group(1).replace("&amp;", "&")).text
    assert "10万元" in listed and "20万元" in listed  # the explorer has all of them
    assert "- 3 " in page.split("<title>")[1].split("</title>")[0]  # the count is of all offers
    figures = page.split('id="met-h"')[1].split("</section>")[0]
    assert 'data-testid="metrics-newest"' in figures and "2,025" in figures and "2,016" not in figures


def test_compare_weighs_what_a_place_offers_now(client: TestClient, engine: Engine, tmp_path: Path) -> None:
    """An older, larger offer that a newer article replaced is history: the matrix shows the current one."""
    _article(tmp_path / "in", "2018.txt", "2018-03-01", "60万元")
    _article(tmp_path / "in", "2025.txt", "2025-06-01", "45万元")
    ingest_paths([tmp_path / "in"], engine)
    matrix = client.get("/compare?place=shaoxing&place=kelamayi").text
    assert "45万" in matrix and "60万" not in matrix

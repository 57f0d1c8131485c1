"""The overview, an article's page and an incentive's page."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.models import Article, Incentive
from tests.web.conftest import HX
from tests.web.factories import Seeded, gold_articles


def test_overview_counts_chart_categories_and_newest(client: TestClient, seeded: Seeded) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    n_incentives = sum(len(a["incentives"]) for a in gold_articles())
    assert 'data-testid="stat-places">5<' in html
    assert 'data-testid="stat-articles">5<' in html
    assert f'data-testid="stat-incentives">{n_incentives}<' in html
    bars = re.findall(r'<a class="bar-label" href="/incentives/(\d+)">(.*?)</a>', html)
    assert {name for _, name in bars} >= {"克拉玛依市", "昌吉回族自治州", "阿克苏地区"}
    assert re.search(r'<rect x="0" y="0" height="10" width="100.00">', html)  # the largest bar is full
    assert 'class="bar-value">1000万元<' in html  # values are text, not only bar length or colour
    assert '<a href="/incentives?category=housing_subsidy">购房补贴</a>' in html
    newest = re.findall(r'<li><a href="/articles/(\d+)">', html)
    assert int(newest[0]) == seeded.articles["kelamayi"]  # 2025-07-11 is the newest


def test_overview_chart_for_one_category_and_level(client: TestClient) -> None:
    html = client.get("/?category=housing_subsidy&target_level=doctorate").text
    bars = re.findall(r'<a class="bar-label" href="/incentives/\d+">(.*?)</a>', html)
    assert bars == ["阿克苏地区"]
    assert 'class="bar-value">70万元<' in html
    fragment = client.get("/?category=housing_subsidy", headers=HX).text
    assert "<html" not in fragment and re.match(r'\s*<title>[^<]+</title>\s*<div id="chart"', fragment)
    assert client.get("/?category=nope").status_code == 422


def test_overview_empty_database(empty_client: TestClient) -> None:
    html = empty_client.get("/").text
    assert 'data-testid="stat-incentives">0<' in html and 'class="empty"' in html


def test_article_page_highlights_and_links_every_item(client: TestClient, engine: Engine, seeded: Seeded) -> None:
    article_id = seeded.articles["akesu"]
    response = client.get(f"/articles/{article_id}")
    assert response.status_code == 200
    html = response.text
    for incentive_id in seeded.incentives["akesu"]:
        assert f'id="incentive-{incentive_id}"' in html
        assert f'href="#incentive-{incentive_id}"' in html
        assert f'href="/incentives/{incentive_id}"' in html
    assert re.search(r'<mark class="hl hl-incentive" id="incentive-\d+" title="[^"]*">给予一次性50万元购房补助</mark>',
                     html)
    assert 'class="hl hl-policy"' in html and 'class="hl hl-metric"' in html
    assert "<details class=\"original\">" in html and "查看原始文本" in html


def test_article_page_shows_damage_warnings(client: TestClient, seeded: Seeded) -> None:
    html = client.get(f"/articles/{seeded.articles['kelamayi']}").text
    assert 'data-testid="damage"' in html and "lost_chars" in html
    assert "部分字符在转码中丢失" in html  # the code is explained, not only named
    clean = client.get(f"/articles/{seeded.articles['akesu']}").text
    assert 'data-testid="damage"' not in clean


def test_article_text_is_escaped(client: TestClient, engine: Engine, seeded: Seeded) -> None:
    article_id = seeded.articles["daqing"]
    with Session(engine) as session:
        article = session.get(Article, article_id)
        article.normalised_text = '<script>alert(1)</script>' + article.normalised_text
        article.original_text = '<img src=x onerror=alert(2)>'
        article.title = '<b>标题</b>'
        session.add(article)
        incentive = session.get(Incentive, seeded.incentives["daqing"][0])
        incentive.quote = '<script>alert(3)</script>'
        session.add(incentive)
        session.commit()
    for url in (f"/articles/{article_id}", f"/incentives/{seeded.incentives['daqing'][0]}", "/places/daqing",
                "/incentives?place=daqing", "/compare?place=daqing"):
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>标题" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/articles/{article_id}").text


def test_incentive_page_and_citation(client: TestClient, seeded: Seeded) -> None:
    incentive_id = seeded.incentives["akesu"][0]
    response = client.get(f"/incentives/{incentive_id}")
    assert response.status_code == 200
    html = response.text
    assert "给予一次性50万元购房补助" in html
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "招才聚阿“强磁场” 释放发展新活力" in citation
    assert "阿克苏日报" in citation and "2024-08-07" in citation
    assert "001_be59150bd1526eb2.txt" in citation and "2026-11-01" in citation
    assert f"http://testserver/incentives/{incentive_id}" in citation
    assert f'<link rel="canonical" href="http://testserver/incentives/{incentive_id}">' in html
    english = client.get(f"/incentives/{incentive_id}?lang=en").text
    assert "Read by Talent Policy Atlas on 2026-11-01" in english


def test_unknown_article_and_incentive_are_404(client: TestClient) -> None:
    for url in ("/articles/999999", "/incentives/999999", "/articles/0", "/nowhere"):
        response = client.get(url)
        assert response.status_code in (404, 422), url
        assert response.headers["content-type"].startswith("text/html"), url
    assert client.get("/articles/999999").status_code == 404
    assert client.get("/articles/abc").status_code == 422
    assert client.get(f"/incentives/{2**70}").status_code == 422

"""Every page kind's address comes from app.links: templates, API models and the CSV never spell a
detail path by hand, so changing one address is one edit, and each helper leads to its page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app import links
from app.links import changed, explorer_url, toggle_urls
from app.query.params import FILTERS, IncentiveFilters

REPO = Path(__file__).resolve().parents[2]
# A detail page's path written out: "/places/{{", href="/articles/..., f"/incentives/{...
HAND_WRITTEN = re.compile(r"""(?<!["'])(["'])/(?:api/)?(?:places|incentives|articles)/(?:\{|\1|[^"'?\s]*\{\{)""")


def test_no_detail_path_is_written_by_hand() -> None:
    offenders = []
    sources = [*(REPO / "templates").glob("*.html"), *(REPO / "app").rglob("*.py")]
    for path in sources:
        if path == REPO / "app" / "links.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if HAND_WRITTEN.search(line) and "@router." not in line:
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert offenders == [], "\n".join(offenders)


def test_the_pattern_catches_what_it_is_for() -> None:
    assert HAND_WRITTEN.search('<a href="/places/{{ s.slug }}">')
    assert HAND_WRITTEN.search('url=f"/incentives/{inc.id}"')
    assert not HAND_WRITTEN.search('<a href="/places">')


def test_each_detail_helper_leads_to_its_page(client: TestClient) -> None:
    incentive = client.get("/api/incentives?size=1").json()["items"][0]
    place = incentive["place"]["slug"]
    article = incentive["article"]["id"]
    for url in (
        links.place_url(place),
        links.incentive_url(incentive["id"]),
        links.incentive_api_url(incentive["id"]),
        links.article_url(article),
        links.article_url(article, f"incentive-{incentive['id']}"),
    ):
        assert client.get(url).status_code == 200, url
    assert incentive["url"] == links.incentive_url(incentive["id"])
    assert incentive["article"]["url"] == links.article_url(article)


TOGGLE_VIEWS = [
    {},
    {"category": ["housing_subsidy"]},
    {"category": ["award", "package"], "target_level": ["doctorate"], "sort": "place", "page": 3},
    {"q": "博士 补贴", "province": "guangdong", "target_level": ["master", "bachelor"], "size": 100},
    {"place": "shenzhen", "place_only": True, "amount_min": 10000, "period": "monthly", "year": 2024},
]


@pytest.mark.parametrize("view", TOGGLE_VIEWS)
def test_a_facet_toggle_is_the_view_with_that_value_changed(view: dict) -> None:
    """toggle_urls encodes the rest of the query once; each address must be what changing the
    parameter on the model and encoding the whole view gives (page 1, canonical order)."""
    params = IncentiveFilters(**view)
    for f in FILTERS:
        if f.spec.facet is None:
            continue
        values = [term.slug for term in f.spec.vocab]
        urls = toggle_urls(params, f.key, values)
        for value in values:
            current = getattr(params, f.key)
            chosen = [v for v in current if v != value] if value in current else [*current, value]
            assert urls[value] == explorer_url(changed(params, **{f.key: chosen})), (view, f.key, value)

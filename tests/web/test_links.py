"""Every page kind's address comes from app.links: templates, API models and the CSV never spell a
detail path by hand, so changing one address is one edit, and each helper leads to its page."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app import links

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

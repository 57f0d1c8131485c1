"""What every response must carry: security headers, read-only methods, and no inline script."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.web.factory import create_app
from tests.web.factories import Seeded

PAGES = ["/", "/places", "/places/akesu", "/places/xinjiang", "/incentives", "/incentives?q=博士",
         "/compare?place=akesu&place=kelamayi", "/api", "/places/atlantis", "/incentives?page=0"]


@pytest.mark.parametrize("url", PAGES)
def test_security_headers_on_every_page(client: TestClient, url: str) -> None:
    response = client.get(url)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def _pages_with_ids(seeded: Seeded) -> list[str]:
    return [*PAGES, f"/articles/{seeded.articles['kelamayi']}", f"/incentives/{seeded.incentives['akesu'][0]}"]


def test_no_inline_script_or_style_anywhere(client: TestClient, seeded: Seeded) -> None:
    for url in _pages_with_ids(seeded):
        html = client.get(url).text
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        assert scripts, url
        for attributes, body in scripts:
            assert 'src="/static/' in attributes and body.strip() == "", url
        assert not re.search(r"\son[a-z]+=", html), f"inline event handler in {url}"
        assert not re.search(r'\sstyle="', html), f"inline style in {url}"
        assert "<style" not in html, url
        assert "data-copy-url" in html, f"no copy-link button in {url}"
        assert '<link rel="canonical" href="http://testserver/' in html, url


def test_vendored_htmx_is_the_recorded_version(client: TestClient) -> None:
    html = client.get("/").text
    src = re.search(r'<script src="(/static/vendor/htmx-[0-9.]+\.min\.js)\?v=[0-9a-f]+"', html).group(1)
    assert client.get(src).status_code == 200
    versions = client.get("/static/vendor/VERSIONS.md").text
    assert src.rsplit("/", 1)[1] in versions


def test_static_files_are_kept_a_year_under_their_content_hash(client: TestClient) -> None:
    """issue 15: static files had no Cache-Control. Pages link each by its content hash, so a changed
    file has a new address and the old one may be kept forever; without the hash, revalidate."""
    html = client.get("/").text
    links = re.findall(r'(?:href|src)="(/static/[^"?]+\?v=[0-9a-f]+)"', html)
    assert {link.split("?")[0] for link in links} >= {"/static/css/atlas.css", "/static/js/app.js"}
    for link in links:
        response = client.get(link)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable", link
    assert client.get("/static/css/atlas.css").headers["cache-control"] == "no-cache"
    assert client.get("/static/css/atlas.css?v=0000").headers["cache-control"] == "no-cache"
    assert client.get("/static/nothing.css").status_code == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_only_get_and_head_are_allowed(client: TestClient, method: str) -> None:
    for url in ("/", "/incentives", "/api/incentives"):
        response = client.request(method, url)
        assert response.status_code == 405, (method, url)
        assert response.headers["allow"] == "GET, HEAD"
        assert response.headers["x-content-type-options"] == "nosniff"


def test_head_is_get_without_a_body(client: TestClient) -> None:
    get = client.get("/incentives")
    head = client.head("/incentives")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert client.head("/places/atlantis").status_code == 404


PUBLIC = "https://atlas.example.org"


def _app(database_url: str, **settings: object) -> FastAPI:
    return create_app(database_url, Settings(database_url=database_url, max_article_bytes=1 << 20, **settings))


def test_canonical_and_open_graph_links_use_the_public_address(database_url: str, seeded: Seeded) -> None:
    """issue 15: `Host: evil.example` gave http://evil.example/incentives, fed to previews and caches."""
    with TestClient(_app(database_url, public_url=PUBLIC), base_url="http://evil.example") as client:
        html = client.get("/incentives?category=housing_subsidy").text
    assert f'<link rel="canonical" href="{PUBLIC}/incentives?category=housing_subsidy">' in html
    assert f'<meta property="og:url" content="{PUBLIC}/incentives?category=housing_subsidy">' in html
    assert "evil.example" not in html


def test_only_the_configured_hosts_are_answered(database_url: str, seeded: Seeded) -> None:
    app = _app(database_url, allowed_hosts=("atlas.example.org", "localhost"))
    with TestClient(app, base_url="http://evil.example") as client:
        assert client.get("/").status_code == 400
        assert client.get("/healthz").status_code == 400
    with TestClient(app, base_url="http://atlas.example.org") as client:
        assert client.get("/").status_code == 200
        assert client.get("/incentives").status_code == 200

"""Read-only and hardened everywhere: every route refuses writes, every response carries the headers.

The route table is read from the app itself, so a route added later is covered without editing this
file; its path parameters are filled with rows that exist, so the refusal is not a 404 in disguise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from app.web.factory import create_app
from app.web.security import CONTENT_SECURITY_POLICY
from tests.web.factories import Seeded

REPO = Path(__file__).resolve().parents[2]
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO")


def _flatten(routes: Iterable, prefix: str = "") -> Iterator[tuple[str, frozenset[str] | None]]:
    """(path, methods) of every route, looking inside included routers (FastAPI >= 0.16x wraps them)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context_prefix = getattr(getattr(route, "include_context", None), "prefix", "")
            yield from _flatten(included.routes, prefix + context_prefix)
        else:
            methods = getattr(route, "methods", None)
            yield prefix + route.path, frozenset(methods) if methods is not None else None


def route_table(app: FastAPI) -> list[tuple[str, frozenset[str] | None]]:
    return list(_flatten(app.routes))


def concrete(path: str, seeded: Seeded) -> str:
    """A path of the table with its parameters set to existing rows (a Mount gets a real file)."""
    values = {
        "slug": "kelamayi",
        "incentive_id": str(seeded.incentives["akesu"][0]),
        "article_id": str(seeded.articles["kelamayi"]),
    }
    filled = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)
    return "/static/css/atlas.css" if filled == "/static" else filled


@pytest.fixture
def urls(client: TestClient, seeded: Seeded) -> list[str]:
    table = route_table(client.app)
    assert len(table) >= 15 and ("/static", None) in table, table  # the walk found the routers
    return [concrete(path, seeded) for path, _ in table]


def assert_security_headers(response: Response, what: str) -> None:
    csp = response.headers.get("content-security-policy", "")
    assert csp == CONTENT_SECURITY_POLICY, what
    assert response.headers.get("x-content-type-options") == "nosniff", what
    assert response.headers.get("referrer-policy") == "strict-origin-when-cross-origin", what
    assert response.headers.get("x-frame-options") == "DENY", what


def test_route_table_declares_reads_only() -> None:
    """No route is even declared with a method that could change data."""
    for path, methods in route_table(create_app("sqlite://")):
        assert methods is None or methods <= {"GET", "HEAD"}, (path, methods)


def test_every_route_answers_writes_with_405(client: TestClient, urls: list[str]) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url  # the URL is real, so 405 below is about the method
        for method in WRITE_METHODS:
            response = client.request(
                method, url, content=b'{"x": 1}', headers={"content-type": "application/json"}
            )
            assert response.status_code == 405, (method, url, response.status_code)
            assert response.headers["allow"] == "GET, HEAD", (method, url)
            assert_security_headers(response, f"{method} {url}")
        head = client.head(url)
        assert head.status_code == 200 and head.content == b"", url


def test_every_route_and_error_carries_the_security_headers(client: TestClient, urls: list[str]) -> None:
    responses = {url: client.get(url) for url in urls}
    responses |= {
        "html 404": client.get("/places/atlantis"),
        "html 404 unrouted": client.get("/no/such/page"),
        "html 422": client.get("/incentives?page=0"),
        "html 422 bad id": client.get("/articles/abc"),
        "json 404": client.get("/api/incentives/999999"),
        "json 422": client.get("/api/incentives?size=201"),
        "static 404": client.get("/static/nope.js"),
        "HX fragment": client.get("/incentives", headers={"HX-Request": "true"}),
    }
    for what, response in responses.items():
        assert_security_headers(response, what)
    assert responses["html 404"].status_code == 404 and responses["html 422"].status_code == 422
    assert responses["json 422"].status_code == 422
    etag = responses["/incentives"].headers.get("etag")
    if etag:  # the response cache answers 304s itself: they must carry the headers too
        not_modified = client.get("/incentives", headers={"If-None-Match": etag})
        assert not_modified.status_code == 304
        assert_security_headers(not_modified, "304")


def test_csp_forbids_inline_script_and_framing() -> None:
    directives = {d.split()[0]: d.split()[1:] for d in CONTENT_SECURITY_POLICY.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY


INLINE_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(?:on[a-z]+|hx-on[:\w-]*)\s*=", re.S)


def _assert_no_inline_script(html: str, what: str) -> None:
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S | re.I):
        # a template names its scripts through static_url(), which only ever gives a /static/ address
        same_site = r'\ssrc="(?:/static/|\{\{ static_url\()'
        assert re.search(same_site, attributes), f"script without a /static/ src in {what}"
        assert body.strip() == "", f"inline script body in {what}"
    assert not INLINE_HANDLER.search(html), f"inline event handler in {what}"
    assert not re.search(r"javascript:", html, re.I), f"javascript: URL in {what}"


def test_rendered_pages_have_no_inline_script(client: TestClient, urls: list[str]) -> None:
    pages = 0
    for url in urls:
        response = client.get(url)
        if response.headers["content-type"].startswith("text/html"):
            pages += 1
            _assert_no_inline_script(response.text, url)
            if "<head>" in response.text:  # HTMX must not run scripts or eval what it swaps in
                assert (
                    '"allowEval": false' in response.text and '"allowScriptTags": false' in response.text
                ), url
    assert pages >= 8


def test_templates_and_static_js_have_no_inline_script() -> None:
    templates = sorted((REPO / "templates").glob("*.html"))
    assert templates
    for path in templates:
        _assert_no_inline_script(path.read_text("utf-8"), str(path))
    for path in sorted((REPO / "static" / "js").glob("*.js")):
        source = path.read_text("utf-8")
        # The site's own script builds no markup from strings and evaluates nothing.
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert sink not in source, f"{sink} in {path}"

"""Caches keyed on the data version: never stale after an ingest, validators for browsers, and headers.

The response cache (app.web.response_cache) and the query caches (app.query.cache) both key on the
`meta.data_version` row the ingest rewrites on every commit; these tests prove that an ingest through
the real pipeline is seen at once, that a browser's revalidation is a 304 carrying every header a
full response carries, and that what the key leaves out can never leak between readers.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.ingest.pipeline import ingest_paths
from app.web.factory import create_app
from app.web.response_cache import Entry, ResponseCache, ResponseStore
from tests.web.conftest import HX

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
AKESU = "001_be59150bd1526eb2.txt"  # the seed article about 阿克苏地区


def find_store(app) -> ResponseStore:
    """The response cache's store inside the app's built middleware stack (built at the first request)."""
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer.store


def ingested_seeds(tmp_path: Path, engine: Engine) -> Path:
    """A copy of the seed articles, ingested through the real pipeline; tests edit and re-ingest it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    assert ingest_paths([corpus], engine).count("failed") == 0
    return corpus


def total(html: str) -> int:
    return int(re.search(r'data-testid="total">(\d+)<', html).group(1))


def test_a_cached_page_is_never_stale_after_an_ingest(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    corpus = ingested_seeds(tmp_path, engine)
    with TestClient(create_app(database_url)) as client:
        page, api = "/incentives?place=akesu", "/api/incentives?place=akesu"
        before = total(client.get(page).text)
        everywhere = total(client.get("/incentives").text)
        assert before > 0
        assert total(client.get(page).text) == before  # served again, from the cache
        assert client.get(api).json()["total"] == before
        etag = client.get(page).headers["etag"]

        # The article loses every paragraph after its header: same file name, so it is replaced.
        article = corpus / AKESU
        article.write_text("\n".join(article.read_text(encoding="utf-8").splitlines()[:4]), encoding="utf-8")
        assert ingest_paths([article], engine).count("failed") == 0

        response = client.get(page, headers={"If-None-Match": etag})
        assert response.status_code == 200 and response.headers["etag"] != etag
        after = total(response.text)
        assert after < before
        assert client.get(api).json()["total"] == after
        explorer = client.get("/incentives").text  # the count and facets come from the query caches
        assert total(explorer) == everywhere - (before - after)
        facets = re.search(r'<ul class="facet-list"[^>]*>(.*?)</ul>', explorer, re.S).group(1)
        assert sum(int(n) for n in re.findall(r'<span class="count">(\d+)</span>', facets)) == total(explorer)


def test_if_none_match_is_a_304_with_every_header(client: TestClient) -> None:
    first = client.get("/incentives?category=award")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    response = client.get("/incentives?category=award", headers={"If-None-Match": f'W/"x", {etag}'})
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == etag
    assert "HX-Request" in response.headers["vary"] and "Cookie" in response.headers["vary"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/incentives?category=award", headers={"If-None-Match": '"other"'}).status_code == 200


def test_if_none_match_star_is_a_304_only_where_there_is_a_page(client: TestClient) -> None:
    """RFC 9110: * matches a current representation; a 404 or a 422 has none (issue 15)."""
    star = {"If-None-Match": "*"}
    assert client.get("/incentives?category=award", headers=star).status_code == 304
    missing = client.get("/places/no-such-place", headers=star)
    assert missing.status_code == 404 and missing.content
    invalid = client.get("/incentives?amount_min=lots", headers=star)
    assert 400 <= invalid.status_code < 500 and invalid.status_code != 304 and invalid.content


def test_a_validator_from_another_process_is_a_304_without_the_body(client: TestClient) -> None:
    """Several app processes share no store: a browser's ETag from one is checked by rendering."""
    etag = client.get("/places/akesu").headers["etag"]
    store = find_store(client.app)
    store.see_version("")  # as a fresh process: nothing stored yet
    response = client.get("/places/akesu", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == etag
    assert client.get("/places/akesu").status_code == 200


def test_cache_hits_carry_security_headers_and_preference_cookies(client: TestClient) -> None:
    first = client.get("/places/akesu")
    hit = client.get("/places/akesu")
    assert hit.content == first.content and hit.headers["etag"] == first.headers["etag"]
    assert hit.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in hit.headers["content-security-policy"]
    client.get("/places/akesu?lang=en")
    client.cookies.clear()
    again = client.get("/places/akesu?lang=en")
    assert "lang=en" in again.headers["set-cookie"]  # the cookie is set on a cache hit too


def test_the_key_holds_what_the_page_depends_on(client: TestClient) -> None:
    """Language by cookie, HTMX fragments and spellings of one query: each served right from the cache."""
    zh = client.get("/incentives?category=award").text
    client.cookies.set("lang", "en")
    en = client.get("/incentives?category=award").text
    client.cookies.clear()
    assert 'lang="zh-Hans"' in zh and 'lang="en"' in en
    fragment = client.get("/incentives?category=award", headers=HX).text
    assert "<html" not in fragment
    assert "<html" in client.get("/incentives?category=award").text
    spelled = client.get("/incentives?category=%61ward")
    assert spelled.headers["etag"] == client.get("/incentives?category=award").headers["etag"]


def test_only_complete_successful_data_pages_are_cached(client: TestClient) -> None:
    assert "etag" not in client.get("/places/atlantis").headers  # 404
    assert "etag" not in client.get("/incentives?category=bogus").headers  # 422
    assert "etag" not in client.get("/healthz").headers
    assert "etag" in client.get("/incentives.csv?place=akesu").headers


def test_the_store_is_bounded_by_bytes() -> None:
    store = ResponseStore(max_bytes=8_000)
    store.see_version("k")
    for n in range(10):
        store.put(("k", n), Entry([(b"content-type", b"text/html")], b"x" * 900))
    assert store.used <= 8_000
    assert store.get(("k", 0)) is None and store.get(("k", 9)) is not None
    store.put(("k", "big"), Entry([], b"x" * 2_000))  # more than 1/8 of the store: not kept
    assert store.get(("k", "big")) is None


def test_the_store_keeps_only_the_newest_version() -> None:
    """An ingest makes a new version per article; the dead versions' bytes must not wait for the LRU."""
    store = ResponseStore(max_bytes=1_000_000)
    store.see_version("v1")
    store.put(("v1", "/incentives"), Entry([], b"x" * 500))
    assert store.get(("v1", "/incentives")) is not None
    store.see_version("v2")
    assert store.used == 0 and store.get(("v1", "/incentives")) is None
    store.put(("v1", "/places"), Entry([], b"x" * 500))  # rendered by a request that began before v2
    assert store.get(("v1", "/places")) is None and store.used == 0
    store.put(("v2", "/places"), Entry([], b"x" * 500))
    assert store.get(("v2", "/places")) is not None and store.used == 500


def test_the_cache_holds_one_version_through_an_ingest(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    """Through the app: after an ingest, the first request empties what the old version cached."""
    corpus = ingested_seeds(tmp_path, engine)
    app = create_app(database_url)
    with TestClient(app) as client:
        for path in ("/incentives", "/places", "/places/akesu"):
            assert client.get(path).status_code == 200
        store = find_store(app)
        filled = store.used
        assert filled > 0
        article = corpus / AKESU
        article.write_text(article.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert ingest_paths([article], engine).count("failed") == 0
        assert client.get("/places/akesu").status_code == 200
        assert 0 < store.used < filled  # only the page asked for since the ingest


def test_place_suggestions(client: TestClient) -> None:
    options = re.findall(
        r'<option value="([a-z0-9_-]+)">([^<]+)</option>', client.get("/places/suggest?q=克拉").text
    )
    assert options == [("kelamayi", "克拉玛依市")]
    assert client.get("/places/suggest?q=kela").text == client.get("/places/suggest?place=kela").text
    assert "kelamayi" in client.get("/places/suggest?q=克拉瑪依").text  # typed in traditional characters
    assert "克拉瑪依市" in client.get("/places/suggest?q=kela&script=hant").text
    everything = re.findall(r"<option ", client.get("/places/suggest").text)
    assert 0 < len(everything) <= 20
    assert client.get("/places/suggest?q=zzzz").text.strip() == ""


def test_the_place_field_is_a_type_ahead_that_works_without_javascript(client: TestClient) -> None:
    html = client.get("/incentives?place=akesu").text
    field = re.search(r'<input id="f-place"[^>]*>', html, re.S).group(0)
    assert 'name="place"' in field and 'value="akesu"' in field and 'list="place-options"' in field
    assert 'hx-get="/places/suggest"' in field
    assert '<datalist id="place-options">' in html and html.count("<option") < 60

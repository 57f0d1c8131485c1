"""After an ingest, the pages this process served most are rendered again in the background, so the
next visitor to one of them gets it from the response cache (issue 14)."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine

from app.config import get_settings
from app.db import get_engine
from app.ingest.pipeline import ingest_paths
from app.web.factory import create_app
from app.web.response_cache import ResponseCache
from app.web.warm_up import MAX_TRACKED, WarmUp
from tests.web.factories import Seeded


def _response_cache(app) -> ResponseCache:
    layer = app.middleware_stack
    while not isinstance(layer, ResponseCache):
        layer = layer.app
    return layer


def test_the_most_asked_pages_come_first_and_the_count_stays_bounded() -> None:
    warm = WarmUp(limit=2)
    for page, times in (("a", 1), ("b", 5), ("c", 3)):
        for _ in range(times):
            warm.seen((page,), {"path": f"/{page}", "state": {"x": 1}})
    assert [s["path"] for s in warm.most_asked()] == ["/b", "/c"]
    assert "state" not in warm.scopes[("b",)]  # a replay gets a fresh request state
    for i in range(MAX_TRACKED + 1):
        warm.seen((f"p{i}",), {"path": f"/p{i}"})
    assert len(warm.hits) <= MAX_TRACKED and ("b",) in warm.hits


def test_a_round_stops_when_the_version_moves_on() -> None:
    replayed: list[str] = []

    async def replay(scope: dict) -> bool:
        replayed.append(scope["path"])
        return len(replayed) < 2  # the version changed after the second page

    async def run() -> None:
        warm = WarmUp(limit=5)
        for page in "abcd":
            warm.seen((page,), {"path": f"/{page}"})
        warm.start(replay)
        await asyncio.gather(*warm._tasks)

    # a thread of its own: the browser tests' Playwright keeps an event loop running in this one
    worker = threading.Thread(target=lambda: asyncio.run(run()))
    worker.start()
    worker.join(timeout=10)
    assert len(replayed) == 2


def test_a_new_version_does_not_cancel_a_page_being_replayed() -> None:
    """A replay cancelled mid-request left its route thread reading from a closed session; the older
    round finishes the page it is on and stops there (its next replay sees the newer version)."""
    finished: list[str] = []

    async def run() -> None:
        release = asyncio.Event()
        version = {"n": 1}

        def replay_as_of(started: int):
            async def replay(scope: dict) -> bool:
                if version["n"] != started:
                    return False
                if scope["path"] == "/slow":
                    await release.wait()
                finished.append(f"{started}{scope['path']}")
                return True

            return replay

        warm = WarmUp(limit=5)
        for page in ("slow", "next"):
            warm.seen((page,), {"path": f"/{page}"})
        warm.seen(("slow",), {"path": "/slow"})  # asked for most: replayed first
        warm.start(replay_as_of(1))
        await asyncio.sleep(0.01)  # round 1 is inside /slow
        version["n"] = 2
        warm.start(replay_as_of(2))  # round 2 waits on /slow too, behind the same event
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(*warm._tasks)

    worker = threading.Thread(target=lambda: asyncio.run(run()))
    worker.start()
    worker.join(timeout=10)
    # round 1 finished its page and stopped at the next; round 2 did both
    assert finished == ["1/slow", "2/slow", "2/next"]


def test_after_an_ingest_the_visited_pages_are_ready_before_anyone_asks(
    database_url: str, engine: Engine, seeded: Seeded, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("ATLAS_WARM_UP", "5")
    app = create_app(database_url, get_settings())
    with TestClient(app) as client:
        pages = ["/map?measure=offers", "/incentives?category=housing_subsidy", "/places/kelamayi"]
        for url in pages:
            assert client.get(url).status_code == 200
        cache = _response_cache(app)
        before = cache.store.version
        article = tmp_path / "new.txt"
        article.write_text("绍兴出台人才新政\n2026-11-30 来源:绍兴日报\n对新引进的博士研究生，给予45万元购房补贴。\n", "utf-8")
        ingest_paths([article], engine)
        client.get("/healthz")  # not cached, not counted: the next cacheable request sees the new version
        client.get("/api")  # a page that is cached: its request notices the version and starts the round
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ready = [url for url in pages if cache.store.get(_key(cache, client, url)) is not None]
            if len(ready) == len(pages):
                break
            time.sleep(0.1)
        assert cache.store.version != before
        assert ready == pages, f"warmed {ready} of {pages}"
        assert "绍兴市" in client.get("/map?measure=offers").text  # the warm copy holds the new article
    get_engine(database_url).dispose()


def _key(cache: ResponseCache, client: TestClient, url: str) -> tuple:
    """The store key a browser's GET of `url` gets (as the TestClient sends it)."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http", "path": path, "root_path": "", "query_string": query.encode(), "scheme": "http",
        "headers": [(b"host", b"testserver")],
    }
    return cache.key(scope, cache.store.version)


def test_a_replayed_download_ends_and_is_stored(database_url: str, seeded: Seeded, monkeypatch) -> None:
    """A streamed response (the CSV) listens for the client leaving while it sends. The replay's
    receive() once answered "request" forever, which never yields: the warm-up spun on the event
    loop and the server answered nothing else (the soak's stalled windows, issue 14)."""
    monkeypatch.setenv("ATLAS_WARM_UP", "5")
    app = create_app(database_url, get_settings())
    with TestClient(app) as client:
        url = "/incentives.csv?category=housing_subsidy"
        assert client.get(url).status_code == 200
        cache = _response_cache(app)
        [scope] = [s for s in cache.warm.scopes.values() if s["path"] == "/incentives.csv"]
        version = cache.store.version
        assert version is not None
        cache.store.see_version("")  # drop what is stored, keep the version: the replay must render
        cache.store.see_version(version)
        assert cache.store.get(_key(cache, client, url)) is None
        outcome: list[bool] = []
        # a loop of its own in a thread: a replay that spins would block any loop it ran on
        worker = threading.Thread(target=lambda: outcome.append(asyncio.run(cache._replay(scope))), daemon=True)
        worker.start()
        worker.join(timeout=20)
        assert not worker.is_alive(), "the replay of a streamed page never ended"
        assert outcome == [True]
        entry = cache.store.get(_key(cache, client, url))
        assert entry is not None and entry.body == client.get(url).content
    get_engine(database_url).dispose()

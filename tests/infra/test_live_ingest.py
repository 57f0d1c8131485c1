"""Ingest while a real server (two worker processes) answers requests, on the backend under test.

What must hold: no request fails, no response ever shows an article with only part of its
incentives (each article is one transaction), and the server shows the new data without a restart
(caches are keyed on the data version in the database, not on anything a process remembers).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import func, select
from sqlmodel import Session

from app.db import make_engine
from app.ingest.pipeline import ingest_paths
from app.models import Article, Incentive

from .live_server import live_server

REPO = Path(__file__).resolve().parents[2]
ARTICLES = sorted((REPO / "seeds").glob("*.txt")) + sorted((REPO / "tests/corpus/dev/articles").glob("*.txt"))
ALL_INCENTIVES = "/api/incentives?size=200&sort=date"  # one SELECT: one consistent snapshot
PAGES = ("/", "/incentives", "/incentives?q=人才", "/places", "/readyz")
MAX_SECONDS = 120


class Readers:
    """Threads that request pages in a loop, recording failures and what /api/incentives showed."""

    def __init__(self, base_url: str, threads: int = 2) -> None:
        self.base_url = base_url
        self.errors: list[str] = []
        # (articles known to exist before the request, article id -> incentives in its response)
        self.snapshots: list[tuple[frozenset[int], Counter[int]]] = []
        self.known: set[int] = set()  # article ids seen anywhere so far; an article never disappears
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def __enter__(self) -> Readers:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def wait_for_snapshots(self, more: int = 3, timeout: float = 20.0) -> None:
        """Block until `more` further /api/incentives responses arrived, so reads fall between commits.

        Two threads have at most two requests in flight when a commit ends: the third began after it.
        """
        target = len(self.snapshots) + more
        deadline = time.monotonic() + timeout
        while len(self.snapshots) < target and time.monotonic() < deadline and self._running():
            time.sleep(0.005)

    def _running(self) -> bool:
        return not self._stop.is_set() and any(thread.is_alive() for thread in self._threads)

    def _get(self, client: httpx.Client, path: str) -> httpx.Response | None:
        try:
            response = client.get(path)
        except httpx.HTTPError as exc:
            self.errors.append(f"{path}: {type(exc).__name__}: {exc}")
            return None
        if response.status_code != 200:
            self.errors.append(f"{path}: HTTP {response.status_code}: {response.text[:200]}")
            return None
        return response

    def _run(self) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            while not self._stop.is_set() and time.monotonic() - started < MAX_SECONDS:
                with self._lock:
                    known_before = frozenset(self.known)
                response = self._get(client, ALL_INCENTIVES)
                if response is not None:
                    seen = Counter(item["article"]["id"] for item in response.json()["items"])
                    with self._lock:
                        self.snapshots.append((known_before, seen))
                        self.known.update(seen)
                    for article_id in list(seen)[:2]:
                        self._get(client, f"/articles/{article_id}")
                places = self._get(client, "/api/places")
                for place in places.json() if places is not None else []:
                    detail = self._get(client, f"/api/places/{place['slug']}")
                    if detail is not None:
                        with self._lock:
                            self.known.update(a["id"] for a in detail.json()["articles"])
                for path in PAGES:
                    self._get(client, path)


def _stored_counts(engine) -> Counter[int]:
    with Session(engine) as session:
        rows = session.execute(select(Incentive.article_id, func.count()).group_by(Incentive.article_id)).all()
    return Counter(dict(rows))


def test_ingest_while_serving(database_url: str, tmp_path: Path) -> None:
    assert len(ARTICLES) >= 5, "the seed articles are missing"
    engine = make_engine(database_url)
    try:
        with live_server(database_url, workers=2, log_path=tmp_path / "server.log") as (base_url, _pid):
            with Readers(base_url) as readers:
                for path in ARTICLES:  # one article at a time, the readers running between commits
                    report = ingest_paths([path], engine)
                    assert report.count("failed") == 0, report.results[0].error
                    readers.wait_for_snapshots()
                for _ in range(2):  # same bytes, forced: every article's rows deleted and re-inserted
                    report = ingest_paths(ARTICLES, engine, force=True)
                    assert report.count("replaced") == len(ARTICLES)
                    readers.wait_for_snapshots()
            final = _stored_counts(engine)
            with Session(engine) as session:
                articles = session.execute(select(func.count()).select_from(Article)).scalar_one()
            # No restart: fresh connections (either worker) see everything that was committed.
            for _ in range(6):
                page = httpx.get(f"{base_url}{ALL_INCENTIVES}", timeout=30).json()
                assert Counter(item["article"]["id"] for item in page["items"]) == final
    finally:
        engine.dispose()

    assert sum(final.values()) <= 200, "the check reads all incentives in one page of 200"
    assert articles == len(ARTICLES)
    assert readers.errors == []
    # An article seen once must, in every later response, show all of its incentives: never none of
    # them (written before its incentives, or between a replacement's delete and insert), never some.
    partial = [
        (article_id, seen.get(article_id, 0), final[article_id])
        for known_before, seen in readers.snapshots
        for article_id in known_before | set(seen)
        if seen.get(article_id, 0) != final[article_id]
    ]
    assert partial == [], "an article was visible with only some of its incentives (id, seen, stored)"
    # The readers really overlapped the ingest: they saw the database part-way through.
    assert any(0 < len(seen) < len(final) for _, seen in readers.snapshots), "no request fell between articles"
    assert len(readers.snapshots) >= len(ARTICLES)

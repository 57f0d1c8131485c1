"""Bad days for the server: every pooled connection busy must slow a request down, never stop the server.

bench/soak.py found this: at 16 connections on the 10,000-article database the response cache read the
data version on the event loop from the requests' own pool; with the pool empty the event loop waited for
a connection that only the event loop could give back (a request returns its connection after its
response is sent), so the server stood still for the pool's 30 s timeout and then answered 500s.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.calculator.profile import Profile
from app.db import get_engine
from app.query.cache import read_data_version
from app.web.response_cache import ResponseCache
from tests.security.event_loop import run_async
from tests.web.factories import Seeded


def test_version_read_never_waits_for_the_requests_pool(database_url: str, engine: Engine) -> None:
    """Once serving (the first request has read the version), an empty pool must not stop the reads."""
    with engine.connect() as connection:
        expected = read_data_version(connection)
    cache = ResponseCache(app=None, database_url=database_url)
    assert run_async(cache.data_version) == expected  # the first request
    shared = get_engine(database_url)  # the pool every request's session draws from
    held = [shared.connect() for _ in range(shared.pool.size() + shared.pool._max_overflow)]  # type: ignore[attr-defined]
    try:
        started = time.monotonic()
        assert run_async(cache.data_version) == expected
        assert time.monotonic() - started < 5, "the version read waited for the requests' pool"
    finally:
        for connection in held:
            connection.close()
        shared.dispose()


def test_calculations_run_at_most_max_concurrent_at_once(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sixteen nationwide calculations at once took the soak's server past 3.5 GB; now they queue."""
    from app.calculator import service

    running = 0
    peak = 0
    lock = threading.Lock()

    def slow_rank(session: Session, profile: Profile, province_code: str | None) -> tuple:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.2)
        with lock:
            running -= 1
        return (), True  # no places, and a ranking of the current data

    monkeypatch.setattr(service, "rank_places", slow_rank)

    answered: list[int] = []

    def one(years: int) -> None:  # each a new profile, so none is answered from the cache
        with Session(engine) as session:
            service.ranking(session, Profile(degree="doctorate", years=years))
        answered.append(years)  # only when the ranking returned: a thread that raised adds nothing

    threads = [threading.Thread(target=one, args=(years,)) for years in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert peak == service.MAX_CONCURRENT <= 2
    assert sorted(answered) == list(range(1, 9))


def test_query_cache_keeps_one_data_version(engine: Engine, seeded: Seeded) -> None:
    """An ingest commits a new version per article; stale per-version copies must not pile up."""
    from app.query import cache
    from app.query.places import places_with_incentives

    database = str(engine.url)
    with Session(engine) as session:
        for i in range(50):  # fifty commits of an ingest, a request after each
            session.info[cache.SESSION_VERSION_KEY] = f"soak-{i}"
            places_with_incentives(session)
    versions = {key[1] for key in list(cache._cache._entries) if key[0] == database}
    assert versions == {"soak-49"}

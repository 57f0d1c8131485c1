"""The data version every cache keys on moves about once a second during an ingest run and once at
its end, not once per article (issue 14): a 500-article ingest no longer empties the caches 500
times, and the last articles are never left behind an old version."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest import pipeline, store
from app.ingest.pipeline import VersionClock, ingest_paths
from app.query.cache import read_data_version
from tests.ingest.helpers import make_corpus


def test_the_clock_moves_the_version_once_per_interval_and_settles_the_rest() -> None:
    now = [0.0]
    clock = VersionClock(interval=1.0, now=lambda: now[0])
    bumps = []
    for moment in (0.0, 0.4, 0.9, 1.2):  # four articles committed at these times
        now[0] = moment
        bump = clock.due()
        clock.committed(bump)
        bumps.append(bump)
    assert bumps == [True, False, False, True]
    assert not clock.pending
    now[0] = 1.5
    assert clock.due() is False  # 1.5 - 1.2 < 1
    clock.committed(False)
    assert clock.pending  # so the run's end moves it once more


def test_a_failed_article_does_not_lose_the_bump_the_others_need() -> None:
    clock = VersionClock(interval=1.0, now=lambda: 0.0)
    clock.committed(clock.due())  # the first article moves it
    clock.committed(clock.due())  # the second does not, and is pending
    assert clock.due() is False and clock.pending  # a third that fails records nothing: still pending


@pytest.mark.parametrize(("interval", "expected"), [(3600.0, 2), (0.0, 6)])
def test_an_ingest_run_moves_the_version_per_interval_not_per_article(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interval: float, expected: int
) -> None:
    make_corpus(tmp_path / "in", good=6)
    calls = []
    original = store.bump_data_version

    def counting(session: Session) -> None:
        calls.append(1)
        original(session)

    monkeypatch.setattr(pipeline, "VERSION_INTERVAL", interval)
    monkeypatch.setattr(store, "bump_data_version", counting)
    monkeypatch.setattr(pipeline, "bump_data_version", counting)
    with Session(engine) as session:
        before = read_data_version(session)
    report = ingest_paths([tmp_path / "in"], engine)
    assert report.count("added") == 6
    # the first article, then the run's end for the other five; or every article when the interval is 0
    assert len(calls) == expected
    with Session(engine) as session:
        assert read_data_version(session) != before
    calls.clear()
    ingest_paths([tmp_path / "in"], engine)  # nothing changed: the version stays
    assert calls == []

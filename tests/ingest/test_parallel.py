"""Ingest with worker processes stores exactly what a serial ingest stores, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.db import make_engine
from app.export.command import write_table
from app.ingest import pipeline
from app.ingest.places import prepare_database
from tests.conftest import SEEDS


def _export(engine: Engine) -> list[dict]:
    import io

    buf = io.StringIO()
    with Session(engine) as session:
        write_table(session, "incentives", "json", buf)
    return [
        {k: v for k, v in row.items() if k not in ("id", "article_id")} for row in json.loads(buf.getvalue())
    ]


def test_parallel_ingest_matches_serial(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)  # use the pool even for the five seeds
    serial_engine = make_engine(f"sqlite:///{tmp_path / 'serial.db'}")
    prepare_database(serial_engine)

    serial = pipeline.ingest_paths([SEEDS], serial_engine, jobs=1)
    parallel = pipeline.ingest_paths([SEEDS], engine, jobs=2)

    assert [r.file_name for r in parallel.results] == [r.file_name for r in serial.results]
    assert [r.status for r in parallel.results] == ["added"] * 5
    assert _export(engine) == _export(serial_engine)
    again = pipeline.ingest_paths([SEEDS], engine, jobs=2)
    assert [r.status for r in again.results] == ["unchanged"] * 5
    assert [r.incentives for r in again.results] == [r.incentives for r in parallel.results]

"""Where an article's ingest time goes: `python -m bench.ingest_phases DIR [--limit N] [--db URL]`.

Why: the ingest rate target (100 articles/s on two cores) is missed by a wide margin, and a profiler's
own overhead inflates Python-heavy phases (the ORM) relative to C ones (SQLite, regexes). Plain
perf_counter timing around the pipeline's own stage functions gives honest per-phase milliseconds:
read, process (normalise, find the place, extract) and store (ORM objects, flush, FTS triggers,
commit), and the SQLite time inside the store phase.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event
from sqlmodel import Session

from app.config import get_settings
from app.db import make_engine
from app.ingest import process as process_mod
from app.ingest.pipeline import discover
from app.ingest.places import prepare_database
from app.ingest.read import read_bytes
from app.ingest.store import PlaceLookup, store_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest_phases")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file in a temp folder)")
    args = parser.parse_args(argv)
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'phases.db'}"
    engine = make_engine(url)
    prepare_database(engine)
    sql_time = [0.0]

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn, cursor, statement, parameters, context, executemany) -> None:
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn, cursor, statement, parameters, context, executemany) -> None:
        sql_time[0] += time.perf_counter() - conn.info.pop("t0", time.perf_counter())

    with Session(engine) as session:
        places = PlaceLookup(session)
    files = [source.path for source in discover([args.corpus])[: args.limit]]
    max_bytes = get_settings().max_article_bytes
    phases: dict[str, list[float]] = {k: [] for k in ("read", "process", "store", "store_sql")}
    process_mod.process_article(files[0].name, read_bytes(files[0], max_bytes))  # warm the one-off indexes
    for path in files:
        t0 = time.perf_counter()
        raw = read_bytes(path, max_bytes)
        t1 = time.perf_counter()
        item = process_mod.process_article(path.name, raw)
        t2 = time.perf_counter()
        before = sql_time[0]
        with Session(engine) as session:
            store_article(session, item, places, force=True)
        t3 = time.perf_counter()
        phases["read"].append(t1 - t0)
        phases["process"].append(t2 - t1)
        phases["store"].append(t3 - t2)
        phases["store_sql"].append(sql_time[0] - before)
    # The process phase's own stages, timed apart on the same files (the order process_article uses).
    from app.extract.article import extract
    from app.ingest.metadata import read_metadata
    from app.ingest.normalise import normalise
    from app.ingest.read import decode
    from app.places.recognise import find_place

    stages: dict[str, list[float]] = {
        k: [] for k in ("decode", "normalise", "metadata", "find_place", "extract")
    }
    for path in files:
        raw = read_bytes(path, max_bytes)
        t0 = time.perf_counter()
        decoded = decode(raw)
        t1 = time.perf_counter()
        normalised = normalise(decoded.text)
        t2 = time.perf_counter()
        meta = read_metadata(normalised.text)
        t3 = time.perf_counter()
        find_place(normalised.text, meta.title)
        t4 = time.perf_counter()
        extract(normalised.text)
        t5 = time.perf_counter()
        for name, value in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            stages[name].append(value)
    total = sum(sum(v) for k, v in phases.items() if k != "store_sql")
    print(
        f"{len(files)} articles, {1000 * total / len(files):.1f} ms each ({len(files) / total:.1f} articles/s)"
    )
    for name, values in phases.items():
        print(
            f"  {name:10} mean {1000 * statistics.mean(values):6.2f} ms   "
            f"median {1000 * statistics.median(values):6.2f} ms   share {100 * sum(values) / total:5.1f}%"
        )
    for name, values in stages.items():
        print(f"    process/{name:10} mean {1000 * statistics.mean(values):6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

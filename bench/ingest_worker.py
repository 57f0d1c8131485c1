"""One measured ingest, in its own process: `python -m bench.ingest_worker DIR DATABASE_URL OUT.json`.

Why a process of its own: peak RSS must be the ingest's alone (not the harness's, nor a previous
run's), and the timing must go through the product's own path (`prepare_database`, then
`app.ingest.pipeline.ingest_paths`, then the planner statistics, exactly what `python -m app ingest`
calls). A timestamp per file
lets the harness see whether the time per article grows as the database fills, not only the average.
"""

from __future__ import annotations

import inspect
import json
import os
import resource
import sys
import time
from pathlib import Path

from app.db import make_engine, refresh_statistics
from app.ingest.pipeline import FileResult, find_sources, ingest_paths
from app.ingest.places import prepare_database

WORKERS = os.cpu_count() or 1


def main(argv: list[str]) -> int:
    corpus, url, out = Path(argv[0]), argv[1], Path(argv[2])
    walked = find_sources([corpus])
    files = [source.path for source in walked[0]]
    engine = make_engine(url)
    started = time.perf_counter()
    prepare_database(engine)
    upgraded = time.perf_counter()
    stamps: list[float] = []
    statuses: dict[str, int] = {}

    def on_result(result: FileResult) -> None:
        stamps.append(time.perf_counter())
        statuses[result.status] = statuses.get(result.status, 0) + 1

    # As the CLI calls it: with its default worker processes when the pipeline has them.
    kwargs = {}
    if "jobs" in inspect.signature(ingest_paths).parameters:
        from app.ingest.pipeline import default_jobs

        kwargs["jobs"] = default_jobs()
    kwargs["walked"] = walked  # the folder is walked once, for the byte count and the ingest
    report = ingest_paths([corpus], engine, on_result=on_result, **kwargs)
    refresh_statistics(engine)  # the served database is the one the CLI would leave behind
    finished = time.perf_counter()
    engine.dispose()
    # Seconds per article over each tenth of the run: growth with database size shows as a trend.
    tenths = []
    n = len(stamps)
    for k in range(10):
        lo, hi = k * n // 10, (k + 1) * n // 10
        if hi > lo:
            begin = stamps[lo - 1] if lo else upgraded
            tenths.append((stamps[hi - 1] - begin) / (hi - lo))
    result = {
        "files": n,
        "bytes": sum(p.stat().st_size for p in files),
        "upgrade_seconds": upgraded - started,
        "ingest_seconds": finished - upgraded,
        "report_seconds": report.seconds,
        "seconds_per_article_by_tenth": tenths,
        "statuses": statuses,
        # The pipeline may process in worker processes: their peak counts too. RUSAGE_CHILDREN gives the
        # largest child's peak; self + workers x that is the upper bound reported.
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + WORKERS * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "peak_rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "peak_rss_largest_child_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "failures": [r.line() for r in report.results if r.status == "failed"][:20],
    }
    out.write_text(json.dumps(result), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

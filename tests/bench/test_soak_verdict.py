"""The soak's pass rule (bench/soak.py): what counts as flat memory, and where an error's cause is read.

The soak itself runs by hand for minutes; its verdict is plain arithmetic over its figures, so the
rule is tested here on figures shaped like real runs: a sawtooth that a single sample misreads, and
a steady climb that no choice of sample hides.
"""

from __future__ import annotations

from pathlib import Path

from bench.soak import SoakFigures, ingest_split, render, server_problems, verdict


def figures(rss: list[tuple[float, float]], errors: int = 0) -> SoakFigures:
    window = {"start_s": 0, "seconds": 30.0, "requests": 3000, "rps": 100.0, "p50_ms": 5, "p99_ms": 50}
    return SoakFigures(
        minutes=5,
        connections=16,
        window_s=30.0,
        paths=200,
        articles_before=10_000,
        articles_after=10_500,
        new_articles=500,
        warmup={**window, "errors": 0},
        windows=[{**window, "errors": errors}] + [{**window, "errors": 0}] * 9,
        batches=[{"returncode": 0}] * 11,
        rss_mb=rss,
    )


def test_a_sawtooth_around_a_level_is_flat_even_when_one_sample_peaks() -> None:
    # Every 5 s over 300 s; the trimmer's cycle swings RSS by 40 MB, and the run ends on a peak.
    rss = [(t, 200.0 + (40.0 if t % 20 == 0 and t else 0.0)) for t in range(0, 301, 5)]
    v = verdict(figures(rss))
    assert rss[-1][1] / rss[0][1] - 1 > 0.15  # one sample against another would call it growth
    assert v["memory_flat"] and v["passed"]
    assert abs(v["rss_growth"]) <= 0.15


def test_a_steady_climb_fails_and_shows_its_slope() -> None:
    rss = [(t, 200.0 + t * 0.3) for t in range(0, 301, 5)]  # +18 MB a minute
    v = verdict(figures(rss))
    assert not v["memory_flat"] and not v["passed"]
    assert 17 < v["rss_slope_second_half_mb_per_min"] < 19


def test_any_error_fails_the_soak() -> None:
    v = verdict(figures([(t, 200.0) for t in range(0, 301, 5)], errors=1))
    assert v["memory_flat"] and v["errors"] == 1 and not v["passed"]


def test_the_server_log_gives_the_cause_of_an_error(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    log.write_text(
        "INFO:     Started server process [1]\n"
        "ERROR:    Exception in ASGI application\n"
        "Traceback (most recent call last):\n"
        '  File "app/query/places.py", line 162, in compute\n'
        "    return tuple(PlaceChoice(*row) for row in rows)\n"
        "SystemError: Objects/tupleobject.c:927: bad argument to internal function\n"
        "INFO:     other lines\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1, in f\n'
        "ValueError: second\n",
        encoding="utf-8",
    )
    problems = server_problems(log)
    assert problems["tracebacks"] == 2
    assert problems["first_traceback_tail"][-1].startswith("SystemError")
    assert server_problems(tmp_path / "missing.log") == {"tracebacks": 0, "first_traceback_tail": []}


def test_requests_that_overlap_an_ingest_batch_are_told_apart() -> None:
    # Two batches, at 10-14 s and 40-45 s; requests as (start s, latency ms).
    batches = [{"started_s": 10.0, "seconds": 4.0}, {"started_s": 40.0, "seconds": 5.0}]
    quiet = [(t * 0.5, 5.0) for t in range(0, 16)]  # 0-7.5 s, answered within 5 ms
    during = [(11.0, 900.0), (12.5, 1200.0), (44.9, 300.0)]
    straddling = [(9.5, 800.0)]  # started before the batch, answered while it ran
    after = [(14.1, 6.0), (45.2, 7.0)]
    split = ingest_split(quiet + during + straddling + after, batches)
    assert split["during_ingest"]["requests"] == 4
    assert split["outside_ingest"]["requests"] == len(quiet) + len(after)
    assert split["during_ingest"]["p99_ms"] == 1200.0
    assert split["outside_ingest"]["p99_ms"] == 7.0
    f = figures([(t, 200.0) for t in range(0, 301, 5)])
    f.batches = [{**b, "returncode": 0} for b in batches]
    f.ingest_split = split
    v = verdict(f)
    assert (v["p99_ms_during_ingest"], v["p99_ms_outside_ingest"]) == (1200.0, 7.0)
    assert (
        "| p99 of the requests that overlapped an ingest batch / of the others | 1,200 ms (4 requests"
        in render(f, v)
    )


def test_a_soak_without_the_split_still_renders() -> None:
    f = figures([(t, 200.0) for t in range(0, 301, 5)])
    f.batches = [{"started_s": 0.0, "seconds": 4.0, "returncode": 0}]
    v = verdict(f)
    assert v["p99_ms_during_ingest"] is None
    assert "| none / none |" in render(f, v)
    assert ingest_split([], [])["during_ingest"] == {"requests": 0, "p50_ms": None, "p99_ms": None}


def test_a_window_in_which_nothing_was_answered_fails_the_soak() -> None:
    # A stalled server makes no errors: wrk's connections only wait, and the window counts 0 requests.
    f = figures([(t, 200.0) for t in range(0, 301, 5)])
    f.windows[3] = {**f.windows[3], "requests": 0, "rps": 0.0, "p50_ms": float("inf"), "p99_ms": float("inf")}
    v = verdict(f)
    assert v["errors"] == 0 and v["memory_flat"] and v["ingest_ok"]
    assert v["stalled_windows"] == 1 and not v["passed"]

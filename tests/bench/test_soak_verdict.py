"""The soak's pass rule (bench/soak.py): what counts as flat memory, and where an error's cause is read.

The soak itself runs by hand for minutes; its verdict is plain arithmetic over its figures, so the
rule is tested here on figures shaped like real runs: a sawtooth that a single sample misreads, and
a steady climb that no choice of sample hides.
"""

from __future__ import annotations

from pathlib import Path

from bench.soak import SoakFigures, server_problems, verdict


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

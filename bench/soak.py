"""Soak: minutes of mixed traffic against the 10,000-article database while an ingest writes to it.

    python -m bench.soak [--minutes 5] [--connections 16] [--db PATH] [--corpus DIR]

Why: a short benchmark shows speed, not the bad day: a slow leak, a reader that fails while the ingest
commits, a cache that grows with every data version. So one server (`python -m app serve --workers 1`
on 127.0.0.1) gets every kind of request (explorer with filters, text queries, place pages, compare,
API, CSV, calculator, article and incentive pages) from wrk at 16 connections, in back-to-back windows
of --window seconds, while fresh corpus articles (another seed) are ingested through the CLI in batches
spread over the run, each batch a new data version. The server's RSS is sampled every few seconds, and
every request's start and latency are kept (one wrk thread per connection, bench.load.run_wrk_timed),
so that the p99 of the requests that overlapped an ingest batch and that of the others are told apart.

Pass: zero errors (non-2xx/3xx answers and socket errors, as wrk counts them), no window in which
nothing was answered (a stalled server makes no errors, only waits), every ingest batch exits 0 and
adds its articles, and memory is flat: the median RSS of the last window within
FLAT_TOLERANCE of the first window's (the warm-up, with an ingest batch of its own, has filled the
caches by then); the slope over the second half is printed beside it. The figures go to
bench/soak.json and a "Soak" section of bench/RESULTS.md.

Bounded and local: loopback only, wrk windows of at most 60 s (bench/load.py), a fixed number of
windows, ingest batches with timeouts; the server is this script's child and is always stopped.
The database is a copy (SQLite backup API), so the benchmark database is never written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from bench import corpus as corpus_mod
from bench.load import LoadResult, percentile, run_wrk, run_wrk_timed, wrk_version
from bench.run import (
    HOST,
    REPO,
    RESULTS_MD,
    ensure_corpus,
    free_port,
    proc_status_mb,
    server,
    top_category_levels,
)

WORK = Path("/tmp/atlas-bench")
BENCH_DB = WORK / "atlas-10000.db"
SOAK_JSON = REPO / "bench" / "soak.json"
FLAT_TOLERANCE = 0.15  # the last window's median RSS within 15% of the first window's
RSS_EVERY_S = 5.0
MAX_MINUTES = 30.0
INGEST_TIMEOUT_S = 600
SECTION = "## Soak"


@dataclass
class IngestBatch:
    index: int
    files: int
    started_s: float
    seconds: float
    returncode: int
    tail: str = ""


@dataclass
class SoakFigures:
    minutes: float
    connections: int
    window_s: float
    paths: int
    articles_before: int
    articles_after: int
    new_articles: int
    warmup: dict
    windows: list[dict] = field(default_factory=list)
    batches: list[dict] = field(default_factory=list)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)
    load_start: tuple[float, ...] = ()
    load_end: tuple[float, ...] = ()
    server_problems: dict = field(default_factory=dict)
    ingest_split: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------
# The database and the fresh articles
# ---------------------------------------------------------------------------------------------------


def copy_database(src: Path, dst: Path) -> None:
    """A consistent copy even while another process uses `src` (WAL), through SQLite's backup API."""
    with (
        contextlib.closing(sqlite3.connect(f"file:{src}?mode=ro", uri=True)) as source,
        contextlib.closing(sqlite3.connect(dst)) as target,
    ):
        source.backup(target)


def build_database(dst: Path, seed: int) -> None:
    """No benchmark database to reuse: the 10,000-article corpus through the CLI ingest (~10 min)."""
    folder, _ = ensure_corpus(WORK, 10_000, seed)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{dst}"}
    subprocess.run([sys.executable, "-m", "app", "upgrade"], cwd=REPO, env=env, check=True, timeout=600)
    subprocess.run(
        [sys.executable, "-m", "app", "ingest", "--quiet", str(folder)],
        cwd=REPO,
        env=env,
        check=True,
        timeout=3600,
    )


def article_count(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db, timeout=30)) as conn:
        return conn.execute("SELECT count(*) FROM article").fetchone()[0]


def fresh_batches(corpus: Path | None, n: int, seed: int, batches: int, work: Path) -> list[Path]:
    """Folders of new articles, one per ingest batch: `corpus` split up, else `n` generated with `seed`.

    Generated files are renamed with a "soak" prefix, so they can never collide with the names of the
    benchmark corpus already in the database (the ingest keys articles by file name).
    """
    if corpus is None:
        corpus = work / f"corpus-soak-{n}-{seed}"
        corpus_mod.generate(n, corpus, seed)
    files = sorted(p for p in corpus.glob("*.txt"))[:n] if n else sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt articles in {corpus}")
    out = []
    for b in range(batches):
        folder = work / f"batch-{b:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for path in files[b::batches]:
            shutil.copyfile(path, folder / f"soak{seed}_{path.name}")
        out.append(folder)
    return out


# ---------------------------------------------------------------------------------------------------
# The traffic: every page family, URLs chosen from the data so that none is empty
# ---------------------------------------------------------------------------------------------------

TEXT_QUERIES = ("购房补贴", "安家费", "人才公寓", "租房补贴", "科研经费", "生活补贴", "博士", "硕士")
# One province each, as the form suggests. Not a nationwide profile: on this database it values ~112,000
# offers (13 s of CPU alone, bounded to two at once by app.calculator.service), so at 16 connections its
# queue alone outlasts wrk's 60-s timeout; that cost is reported on its own in the Soak section.
CALCULATOR_PROFILES = (
    {"degree": "doctorate", "province": "xinjiang"},
    {"degree": "master", "buy_home": "1", "province": "guangdong"},
    {"degree": "bachelor", "years": "3", "province": "zhejiang"},
    {"title": "full", "years": "10", "province": "sichuan"},
    {"skill": "technician", "province": "jiangsu"},
    {"degree": "postdoc", "province": "beijing"},
)


def traffic(db: Path, seed: int) -> list[str]:
    """A shuffled mix of ~250 URLs across the dashboard; the order is fixed by `seed`.

    Every URL names rows that exist, so any 4xx during the soak is an error, as wrk counts it.
    """
    rng = random.Random(seed)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        combos = top_category_levels(conn)
        places = [
            r[0]
            for r in conn.execute(
                "SELECT slug FROM place WHERE id IN (SELECT DISTINCT place_id FROM incentive) ORDER BY slug"
            )
        ]
        provinces = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT p.slug FROM place p JOIN incentive i ON i.province_code = p.province_code "
                "AND p.level = 'province' ORDER BY 1"
            )
        ]
        article_ids = [r[0] for r in conn.execute("SELECT id FROM article ORDER BY id")]
        incentive_ids = [r[0] for r in conn.execute("SELECT id FROM incentive ORDER BY id")]
    explorer = [f"/incentives?{urlencode({'category': c, 'target_level': t})}" for c, t, _ in combos]
    paths = [
        "/",
        "/places",
        "/places?sort=incentives",
        "/api/places",
        *explorer,
        *(f"/incentives?{urlencode({'category': c, 'page': 2, 'size': 100})}" for c, _, _ in combos[:6]),
        *(f"/incentives?province={p}&sort=date" for p in rng.sample(provinces, min(6, len(provinces)))),
        *(f"/incentives?q={quote(q)}" for q in TEXT_QUERIES),
        *(f"/places/{s}" for s in rng.sample(places, min(40, len(places)))),
        *("/compare?" + urlencode([("place", s) for s in rng.sample(places, 4)]) for _ in range(12)),
        *(f"/api{p}" for p in explorer[:12]),
        *(f"/api/places/{s}" for s in rng.sample(places, min(12, len(places)))),
        *(
            f"/incentives.csv?{urlencode({'category': c, 'province': p})}"
            for c, p in zip(
                [c for c, _, _ in combos[:6]], rng.sample(provinces, min(6, len(provinces))), strict=False
            )
        ),
        *(f"/calculator?{urlencode(p)}" for p in CALCULATOR_PROFILES),
        *(f"/api/calculator?{urlencode(p)}" for p in CALCULATOR_PROFILES[:2]),
        *(f"/articles/{i}" for i in rng.sample(article_ids, min(30, len(article_ids)))),
        *(f"/incentives/{i}" for i in rng.sample(incentive_ids, min(30, len(incentive_ids)))),
        *(f"/places/suggest?q={quote(q)}" for q in ("克拉", "wulu", "深圳", "a")),
    ]
    rng.shuffle(paths)
    return paths


# ---------------------------------------------------------------------------------------------------
# Memory and the ingest, in threads beside the load
# ---------------------------------------------------------------------------------------------------


def tree_rss_mb(pid: int) -> float:
    """RSS of the server process and its children (uvicorn may fork), in MB."""
    total = 0.0
    pending = [pid]
    while pending:
        p = pending.pop()
        rss = proc_status_mb(p, "VmRSS")
        if not math.isnan(rss):  # nan: the child has just exited
            total += rss
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{p}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
    return total


class RssSampler(threading.Thread):
    def __init__(self, pid: int, started: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.started = pid, started
        self.samples: list[tuple[float, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((round(time.monotonic() - self.started, 1), round(tree_rss_mb(self.pid), 1)))
            self.stop.wait(RSS_EVERY_S)

    def now(self) -> float:
        return tree_rss_mb(self.pid)


class Ingester(threading.Thread):
    """Ingests one batch folder at each of `starts` (seconds after `started`), one at a time.

    `after_batch` runs once each batch has exited (the probed soak signals the server there).
    """

    def __init__(
        self,
        batches: list[Path],
        starts: list[float],
        db: Path,
        started: float,
        after_batch: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(daemon=True)
        self.batches, self.starts, self.db, self.started = batches, starts, db, started
        self.after_batch = after_batch
        self.done: list[IngestBatch] = []
        self.stop = threading.Event()

    def run(self) -> None:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{self.db}"}
        for index, (folder, start) in enumerate(zip(self.batches, self.starts, strict=True)):
            wait = start - (time.monotonic() - self.started)
            if self.stop.wait(max(0.0, wait)):
                return
            t0 = time.monotonic()
            proc = subprocess.run(
                [sys.executable, "-m", "app", "ingest", "--quiet", str(folder)],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                timeout=INGEST_TIMEOUT_S,
            )
            self.done.append(
                IngestBatch(
                    index,
                    len(list(folder.glob("*.txt"))),
                    round(t0 - self.started, 1),
                    round(time.monotonic() - t0, 1),
                    proc.returncode,
                    (proc.stdout + proc.stderr)[-400:],
                )
            )
            self.after_batch()


# ---------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------


def server_problems(log: Path) -> dict:
    """The tracebacks the server wrote to its log (stderr; uvicorn's access lines go to stdout, which
    bench.run.server discards), counted, with the first one's last lines: a cause for wrk's errors."""
    count = 0
    first: list[str] = []
    in_first = False
    with contextlib.suppress(OSError), log.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("Traceback"):
                count += 1
                in_first = count == 1
            if in_first:
                first.append(line.rstrip())
                # The exception line closes the block: the first unindented line after the header.
                in_first = len(first) == 1 or line[:1].isspace()
    return {"tracebacks": count, "first_traceback_tail": first[-4:]}


def _window(result: LoadResult, started_s: float) -> dict:
    return {
        "start_s": round(started_s, 1),
        "seconds": result.seconds,
        "requests": result.requests,
        "rps": round(result.rps, 2),
        "p50_ms": round(result.p50_ms, 1),
        "p99_ms": round(result.p99_ms, 1),
        "errors": result.errors,
    }


def latency_figures(ms: list[float]) -> dict:
    ordered = sorted(ms)
    return {
        "requests": len(ordered),
        "p50_ms": round(percentile(ordered, 0.5), 1) if ordered else None,
        "p99_ms": round(percentile(ordered, 0.99), 1) if ordered else None,
    }


def ingest_split(requests: list[tuple[float, float]], batches: list[dict]) -> dict:
    """Latency of the requests that overlapped an ingest batch (its process ran at some moment between
    the request's start and its answer) and of the others; `requests` are (start s, latency ms), on the
    clock of the batches' `started_s`."""
    spans = [(b["started_s"], b["started_s"] + b["seconds"]) for b in batches]
    during: list[float] = []
    outside: list[float] = []
    for start, ms in requests:
        end = start + ms / 1000
        (during if any(a < end and start < b for a, b in spans) else outside).append(ms)
    return {"during_ingest": latency_figures(during), "outside_ingest": latency_figures(outside)}


def soak(args: argparse.Namespace, work: Path) -> SoakFigures:
    db = work / "soak.db"
    if args.db or BENCH_DB.exists():
        source = Path(args.db or BENCH_DB)
        print(f"[soak] copying {source} to {db}", flush=True)
        copy_database(source, db)
    else:
        print(f"[soak] no {BENCH_DB}: building a 10,000-article database (takes a while)", flush=True)
        build_database(db, corpus_mod.DEFAULT_SEED)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    subprocess.run(
        [sys.executable, "-m", "app", "upgrade"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
    )
    before = article_count(db)
    windows = max(1, round(args.minutes * 60 / args.window))
    # One batch more than the soak's: the first runs during the warm-up, so that the caches the ingest
    # invalidates (responses, per-version query results) are already at their working size when the
    # post-warm-up RSS is taken; RSS before that measures cache filling, not a leak.
    batches = fresh_batches(args.corpus, args.new_articles, args.seed, min(windows, args.batches) + 1, work)
    paths = traffic(db, args.seed)
    port = free_port()
    base = f"http://{HOST}:{port}"
    cmd = [sys.executable, "-m", "app", "serve", "--host", HOST, "--port", str(port), "--workers", "1"]
    if args.probe:
        cmd = [sys.executable, "-m", "bench.traced_server", "--host", HOST, "--port", str(port)]
        cmd += ["--out", str(args.probe)] + (["--tracemalloc"] if args.tracemalloc else [])
    with server("soak", cmd, env, "/healthz", work, port) as proc:

        def probe() -> None:
            if args.probe:
                with contextlib.suppress(OSError):
                    os.kill(proc.pid, signal.SIGUSR1)

        print(f"[soak] {len(paths)} URLs; warm-up {args.warmup:.0f} s at c={args.connections}", flush=True)
        started = time.monotonic() + args.warmup  # t = 0 is the end of the warm-up
        sampler = RssSampler(proc.pid, started)
        sampler.start()
        spacing = args.minutes * 60 / (len(batches) - 1)
        starts = [2 - args.warmup] + [i * spacing + 2 for i in range(len(batches) - 1)]
        ingester = Ingester(batches, starts, db, started, probe)
        ingester.start()
        warm = run_wrk(base, paths, args.connections, args.warmup)
        probe()  # the post-warm-up level
        figures = SoakFigures(
            args.minutes,
            args.connections,
            args.window,
            len(paths),
            before,
            0,
            sum(len(list(b.glob("*.txt"))) for b in batches),
            _window(warm, -args.warmup),
            load_start=os.getloadavg(),
        )
        requests: list[tuple[float, float]] = []  # (start s after the warm-up, latency ms)
        for w in range(windows):
            rotated = (
                paths[w * 7 % len(paths) :] + paths[: w * 7 % len(paths)]
            )  # each window starts elsewhere
            t0 = time.monotonic() - started
            result, samples = run_wrk_timed(base, rotated, args.connections, args.window)
            requests += [(t - started, ms) for t, ms in samples]
            figures.windows.append(_window(result, t0))
            print(
                f"[soak] window {w + 1}/{windows}: {result.rps:.1f} req/s p50 {result.p50_ms:.0f} ms "
                f"p99 {result.p99_ms:.0f} ms errors {result.errors} rss {sampler.now():.0f} MB "
                f"ingest batches done {len(ingester.done)}",
                flush=True,
            )
        ingester.join(timeout=INGEST_TIMEOUT_S)
        ingester.stop.set()
        probe()
        time.sleep(10 if args.probe else 0)  # the snapshot is written before the server stops
        sampler.stop.set()
        sampler.join()
        figures.rss_mb = sampler.samples
    figures.server_problems = server_problems(work / "server-soak.log")
    figures.batches = [asdict(b) for b in ingester.done]
    figures.ingest_split = ingest_split(requests, figures.batches)
    figures.articles_after = article_count(db)
    figures.load_end = os.getloadavg()
    return figures


def rss_level(samples: list[tuple[float, float]], start: float, end: float) -> float:
    """The median RSS sampled in [start, end): one level for a window, not one sample in it.

    Why a median: a single sample lands anywhere in the trimmer's 10-s cycle (app.web.memory) and
    may catch a CSV or a calculation in flight, +-20 MB either way on this database.
    """
    window = [mb for t, mb in samples if start <= t < end]
    return statistics.median(window) if window else float("nan")


def rss_slope(samples: list[tuple[float, float]], since: float) -> float:
    """Least-squares slope of RSS in MB per minute over the samples from `since` on."""
    points = [(t, mb) for t, mb in samples if t >= since]
    if len(points) < 3:
        return float("nan")
    return statistics.linear_regression([t for t, _ in points], [mb for _, mb in points]).slope * 60


def verdict(f: SoakFigures) -> dict:
    errors = f.warmup["errors"] + sum(w["errors"] for w in f.windows)
    rss = [mb for _, mb in f.rss_mb]
    last_t = f.rss_mb[-1][0] if f.rss_mb else 0.0
    # The levels: the first soak window's median (the warm-up and its ingest batch are over) and the
    # last window's; memory is flat if the second is within FLAT_TOLERANCE of the first.
    baseline = rss_level(f.rss_mb, 0.0, f.window_s)
    end = rss_level(f.rss_mb, last_t - f.window_s, last_t + 1)
    requests = sum(w["requests"] for w in f.windows)
    seconds = sum(w["seconds"] for w in f.windows)
    stalled = sum(1 for w in f.windows if w["requests"] == 0)
    ingest_ok = (
        all(b["returncode"] == 0 for b in f.batches)
        and len(f.batches) > 0
        and f.articles_after == f.articles_before + f.new_articles
    )
    growth = end / baseline - 1 if rss else float("nan")
    flat = abs(growth) <= FLAT_TOLERANCE
    return {
        "requests": requests,
        "rps": round(requests / seconds, 2) if seconds else 0.0,
        "p50_ms_median_window": sorted(w["p50_ms"] for w in f.windows)[len(f.windows) // 2],
        "p99_ms_worst_window": max(w["p99_ms"] for w in f.windows),
        "p99_ms_during_ingest": f.ingest_split.get("during_ingest", {}).get("p99_ms"),
        "p99_ms_outside_ingest": f.ingest_split.get("outside_ingest", {}).get("p99_ms"),
        "errors": errors,
        "stalled_windows": stalled,
        "rss_after_warmup_mb": round(baseline, 1),
        "rss_end_mb": round(end, 1),
        "rss_max_mb": max(rss) if rss else float("nan"),
        "rss_growth": round(growth, 3),
        "rss_slope_second_half_mb_per_min": round(rss_slope(f.rss_mb, last_t / 2), 2),
        "memory_flat": flat,
        "ingest_ok": ingest_ok,
        "passed": errors == 0 and stalled == 0 and flat and ingest_ok,
    }


def render(f: SoakFigures, v: dict) -> str:
    ok = "**passed**" if v["passed"] else "**FAILED**"
    rows = "\n".join(
        f"| {w['start_s']:.0f} | {w['requests']:,} | {w['rps']:.1f} | {w['p50_ms']:,.0f} | {w['p99_ms']:,.0f} "
        f"| {w['errors']} |"
        for w in f.windows
    )
    rss = ", ".join(f"{mb:.0f}" for _, mb in f.rss_mb[:: max(1, len(f.rss_mb) // 20)])
    batch_s = ", ".join(f"{b['seconds']:.0f}" for b in f.batches)
    return f"""{SECTION}

Written by `python -m bench.soak --minutes {f.minutes:g} --connections {f.connections}` (bench/soak.py) on
{time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}, commit {_commit()}: {ok}. One server
(`python -m app serve --workers 1`, 127.0.0.1) on a copy of the 10,000-article database; wrk
({wrk_version().split(" [")[0]}) at {f.connections} connections over {f.paths} URLs of every kind (explorer filters,
text queries, place pages, compare, API, CSV, calculator, article and incentive pages, type-ahead), in
{len(f.windows)} back-to-back windows of {f.window_s:g} s after a {-f.warmup["start_s"]:g}-s warm-up (itself with one ingest batch), while {f.new_articles} fresh
corpus articles (another seed) were ingested through the CLI in {len(f.batches)} batches spread over the
run (every committed article is a new data version, so cached responses and query results went stale
{f.new_articles} times; throughput is high while no batch runs and the cache answers).
Load average at start {_load(f.load_start)}, at end {_load(f.load_end)} (2 shared cores; other sessions run too).

| figure | value |
|---|---|
| errors (non-2xx/3xx + socket errors, warm-up included) | {v["errors"]} |
| windows in which nothing was answered | {v["stalled_windows"]} |
| requests in the soak windows | {v["requests"]:,} |
| throughput | {v["rps"]:.1f} req/s |
| p50 (median window) / p99 (worst window) | {v["p50_ms_median_window"]:,.0f} ms / {v["p99_ms_worst_window"]:,.0f} ms |
| p99 of the requests that overlapped an ingest batch / of the others | {_split(f.ingest_split)} |
| server RSS, median of the first / last window; max | {v["rss_after_warmup_mb"]:.0f} / {v["rss_end_mb"]:.0f}; {v["rss_max_mb"]:.0f} MB |
| RSS last window vs first | {v["rss_growth"]:+.1%} (flat: within ±{FLAT_TOLERANCE:.0%}) |
| RSS slope over the second half | {v["rss_slope_second_half_mb_per_min"]:+.2f} MB/min |
| articles before / after / ingested | {f.articles_before:,} / {f.articles_after:,} / {f.new_articles} (batches exit 0: {v["ingest_ok"]}) |
| ingest batch durations (s) | {batch_s} |
| tracebacks in the server's log | {_problems(f.server_problems)} |

RSS samples (MB, every ~{RSS_EVERY_S * max(1, len(f.rss_mb) // 20):.0f} s): {rss}

| window start s | requests | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|
{rows}
"""


def _split(split: dict) -> str:
    def one(key: str) -> str:
        part = split.get(key) or {}
        if not part.get("requests"):
            return "none"
        return f"{part['p99_ms']:,.0f} ms ({part['requests']:,} requests, p50 {part['p50_ms']:,.0f} ms)"

    return f"{one('during_ingest')} / {one('outside_ingest')}"


def _problems(problems: dict) -> str:
    if not problems.get("tracebacks"):
        return "none"
    last = (problems.get("first_traceback_tail") or ["?"])[-1]
    return f"{problems['tracebacks']} (the first: `{last}`)"


def _load(values: tuple[float, ...]) -> str:
    return "[" + ", ".join(f"{x:.2f}" for x in values) + "]"


def _commit() -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    return "unknown"


def write_section(text: str) -> None:
    """Replace the Soak section of RESULTS.md (it sits among the kept notes, at the end), or append it."""
    current = RESULTS_MD.read_text("utf-8") if RESULTS_MD.exists() else "# Benchmark results\n"
    if SECTION + "\n" in current:
        head, _, tail = current.partition(SECTION + "\n")
        following = tail.find("\n## ")
        current = head + (tail[following + 1 :] if following >= 0 else "")
    RESULTS_MD.write_text(current.rstrip("\n") + "\n\n" + text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db", type=Path, help=f"SQLite database to copy (default {BENCH_DB}, else built)")
    parser.add_argument("--corpus", type=Path, help="folder of fresh articles to ingest (default: generated)")
    parser.add_argument("--new-articles", type=int, default=500, help="fresh articles to ingest")
    parser.add_argument("--seed", type=int, default=20261123, help="seed of the fresh articles and URL mix")
    parser.add_argument("--window", type=float, default=30.0, help="seconds per wrk window (<= 60)")
    parser.add_argument("--batches", type=int, default=10, help="ingest batches spread over the run")
    parser.add_argument(
        "--warmup", type=float, default=60.0, help="seconds of traffic before measuring (<= 60)"
    )
    parser.add_argument("--no-results", action="store_true", help="do not touch bench/RESULTS.md")
    parser.add_argument(
        "--probe",
        type=Path,
        help="serve through bench.traced_server and write its memory probes (after warm-up, after "
        "each ingest batch, at the end) to this folder; see bench.probe_report",
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="with --probe: tracemalloc snapshots too (very slow)"
    )
    args = parser.parse_args(argv)
    limits = (
        0 < args.minutes <= MAX_MINUTES,
        1 <= args.connections <= 64,
        1 <= args.window <= 60,
        1 <= args.warmup <= 60,
    )
    if not all(limits):
        parser.error(
            f"--minutes in (0, {MAX_MINUTES:g}], --connections in [1, 64], --window/--warmup in [1, 60]"
        )
    if not shutil.which("wrk"):
        parser.error("wrk is needed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="atlas-soak-", dir="/tmp") as tmp:
        figures = soak(args, Path(tmp))
    result = verdict(figures)
    SOAK_JSON.write_text(json.dumps({"figures": asdict(figures), "verdict": result}, indent=1), "utf-8")
    print(json.dumps(result, indent=1), flush=True)
    if not args.no_results:
        write_section(render(figures, result))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The national-scale benchmark: ingest at two sizes, then every page under load, against two baselines.

    python -m bench.run [--articles 1000 --articles 10000] [--duration 8] [--rounds 1] [--profile]

Writes bench/RESULTS.md (machine, versions, date, tables, targets met or missed) and
bench/last-run.json (every figure, for before/after comparisons). Text below the notes marker in
RESULTS.md (profiling notes written by hand) is kept across runs.

Two workloads. The cold path (what a reader meets, issue 14): at every size, a few hundred distinct URLs
of each page kind (explorer, place, compare, JSON API) on a server with the response cache and the
warm-up off, plus each nationwide calculator profile's first request and the heaviest pages' weight.
The cached one, at the largest size: each page's few URLs over and over, response cache on, beside
Datasette.

Why ratios: these machines are shared and noisy, so each page is judged against a bare FastAPI
endpoint (the framework's ceiling) and Datasette (what a user would reach for instead) measured in
the same run, on the same database file, under the same uvicorn settings and the same load generator.
Load only ever targets 127.0.0.1, for a fixed duration per run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

from app.query.params import SORTS
from bench import corpus as corpus_mod
from bench import datasette_env
from bench.load import LoadResult, run_load, summary, wrk_version

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
RESULTS_MD = BENCH / "RESULTS.md"
LAST_RUN = BENCH / "last-run.json"
NOTES_MARKER = "<!-- notes: everything below this line is kept by bench.run -->"
HOST = "127.0.0.1"

# The targets, as numbers the report checks.
EXPLORER_VS_BARE = 0.5
EXPLORER_VS_DATASETTE = 5.0
TEXT_VS_BARE = 0.25
P99_LIMIT_MS = 100.0
INGEST_MIN_RATE = 100.0
INGEST_MAX_RSS_MB = 400.0
INGEST_MAX_GROWTH = 1.2
# The cold path (issue 14): distinct URLs, response cache off, at every size given.
COLD_VS_BARE = 0.05
COLD_EXPLORER_P99_MS = 150.0
COLD_MAX_GROWTH = 1.5  # cost per request at the largest size within 1.5 x that at the smallest
PAGE_WEIGHT_LIMIT_KB = 150.0


# ---------------------------------------------------------------------------------------------------
# Machine and versions
# ---------------------------------------------------------------------------------------------------


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_total_gb() -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "app", "templates", "migrations"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (+ uncommitted changes in app/templates/migrations)" if dirty else "")


def machine_info() -> dict[str, object]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git_commit(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(_mem_total_gb(), 1),
        "os": f"{platform.system()} {platform.release()}",
        "load_at_start": [round(x, 2) for x in os.getloadavg()],
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            **{
                d: _version(d)
                for d in (
                    "fastapi",
                    "starlette",
                    "uvicorn",
                    "uvloop",
                    "httptools",
                    "sqlalchemy",
                    "sqlmodel",
                    "pydantic",
                    "jinja2",
                    "jinja2-fragments",
                )
            },
            "datasette": datasette_env.version("datasette"),
            "wrk": wrk_version(),
            "py-spy": datasette_env.version("py-spy"),
        },
    }


# ---------------------------------------------------------------------------------------------------
# Ingest
# ---------------------------------------------------------------------------------------------------


@dataclass
class IngestFigures:
    articles: int
    corpus_mb: float
    corpus_seconds: float
    upgrade_seconds: float
    ingest_seconds: float
    articles_per_s: float
    mb_per_s: float
    ms_per_article: float
    ms_per_article_first_tenth: float
    ms_per_article_last_tenth: float
    peak_rss_mb: float
    db_mb: float
    incentives: int
    metrics: int
    policies: int
    unattributed_articles: int
    statuses: dict[str, int]
    failures: list[str] = field(default_factory=list)


def _db_path(work: Path, n: int) -> Path:
    return work / f"atlas-{n}.db"


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".upgrade-lock"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_corpus(work: Path, n: int, seed: int) -> tuple[Path, float]:
    """The corpus for (n, seed), generated once and reused while its manifest matches."""
    folder = work / f"corpus-{n}-{seed}"
    manifest = folder / ".manifest.json"
    if manifest.exists():
        with contextlib.suppress(ValueError, KeyError):
            meta = json.loads(manifest.read_text("utf-8"))
            if meta["seed"] == seed and meta["articles"] == n:
                return folder, 0.0
    started = time.perf_counter()
    corpus_mod.generate(n, folder, seed)
    return folder, time.perf_counter() - started


def _checkpoint_and_count(db: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("article", "incentive", "metric", "policy")
        }
        counts["unattributed"] = conn.execute(
            "SELECT count(*) FROM article WHERE place_id IS NULL"
        ).fetchone()[0]
    return counts


def measure_ingest(work: Path, n: int, seed: int, profile_dir: Path | None) -> IngestFigures:
    folder, corpus_seconds = ensure_corpus(work, n, seed)
    db = _db_path(work, n)
    _remove_db(db)
    out = work / f"ingest-{n}.json"
    cmd = [sys.executable, "-m", "bench.ingest_worker", str(folder), f"sqlite:///{db}", str(out)]
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
        spy = datasette_env.bin_path("py-spy")
        cmd = [
            str(spy),
            "record",
            "--format",
            "raw",
            "--rate",
            "50",
            "-o",
            str(profile_dir / f"ingest-{n}.txt"),
            "--",
            *cmd,
        ]
    print(f"[ingest] {n} articles from {folder} into {db}", flush=True)
    subprocess.run(cmd, cwd=REPO, check=True)
    raw = json.loads(out.read_text("utf-8"))
    counts = _checkpoint_and_count(db)
    tenths = raw["seconds_per_article_by_tenth"]
    mb = raw["bytes"] / 1e6
    return IngestFigures(
        articles=raw["files"],
        corpus_mb=round(mb, 2),
        corpus_seconds=round(corpus_seconds, 1),
        upgrade_seconds=round(raw["upgrade_seconds"], 2),
        ingest_seconds=round(raw["ingest_seconds"], 1),
        articles_per_s=round(raw["files"] / raw["ingest_seconds"], 1),
        mb_per_s=round(mb / raw["ingest_seconds"], 3),
        ms_per_article=round(1000 * raw["ingest_seconds"] / raw["files"], 1),
        ms_per_article_first_tenth=round(1000 * tenths[0], 1),
        ms_per_article_last_tenth=round(1000 * tenths[-1], 1),
        peak_rss_mb=round(raw["peak_rss_kb"] / 1024, 1),
        db_mb=round(db.stat().st_size / 1e6, 1),
        incentives=counts["incentive"],
        metrics=counts["metric"],
        policies=counts["policy"],
        unattributed_articles=counts["unattributed"],
        statuses=raw["statuses"],
        failures=raw["failures"],
    )


# ---------------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(
    name: str, cmd: list[str], env: dict[str, str], ready_path: str, log_dir: Path, port: int
) -> Iterator[subprocess.Popen]:
    """Start a server process, wait until it answers, and always stop it (this process only)."""
    log = (log_dir / f"server-{name}.log").open("w")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{name} exited with {proc.returncode}; see {log.name}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://{HOST}:{port}{ready_path}", timeout=5).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer within 120 s")
            time.sleep(0.3)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def proc_status_mb(pid: int | str, key: str) -> float:
    """One memory line of /proc/PID/status (VmRSS, VmHWM, ...) in MB; nan once the process is gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb(pid: int) -> float:
    return proc_status_mb(pid, "VmHWM")


def top_category_levels(conn: sqlite3.Connection, limit: int = 24) -> list[tuple[str, str, int]]:
    """The (category, target level, rows) pairs with the most incentives: explorer URLs never empty."""
    return conn.execute(
        "SELECT i.category, t.level, count(*) c FROM incentive i JOIN incentive_target_level t "
        "ON t.incentive_id = i.id GROUP BY 1, 2 ORDER BY c DESC LIMIT ?",
        (limit,),
    ).fetchall()


# ---------------------------------------------------------------------------------------------------
# Scenarios: which URLs each page is loaded with, chosen from the database so that none is empty
# ---------------------------------------------------------------------------------------------------


@dataclass
class Scenario:
    key: str
    label: str
    server: str  # atlas | bare | datasette
    paths: list[str]
    note: str = ""
    bytes_each: float = 0.0
    rows_each: float = 0.0
    results: dict[int, dict[str, float]] = field(default_factory=dict)
    available: bool = True


TEXT_QUERIES_LONG = (
    "购房补贴",
    "安家费",
    "人才公寓",
    "租房补贴",
    "科研经费",
    "生活补贴",
    "创业资助",
    "领军人才",
)
TEXT_QUERIES_SHORT = ("博士", "硕士", "院士", "落户", "奖励", "团队")


def build_scenarios(db: Path, seed: int) -> list[Scenario]:
    rng = random.Random(seed)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        combos = top_category_levels(conn)
        categories = [
            r[0]
            for r in conn.execute(
                "SELECT category, count(*) c FROM incentive GROUP BY 1 ORDER BY c DESC"
            ).fetchall()
        ]
        places = [
            r[0]
            for r in conn.execute(
                "SELECT p.slug FROM place p WHERE p.id IN (SELECT DISTINCT place_id FROM incentive) ORDER BY p.slug"
            ).fetchall()
        ]
        csv_combos = conn.execute(
            "SELECT i.category, p.slug, count(*) c FROM incentive i JOIN place p "
            "ON p.province_code = i.province_code AND p.level = 'province' "
            "GROUP BY 1, 2 ORDER BY abs(count(*) - 1000) LIMIT 12"
        ).fetchall()
    db_name = db.stem
    explorer = [f"/incentives?{urlencode({'category': c, 'target_level': t})}" for c, t, _ in combos]
    sample_places = rng.sample(places, min(40, len(places)))
    compare_sets = [rng.sample(places, 5) for _ in range(12)] if len(places) >= 5 else []
    csv_rows = sum(c for _, _, c in csv_combos) / max(1, len(csv_combos))
    return [
        Scenario("bare", "bare FastAPI endpoint (async def)", "bare", ["/bare"]),
        Scenario("bare_sync", "bare FastAPI endpoint (def, thread pool)", "bare", ["/bare-sync"]),
        Scenario(
            "explorer",
            "explorer: category + target level, 50 rows",
            "atlas",
            explorer,
            note=f"{len(explorer)} most common (category, target level) pairs",
        ),
        Scenario(
            "explorer_category",
            "explorer: category only, 50 rows",
            "atlas",
            [f"/incentives?category={c}" for c in categories],
            note="the filter Datasette gets",
        ),
        Scenario(
            "explorer_q",
            "explorer: Chinese text query (3+ chars, FTS5 trigram)",
            "atlas",
            [f"/incentives?q={quote(q)}" for q in TEXT_QUERIES_LONG],
        ),
        Scenario(
            "explorer_q_short",
            "explorer: Chinese text query (2 chars, bigram table)",
            "atlas",
            [f"/incentives?q={quote(q)}" for q in TEXT_QUERIES_SHORT],
        ),
        Scenario(
            "place",
            "place page",
            "atlas",
            [f"/places/{s}" for s in sample_places],
            note=f"{len(sample_places)} places sampled from those with data",
        ),
        Scenario(
            "compare",
            "compare page, 5 places",
            "atlas",
            ["/compare?" + urlencode([("place", s) for s in group]) for group in compare_sets],
        ),
        Scenario(
            "api",
            "JSON API /api/incentives (category + target level, 50 rows)",
            "atlas",
            [f"/api{p}" for p in explorer],
        ),
        Scenario(
            "csv",
            "CSV export, ~1,000 rows",
            "atlas",
            [f"/incentives.csv?{urlencode({'category': c, 'province': p})}" for c, p, _ in csv_combos],
            note=f"category + province pairs nearest 1,000 rows (mean {csv_rows:.0f})",
        ),
        Scenario(
            "datasette",
            "Datasette table page ?category=...&_size=50",
            "datasette",
            [f"/{db_name}/incentive?category={c}&_size=50" for c in categories],
        ),
        Scenario(
            "datasette_json",
            "Datasette JSON ?category=...&_size=50",
            "datasette",
            [f"/{db_name}/incentive.json?category={c}&_size=50" for c in categories],
        ),
    ]


# ---------------------------------------------------------------------------------------------------
# The cold path: a few hundred distinct URLs per page kind, on a server whose response cache is off
# ---------------------------------------------------------------------------------------------------

COLD_URLS = 360  # per page kind: readers rarely repeat a URL, so none comes round before the others
COLD_ENV = {"ATLAS_RESPONSE_CACHE_MB": "0", "ATLAS_WARM_UP": "0"}
COMPARED = 3
# Filters a reader combines in the explorer's form; each shape gets an equal share of the URLs.
COLD_SHAPES = (
    ("category",),
    ("category", "target_level"),
    ("category", "province"),
    ("target_level", "province"),
    ("category", "target_level", "province"),
)
_SHAPE_COLUMNS = {"category": "i.category", "target_level": "t.level", "province": "p.slug"}
# The calculator, nationwide (no province): each profile's first request is timed, one at a time.
CALCULATOR_PROFILES = (
    {"degree": "doctorate", "buy_home": "1"},
    {"degree": "master"},
    {"degree": "bachelor", "years": "3"},
)
# Each cold kind beside the cached scenario of the same page (the "cached" column).
CACHED_TWIN = {
    "explorer_cold": "explorer",
    "place_cold": "place",
    "compare_cold": "compare",
    "api_cold": "api",
}


@dataclass
class ColdRun:
    """One size's cold figures: the loaded pages, each calculator profile's first request, page weights."""

    articles: int
    scenarios: list[Scenario]
    calculator_ms: dict[str, float] = field(default_factory=dict)
    page_bytes: dict[str, int] = field(default_factory=dict)


def filter_combos(conn: sqlite3.Connection, shape: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every combination of values of `shape` that at least one incentive has, in a fixed order."""
    columns = ", ".join(_SHAPE_COLUMNS[f] for f in shape)
    joins = ""
    if "target_level" in shape:
        joins += " JOIN incentive_target_level t ON t.incentive_id = i.id"
    if "province" in shape:
        joins += " JOIN place p ON p.province_code = i.province_code AND p.level = 'province'"
    return conn.execute(f"SELECT DISTINCT {columns} FROM incentive i{joins} ORDER BY {columns}").fetchall()


def explorer_queries(conn: sqlite3.Connection, rng: random.Random, count: int) -> list[str]:
    """Up to `count` distinct explorer query strings: a share for each filter shape, each combination one
    that names rows (so no page is empty), each with one of the explorer's sort orders."""
    share = -(-count // len(COLD_SHAPES))
    queries = []
    for shape in COLD_SHAPES:
        candidates = [(combo, sort) for combo in filter_combos(conn, shape) for sort in SORTS]
        for combo, sort in rng.sample(candidates, min(share, len(candidates))):
            queries.append(urlencode([*zip(shape, combo, strict=True), ("sort", sort)]))
    rng.shuffle(queries)
    return queries[:count]


def place_groups(rng: random.Random, places: list[str], count: int, size: int) -> list[tuple[str, ...]]:
    """Up to `count` distinct sets of `size` places (as the compare page's URL lists them)."""
    groups: dict[frozenset[str], tuple[str, ...]] = {}
    for _ in range(count * 10 if len(places) >= size else 0):
        group = tuple(rng.sample(places, size))
        groups.setdefault(frozenset(group), group)
        if len(groups) == count:
            break
    return list(groups.values())


def build_cold_scenarios(db: Path, seed: int, n: int, count: int = COLD_URLS) -> list[Scenario]:
    """The cold workload of one size: `count` distinct URLs of each page kind, chosen from its database."""
    rng = random.Random(seed)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        places = [
            r[0]
            for r in conn.execute(
                "SELECT slug FROM place WHERE id IN (SELECT DISTINCT place_id FROM incentive) ORDER BY slug"
            )
        ]
        explorer = explorer_queries(conn, rng, count)
        api = explorer_queries(conn, rng, count)  # a sample of its own: the same shapes, other values
    shapes = f"{len(COLD_SHAPES)} filter shapes of category, target level and province, x {len(SORTS)} sorts"
    server_name = f"atlas_cold_{n}"
    return [
        Scenario(
            "explorer_cold",
            "explorer: distinct filters and sorts",
            server_name,
            [f"/incentives?{q}" for q in explorer],
            note=shapes,
        ),
        Scenario(
            "place_cold",
            "place page",
            server_name,
            [f"/places/{s}" for s in rng.sample(places, min(count, len(places)))],
            note="places with data",
        ),
        Scenario(
            "compare_cold",
            f"compare page, {COMPARED} places",
            server_name,
            [
                "/compare?" + urlencode([("place", s) for s in g])
                for g in place_groups(rng, places, count, COMPARED)
            ],
        ),
        Scenario(
            "api_cold",
            "JSON API /api/incentives: distinct filters and sorts",
            server_name,
            [f"/api/incentives?{q}" for q in api],
            note=shapes,
        ),
    ]


def calculator_and_weights(base: str, run: ColdRun) -> None:
    """Before any load: the calculator's form (its template and province list, as any running server
    has them), then each nationwide profile's first request, timed alone; /places' weight last."""
    with httpx.Client(base_url=base, timeout=120) as client:

        def get(path: str) -> httpx.Response:
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code} on the cold server")
            run.page_bytes[path] = len(response.content)
            return response

        get("/calculator")
        for profile in CALCULATOR_PROFILES:
            path = "/calculator?" + urlencode(profile)
            started = time.perf_counter()
            get(path)
            run.calculator_ms[path] = round((time.perf_counter() - started) * 1000, 1)
            print(f"[cold] N={run.articles:,} {path}: {run.calculator_ms[path]:,.0f} ms", flush=True)
        get("/places")


def check_paths(base: str, scenario: Scenario) -> None:
    """Every URL once (the warm-up too): it must answer 200; note its size, and CSV rows."""
    sizes, rows = [], []
    if not scenario.paths:
        scenario.available = False
        scenario.note = "no URLs: the database has too little data"
        return
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in scenario.paths:
            response = client.get(path)
            if response.status_code != 200:
                scenario.available = False
                scenario.note = f"{path} answered {response.status_code}"
                return
            sizes.append(len(response.content))
            if scenario.key == "csv":
                rows.append(max(0, response.text.count("\n") - 1))
    scenario.bytes_each = sum(sizes) / len(sizes)
    scenario.rows_each = sum(rows) / len(rows) if rows else 0.0


def profile_scenario(
    pid: int, base: str, scenario: Scenario, duration: float, out_dir: Path, tool: str
) -> None:
    """An extra, unmeasured load run with py-spy attached: where the server's time goes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    spy = subprocess.Popen(
        [
            str(datasette_env.bin_path("py-spy")),
            "record",
            "--format",
            "raw",
            "--rate",
            "200",
            "--nonblocking",
            "-d",
            str(int(duration)),
            "-p",
            str(pid),
            "-o",
            str(out_dir / f"{scenario.key}.txt"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    run_load(base, scenario.paths, 16, duration, tool)
    spy.wait(timeout=duration + 30)


def run_duration(base: float, connections: int, single_ms: float) -> float:
    """Long enough for c requests served side by side to finish a few times over, at most 60 s.

    A server that shares its time between 16 slow requests finishes none of them within a short run
    (each takes about 16 x its solo latency), which would report 0 req/s and no latency at all.
    """
    if connections == 1 or not single_ms or single_ms == float("inf"):
        return base
    return float(round(min(60.0, max(base, 2.5 * connections * single_ms / 1000))))


def measure_server(
    name: str,
    cmd: list[str],
    env: dict[str, str],
    ready: str,
    scenarios: list[Scenario],
    args: argparse.Namespace,
    log_dir: Path,
    port: int,
    first: Callable[[str], None] | None = None,
) -> dict[str, float]:
    """Serve `name`'s scenarios: `first(base)` once the server answers, then each scenario's URLs are
    checked and loaded at every concurrency; the server's peak RSS."""
    base = f"http://{HOST}:{port}"
    mine = [s for s in scenarios if s.server == name]
    with server(name, cmd, env, ready, log_dir, port) as proc:
        if first is not None:
            first(base)
        for scenario in mine:
            check_paths(base, scenario)
            if not scenario.available:
                print(f"[serve] {scenario.key}: not available ({scenario.note})", flush=True)
                continue
            single_ms = 0.0
            for connections in args.connections:
                duration = run_duration(args.duration, connections, single_ms)
                runs: list[LoadResult] = []
                for _ in range(args.rounds):
                    runs.append(run_load(base, scenario.paths, connections, duration, args.tool))
                scenario.results[connections] = summary(runs) | {"tool": runs[0].tool, "seconds": duration}  # type: ignore[operator]
                if connections == 1:
                    single_ms = scenario.results[1]["p50_ms"]
                r = scenario.results[connections]
                print(
                    f"[serve] {scenario.key:18} c={connections:<3} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms"
                    f"  p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}",
                    flush=True,
                )
        if args.profile and name.startswith("atlas"):
            out_dir = args.work / "profiles" / ("" if name == "atlas" else name)
            for scenario in mine:
                if scenario.available:
                    profile_scenario(proc.pid, base, scenario, args.duration, out_dir, args.tool)
        return {"peak_rss_mb": round(peak_rss_mb(proc.pid), 1)}


def atlas_cmd(port: int) -> list[str]:
    return [sys.executable, "-m", "app", "serve", "--host", HOST, "--port", str(port), "--workers", "1"]


def measure_cold(db: Path, n: int, args: argparse.Namespace) -> tuple[ColdRun, dict[str, float]]:
    """One size's cold path: a server of its own with the response cache and the warm-up off."""
    run = ColdRun(n, build_cold_scenarios(db, args.seed, n))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", **COLD_ENV}
    port = free_port()
    name = run.scenarios[0].server
    server_figures = measure_server(
        name,
        atlas_cmd(port),
        env,
        "/healthz",
        run.scenarios,
        args,
        args.work,
        port,
        first=lambda base: calculator_and_weights(base, run),
    )
    return run, server_figures


def measure_serving(
    dbs: dict[int, Path], args: argparse.Namespace
) -> tuple[list[Scenario], list[ColdRun], dict[str, dict[str, float]]]:
    """The bare endpoint; the cold path at every size; the cached pages and Datasette at the largest."""
    db = dbs[args.serve_n]
    scenarios = build_scenarios(db, args.seed)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    log_dir = args.work
    servers: dict[str, dict[str, float]] = {}
    port = free_port()
    servers["bare"] = measure_server(
        "bare",
        [sys.executable, "-m", "bench.bare_app", "--host", HOST, "--port", str(port)],
        env,
        "/bare",
        scenarios,
        args,
        log_dir,
        port,
    )
    cold: list[ColdRun] = []
    for n, path in sorted(dbs.items()):
        run, servers[f"atlas_cold_{n}"] = measure_cold(path, n, args)
        cold.append(run)
    port = free_port()
    servers["atlas"] = measure_server(
        "atlas", atlas_cmd(port), env, "/healthz", scenarios, args, log_dir, port
    )
    port = free_port()
    datasette = datasette_env.bin_path("datasette")
    servers["datasette"] = measure_server(
        "datasette",
        [str(datasette), "serve", str(db), "--host", HOST, "--port", str(port)],
        env,
        "/-/versions.json",
        scenarios,
        args,
        log_dir,
        port,
    )
    return scenarios, cold, servers


# ---------------------------------------------------------------------------------------------------
# The EXPLAIN test, run so that its verdict sits next to the figures
# ---------------------------------------------------------------------------------------------------


def run_explain_test() -> str:
    test = REPO / "tests" / "bench" / "test_explain_indexes.py"
    if not test.exists():
        return "not available (tests/bench/test_explain_indexes.py missing)"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [ln for ln in out.stdout.strip().splitlines() if ln.strip()]
    return f"{'passed' if out.returncode == 0 else 'FAILED'} on SQLite: {lines[-1] if lines else '?'}"


# ---------------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 1) -> str:
    if value == float("inf"):
        return "none answered in the run"
    return "n/a" if value is None or value != value else f"{value:,.{digits}f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or not b:
        return None
    return a / b


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**MISSED**")


def evaluate(
    ingest: list[IngestFigures], scenarios: list[Scenario], connections: list[int], explain: str
) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    by_key = {s.key: s for s in scenarios}

    def rps(key: str, c: int) -> float | None:
        s = by_key.get(key)
        return s.results.get(c, {}).get("rps") if s and s.available else None

    rows: list[tuple[str, str, str]] = []
    variants = [("", "atlas", "")]
    for suffix, server_name, tag in variants:
        for c in connections:
            r = _ratio(rps("explorer" + suffix, c), rps("bare", c))
            rows.append(
                (
                    f"explorer (category + level) >= {EXPLORER_VS_BARE} x bare, c={c}{tag}",
                    _fmt(r, 3) + " x",
                    _verdict(None if r is None else r >= EXPLORER_VS_BARE),
                )
            )
        for c in connections:
            r = _ratio(rps("explorer_category" + suffix, c), rps("datasette", c))
            rows.append(
                (
                    f"explorer (category) >= {EXPLORER_VS_DATASETTE} x Datasette page, c={c}{tag}",
                    _fmt(r, 2) + " x",
                    _verdict(None if r is None else r >= EXPLORER_VS_DATASETTE),
                )
            )
        for key in ("explorer_q", "explorer_q_short"):
            for c in connections:
                r = _ratio(rps(key + suffix, c), rps("bare", c))
                rows.append(
                    (
                        f"{key} >= {TEXT_VS_BARE} x bare, c={c}{tag}",
                        _fmt(r, 3) + " x",
                        _verdict(None if r is None else r >= TEXT_VS_BARE),
                    )
                )
        top = max(connections)
        for s in scenarios:
            if s.server != server_name:
                continue
            p99 = s.results.get(top, {}).get("p99_ms") if s.available else None
            rows.append(
                (
                    f"{s.key} p99 <= {P99_LIMIT_MS:g} ms at c={top}{tag}",
                    _fmt(p99) + " ms",
                    _verdict(None if p99 is None else p99 <= P99_LIMIT_MS),
                )
            )
    if ingest:
        big = max(ingest, key=lambda f: f.articles)
        rows.append(
            (
                f"ingest >= {INGEST_MIN_RATE:g} articles/s at N={big.articles:,}",
                _fmt(big.articles_per_s) + " /s",
                _verdict(big.articles_per_s >= INGEST_MIN_RATE),
            )
        )
        rows.append(
            (
                f"ingest peak RSS <= {INGEST_MAX_RSS_MB:g} MB at N={big.articles:,}",
                _fmt(big.peak_rss_mb) + " MB",
                _verdict(big.peak_rss_mb <= INGEST_MAX_RSS_MB),
            )
        )
        small = min(ingest, key=lambda f: f.articles)
        if small is not big:
            g = big.ms_per_article / small.ms_per_article
            rows.append(
                (
                    f"time per article grows <= 20% from N={small.articles:,} to N={big.articles:,}",
                    f"{g:.2f} x",
                    _verdict(g <= INGEST_MAX_GROWTH),
                )
            )
        g2 = big.ms_per_article_last_tenth / big.ms_per_article_first_tenth
        rows.append(
            (
                f"within N={big.articles:,}: last tenth vs first tenth, <= 1.2 x",
                f"{g2:.2f} x",
                _verdict(g2 <= INGEST_MAX_GROWTH),
            )
        )
    rows.append(
        (
            "explorer queries use indexes (EXPLAIN test)",
            explain,
            _verdict(explain.startswith("passed") if "not available" not in explain else None),
        )
    )
    return rows


def _figure(s: Scenario | None, c: int, key: str) -> float | None:
    return s.results.get(c, {}).get(key) if s is not None and s.available else None


def _rps(s: Scenario | None, c: int) -> float | None:
    return _figure(s, c, "rps")


def cost_ms(s: Scenario | None, c: int) -> float | None:
    """Server time per request: 1 / throughput with c requests in flight (the one worker saturated)."""
    rps = _rps(s, c)
    return 1000 / rps if rps else None


def calculator_limit_ms(n: int) -> float:
    """The issue's bound on one cold nationwide calculator request: 300 ms at 3,000 articles, 600 above."""
    return 300.0 if n <= 3000 else 600.0


def _load_cells(s: Scenario, cs: list[int]) -> list[str]:
    return [_fmt(_figure(s, c, k)) for c in cs for k in ("rps", "p50_ms", "p99_ms")]


def _errors(s: Scenario, cs: list[int]) -> str:
    errors = sum(int(s.results.get(c, {}).get("errors", 0)) for c in cs)
    return f"; {errors} errors" if errors else ""


def _profile_text(path: str) -> str:
    return path.partition("?")[2] or path


def evaluate_cold(
    cold: list[ColdRun], scenarios: list[Scenario], connections: list[int]
) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows of the cold path (issue 14), from the runs of every size."""
    if not cold:
        return []
    top = max(connections)
    bare = next((s for s in scenarios if s.key == "bare"), None)
    runs = sorted(cold, key=lambda r: r.articles)
    rows: list[tuple[str, str, str]] = []
    for run in runs:
        at = f"cold, c={top}, N={run.articles:,}"
        for s in run.scenarios:
            r = _ratio(_rps(s, top), _rps(bare, top))
            rows.append(
                (
                    f"{s.label} >= {COLD_VS_BARE} x bare, {at}",
                    _fmt(r, 3) + " x",
                    _verdict(None if r is None else r >= COLD_VS_BARE),
                )
            )
        explorer = next((s for s in run.scenarios if s.key == "explorer_cold"), None)
        p99 = _figure(explorer, top, "p99_ms")
        rows.append(
            (
                f"explorer p99 <= {COLD_EXPLORER_P99_MS:g} ms, {at}",
                _fmt(p99) + " ms",
                _verdict(None if p99 is None else p99 <= COLD_EXPLORER_P99_MS),
            )
        )
        # The slowest profile's first request: the first after a start (or an ingest) pays for what the
        # others then share, and any reader may be that first one.
        limit = calculator_limit_ms(run.articles)
        slowest = max(run.calculator_ms.values(), default=None)
        each = ", ".join(f"{_profile_text(p)} {_fmt(ms, 0)}" for p, ms in run.calculator_ms.items())
        rows.append(
            (
                f"calculator, nationwide profile, one cold request < {limit:g} ms, N={run.articles:,}",
                f"slowest {_fmt(slowest, 0)} ms (in order: {each})",
                _verdict(None if slowest is None else slowest < limit),
            )
        )
    small, big = runs[0], runs[-1]
    if big is not small:
        smaller = {s.key: s for s in small.scenarios}
        for s in big.scenarios:
            before = smaller.get(s.key)
            g = _ratio(cost_ms(s, top), cost_ms(before, top))
            g1 = _ratio(_figure(s, 1, "p50_ms"), _figure(before, 1, "p50_ms"))
            rows.append(
                (
                    f"{s.label}: cold cost at N={big.articles:,} within {COLD_MAX_GROWTH:g} x N={small.articles:,}",
                    f"{_fmt(g, 2)} x ({_fmt(cost_ms(before, top))} -> {_fmt(cost_ms(s, top))} ms/request at "
                    f"c={top}; p50 at c=1: {_fmt(g1, 2)} x)",
                    _verdict(None if g is None else g <= COLD_MAX_GROWTH),
                )
            )
    calculator = {p: b for p, b in big.page_bytes.items() if p.startswith("/calculator")}
    heaviest = max(calculator, key=calculator.__getitem__) if calculator else None
    for label, path in (
        ("/places", "/places"),
        ("/calculator (heaviest of the form and the profiles)", heaviest),
    ):
        size = big.page_bytes.get(path) if path else None
        rows.append(
            (
                f"{label} page weight < {PAGE_WEIGHT_LIMIT_KB:g} KB, N={big.articles:,}",
                f"{_fmt(size / 1000 if size else None)} KB"
                + (f" ({path})" if path and path != label else ""),
                _verdict(None if size is None else size < PAGE_WEIGHT_LIMIT_KB * 1000),
            )
        )
    return rows


def render_cold(cold: list[ColdRun], scenarios: list[Scenario], args: argparse.Namespace) -> list[str]:
    cs = args.connections
    top = max(cs)
    by_key = {s.key: s for s in scenarios}
    bare = by_key.get("bare")
    out = ["", "## Cold path: distinct URLs, response cache off", ""]
    out.append(
        f"What a reader meets: {COLD_URLS} distinct URLs per page kind, built from each size's database "
        f"(seed {args.seed}) so that none is empty, cycled by wrk (each thread from its own place in the "
        "list); per size one atlas server of its own (`python -m app serve --workers 1`) with "
        "`ATLAS_RESPONSE_CACHE_MB=0 ATLAS_WARM_UP=0`. Every URL was requested once before the load (it must "
        "answer 200): with the response cache off that leaves behind only the per-data-version query caches "
        '(app/query/cache.py), i.e. counts that are already known. "cached" is the same page in the next '
        f"table (response cache on, a few URLs, N={args.serve_n:,}); ms/request is 1 / throughput at c={top}."
    )
    out.append("")
    head = "| page | N | URLs | " + " | ".join(f"req/s c={c} | p50 ms c={c} | p99 ms c={c}" for c in cs)
    out.append(head + f" | vs bare c={top} | ms/request c={top} | cached req/s c={top} | bytes | note |")
    out.append("|" + "---|" * (3 + 3 * len(cs) + 5))
    for run in sorted(cold, key=lambda r: r.articles):
        for s in run.scenarios:
            first = f"| {s.label} | {run.articles:,} | {len(s.paths)} | "
            if not s.available:
                out.append(first + " | ".join(["not available"] * 3 * len(cs)) + f" | | | | | {s.note} |")
                continue
            cached = _rps(by_key.get(CACHED_TWIN.get(s.key, "")), top)
            out.append(
                first
                + " | ".join(_load_cells(s, cs))
                + f" | {_fmt(_ratio(_rps(s, top), _rps(bare, top)), 3)} | {_fmt(cost_ms(s, top))} | "
                f"{_fmt(cached)} | {s.bytes_each:,.0f} | {s.note}{_errors(s, cs)} |"
            )
    out += [
        "",
        "The calculator, nationwide (no province), and page weights, on the same cold servers: each profile's "
        "first request, timed alone before any load, in this order, after one request for the form (the "
        "first profile pays for whatever per-data-version work the others then share).",
        "",
    ]
    profiles = ["/calculator?" + urlencode(p) for p in CALCULATOR_PROFILES]
    out.append(
        "| N | "
        + " | ".join(f"`{_profile_text(p)}` ms | bytes" for p in profiles)
        + " | `/calculator` bytes | `/places` bytes |"
    )
    out.append("|" + "---|" * (1 + 2 * len(profiles) + 2))
    for run in sorted(cold, key=lambda r: r.articles):
        cells = [f"{_fmt(run.calculator_ms.get(p), 0)} | {_fmt(run.page_bytes.get(p), 0)}" for p in profiles]
        out.append(
            f"| {run.articles:,} | "
            + " | ".join(cells)
            + f" | {_fmt(run.page_bytes.get('/calculator'), 0)} | {_fmt(run.page_bytes.get('/places'), 0)} |"
        )
    return out


def render_report(
    info: dict,
    ingest: list[IngestFigures],
    scenarios: list[Scenario],
    servers: dict[str, dict[str, float]],
    args: argparse.Namespace,
    explain: str,
    cold: list[ColdRun],
) -> str:
    out: list[str] = ["# Benchmark results", ""]
    out.append(
        "Written by `python -m bench.run` (see bench/run.py); rerun it to refresh. Ratios, not absolute "
        "times, are the targets: the machine is shared and noisy."
    )
    out += ["", "## Machine and versions", ""]
    v = info["versions"]
    out.append(f"- date: {info['date']}; commit {info['commit']}")
    out.append(f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB, {info['os']}")
    out.append(
        f"- load average at start {info['load_at_start']}, at end {info.get('load_at_end')} "
        "(other sessions share this machine)"
    )
    out.append("- " + ", ".join(f"{k} {val}" for k, val in v.items()))
    out.append(
        f"- load generator: {scenarios[0].results.get(1, {}).get('tool', args.tool) if scenarios else args.tool}"
        f", {args.duration:g} s per run (longer at c>1 for slow pages: 2.5 x c x the solo p50, at most 60 s), {args.rounds} run(s) per figure (median), connections "
        f"{', '.join(map(str, args.connections))}; 1 uvicorn worker each (`python -m app serve --workers 1`, "
        "the bare app with the same uvicorn.run arguments, `datasette serve` defaults with uvloop/httptools)"
    )
    if ingest:
        out += ["", "## Ingest", ""]
        out.append(
            "Fresh SQLite database per size; the product's own path (`upgrade` then "
            "`app.ingest.pipeline.ingest_paths`) in a process of its own (bench/ingest_worker.py); the "
            "one-off upgrade (schema + 3,228-place gazetteer) is timed apart."
        )
        out.append("")
        out.append(
            "| N | corpus MB | upgrade s | ingest s | articles/s | MB/s | ms/article | first 10% ms | "
            "last 10% ms | peak RSS MB | DB MB | incentives | metrics | policies | unattributed |"
        )
        out.append("|" + "---|" * 15)
        for f in ingest:
            out.append(
                f"| {f.articles:,} | {f.corpus_mb} | {f.upgrade_seconds} | {f.ingest_seconds} | "
                f"{f.articles_per_s} | {f.mb_per_s} | {f.ms_per_article} | {f.ms_per_article_first_tenth} | "
                f"{f.ms_per_article_last_tenth} | {f.peak_rss_mb} | {f.db_mb} | {f.incentives:,} | "
                f"{f.metrics:,} | {f.policies:,} | {f.unattributed_articles} |"
            )
        for f in ingest:
            if f.failures or f.statuses.get("failed"):
                out.append(f"\nN={f.articles}: statuses {f.statuses}; first failures: {f.failures[:5]}")
    else:
        out += ["", "## Ingest", "", "Not measured in this run (`--skip-ingest`, no bench/last-run.json)."]
    if cold:
        out += render_cold(cold, scenarios, args)
    if scenarios:
        out += ["", f"## Pages under load, response cache on (database: N={args.serve_n:,})", ""]
        cs = args.connections
        head = "| scenario | server | " + " | ".join(f"req/s c={c} | p50 ms c={c} | p99 ms c={c}" for c in cs)
        out.append(head + " | vs bare (c=" + "/".join(map(str, cs)) + ") | bytes | note |")
        out.append("|" + "---|" * (3 + 3 * len(cs) + 2))
        bare = next((s for s in scenarios if s.key == "bare"), None)
        for s in scenarios:
            if not s.available:
                out.append(
                    f"| {s.label} | {s.server} | "
                    + " | ".join(["not available"] * 3 * len(cs))
                    + f" | | | {s.note} |"
                )
                continue
            cells = _load_cells(s, cs)
            ratios = [_fmt(_ratio(_rps(s, c), _rps(bare, c)), 3) for c in cs]
            note = s.note + (f"; {s.rows_each:.0f} rows" if s.rows_each else "") + _errors(s, cs)
            out.append(
                f"| {s.label} | {s.server} | " + " | ".join(cells) + f" | {' / '.join(ratios)} | "
                f"{s.bytes_each:,.0f} | {note} |"
            )
        out.append("")
        out.append(
            "Server peak RSS (MB): " + ", ".join(f"{k} {v.get('peak_rss_mb')}" for k, v in servers.items())
        )
    out += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    targets = evaluate_cold(cold, scenarios, args.connections) + evaluate(
        ingest, scenarios, args.connections, explain
    )
    for target, measured, verdict in targets:
        out.append(f"| {target} | {measured} | {verdict} |")
    out += [
        "",
        "## Reproduce",
        "",
        "```",
        "python -m bench.run "
        + " ".join(
            [
                *(f"--articles {n}" for n in args.articles),
                f"--duration {args.duration:g}",
                f"--rounds {args.rounds}",
                *(
                    flag
                    for flag, on in (
                        ("--skip-ingest", args.skip_ingest),
                        ("--profile", args.profile),
                    )
                    if on
                ),
            ]
        ),
        "```",
        "",
    ]
    return "\n".join(out)


def _kept_notes() -> str:
    if not RESULTS_MD.exists():
        return ""
    text = RESULTS_MD.read_text("utf-8")
    return text[text.index(NOTES_MARKER) + len(NOTES_MARKER) :] if NOTES_MARKER in text else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus sizes (default 1000 and 10000)")
    parser.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED)
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "atlas-bench",
        help="corpora, databases, logs and profiles (large; not in the repository)",
    )
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per load run (at most 60)")
    parser.add_argument("--rounds", type=int, default=1, help="load runs per figure; the median is reported")
    parser.add_argument("--connections", type=int, action="append", help="default: 1 and 16")
    parser.add_argument("--tool", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument(
        "--skip-ingest",
        action="store_true",
        help="serve the existing databases WORK/atlas-N.db (from an earlier run)",
    )
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--profile", action="store_true", help="py-spy raw stacks into WORK/profiles")
    args = parser.parse_args(argv)
    args.articles = sorted(set(args.articles or [1000, 10000]))
    args.connections = sorted(set(args.connections or [1, 16]))
    args.serve_n = max(args.articles)
    args.work.mkdir(parents=True, exist_ok=True)

    datasette_env.ensure_env()
    info = machine_info()
    ingest: list[IngestFigures] = []
    if args.skip_ingest and LAST_RUN.exists():
        previous = json.loads(LAST_RUN.read_text("utf-8"))
        ingest = [IngestFigures(**f) for f in previous.get("ingest", [])]
    elif not args.skip_ingest:
        for n in args.articles:
            figures = measure_ingest(
                args.work, n, args.seed, args.work / "profiles" if args.profile else None
            )
            print(f"[ingest] {json.dumps(asdict(figures), ensure_ascii=False)}", flush=True)
            ingest.append(figures)
    scenarios: list[Scenario] = []
    cold: list[ColdRun] = []
    servers: dict[str, dict[str, float]] = {}
    if not args.skip_serve:
        dbs = {n: _db_path(args.work, n) for n in args.articles}
        for db in dbs.values():
            if not db.exists():
                raise SystemExit(f"no database at {db}: run without --skip-ingest first")
        scenarios, cold, servers = measure_serving(dbs, args)
    explain = run_explain_test()
    info["load_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report = render_report(info, ingest, scenarios, servers, args, explain, cold)
    RESULTS_MD.write_text(report + "\n" + NOTES_MARKER + (_kept_notes() or "\n"), "utf-8")
    LAST_RUN.write_text(
        json.dumps(
            {
                "machine": info,
                "ingest": [asdict(f) for f in ingest],
                "scenarios": [asdict(s) for s in scenarios],
                "cold": [asdict(r) for r in cold],
                "servers": servers,
                "explain": explain,
            },
            ensure_ascii=False,
            indent=1,
        ),
        "utf-8",
    )
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ingest run: find the files, process and store each one on its own, report per file.

One broken article never stops the rest: each file is read, processed and committed separately, and
a failure is reported with its reason while the others go in.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.config import get_settings
from app.ingest.process import WARNING_TEXT, ProcessedArticle, content_hash, process_article
from app.ingest.read import UnreadableArticle, read_bytes
from app.ingest.store import PlaceLookup, StoredArticle, store_article, stored_articles
from app.places.recognise import default_index

PARALLEL_FROM = 40  # below this many files, starting worker processes costs more than it saves
PR_SET_PDEATHSIG = 1


@dataclass
class FileResult:
    file_name: str
    status: str  # added | replaced | unchanged | failed
    place: str | None = None
    incentives: int = 0
    metrics: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    def line(self) -> str:
        if self.status == "failed":
            return f"✗ {self.file_name}: {self.error}"
        parts = [
            f"✓ {self.file_name}",
            self.place or "—",
            f"incentives {self.incentives}",
            f"metrics {self.metrics}",
        ]
        if self.status != "added":
            parts.append(self.status)
        if self.warnings:
            parts.append("warnings: " + ", ".join(WARNING_TEXT.get(w, w) for w in self.warnings))
        return "  ".join(parts)


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def stored(self) -> int:
        """Files that are in the database after the run (new, replaced or already there)."""
        return len(self.results) - self.count("failed")

    def summary(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s}" for s in ("added", "replaced", "unchanged", "failed"))
        return f"{len(self.results)} files: {counts} · {self.seconds:.2f} s"


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and every non-hidden file below a folder, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found


@dataclass(frozen=True)
class Prepared:
    """A file read and processed, ready to store; or the reason it will not be (failed/unchanged)."""

    name: str
    item: ProcessedArticle | None = None
    digest: str | None = None  # set when the stored article already has these exact bytes
    error: str | None = None


def prepare(path: Path, max_bytes: int, known: dict[str, str]) -> Prepared:
    """Read and process one file, with no database: this is the part that runs in parallel.
    `known` maps file names to the hashes already stored, so unchanged files are not processed."""
    try:
        raw = read_bytes(path, max_bytes)
        digest = content_hash(raw)
        if known.get(path.name) == digest:
            return Prepared(path.name, digest=digest)
        return Prepared(path.name, item=process_article(path.name, raw))
    except UnreadableArticle as exc:
        return Prepared(path.name, error=str(exc))


def store(
    prepared: Prepared, engine: Engine, places: PlaceLookup, stored: dict[str, StoredArticle], force: bool
) -> FileResult:
    name = prepared.name
    if prepared.error is not None:
        return FileResult(name, "failed", error=prepared.error)
    if prepared.item is None:
        s = stored[name]
        return FileResult(name, "unchanged", s.place, s.incentives, s.metrics, s.warnings)
    item = prepared.item
    with Session(engine) as session:
        try:
            status = store_article(session, item, places, force=force)
        except Exception as exc:  # a database error on one article must not lose the others
            session.rollback()
            return FileResult(name, "failed", error=f"could not store: {exc.__class__.__name__}: {exc}")
    return FileResult(
        name,
        status,
        place=item.place.place.name if item.place else None,
        incentives=len(item.extraction.incentives),
        metrics=len(item.extraction.metrics),
        warnings=item.warnings,
    )


def default_jobs() -> int:
    """One process per core, at most four: the single writer cannot keep more busy."""
    return max(1, min(os.cpu_count() or 1, 4))


def _prepared(files: list[Path], max_bytes: int, known: dict[str, str], jobs: int) -> Iterator[Prepared]:
    """Processed files in their original order; in worker processes when there are enough files to
    repay starting them. Storing stays in this process, one transaction per article, in order."""
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        for path in files:
            yield prepare(path, max_bytes, known)
        return
    default_index()  # built once here and shared with the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker) as pool:
        yield from pool.map(partial(prepare, max_bytes=max_bytes, known=known), files, chunksize=8)


def _start_worker() -> None:
    """Die with the ingest (Linux). A forked worker holds copies of the ingest's database sockets;
    outliving a killed ingest, it would keep a PostgreSQL transaction open and lock the re-run."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the ingest died before prctl took effect
        os._exit(1)


def ingest_paths(
    paths: Iterable[Path],
    engine: Engine,
    on_result: Callable[[FileResult], None] | None = None,
    force: bool = False,
    jobs: int = 1,
) -> IngestReport:
    """Ingest files and folders into an upgraded database; returns what happened to each file."""
    started = time.perf_counter()
    max_bytes = get_settings().max_article_bytes
    with Session(engine) as session:
        places = PlaceLookup(session)
        stored = {} if force else stored_articles(session)
    known = {name: s.digest for name, s in stored.items()}
    report = IngestReport()
    for prepared in _prepared(discover(paths), max_bytes, known, jobs):
        result = store(prepared, engine, places, stored, force)
        report.results.append(result)
        if on_result:
            on_result(result)
    report.seconds = time.perf_counter() - started
    return report


def run_ingest_command(
    paths: list[Path],
    quiet: bool = False,
    force: bool = False,
    jobs: int | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """The CLI: 0 when at least one file is in the database, 1 when none is, 2 for a missing path."""
    from app.db import get_engine, refresh_statistics, upgrade

    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    files = discover(paths)
    if not files:
        print("error: no files to ingest", file=sys.stderr)
        return 1
    engine = get_engine()
    upgrade(engine)
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, leave=False)
    lines: list[str] = []

    def on_result(result: FileResult) -> None:
        lines.append(result.line())
        if bar is not None:
            bar.update(1)
        elif not quiet:
            print(result.line(), file=out, flush=True)

    report = ingest_paths(files, engine, on_result=on_result, force=force, jobs=jobs or default_jobs())
    if (report.count("added") or report.count("replaced")) and not refresh_statistics(engine):
        print("note: another ingest held the database; planner statistics are left to the next run", file=sys.stderr)
    if bar is not None:
        bar.close()
        print("\n".join(lines), file=out)
    print(report.summary(), file=out)
    return 0 if report.stored else 1

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
from app.ingest.store import PlaceLookup, StoredArticle, bump_data_version, store_article, stored_articles
from app.places.recognise import default_index

VERSION_INTERVAL = 1.0  # seconds: how often an ingest run lets the caches' data version move
PARALLEL_FROM = 40  # below this many files, starting worker processes costs more than it saves
PR_SET_PDEATHSIG = 1


@dataclass
class FileResult:
    file_name: str
    status: str  # added | replaced | unchanged | duplicate | skipped | failed
    place: str | None = None
    incentives: int = 0
    metrics: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    same_as: str | None = None  # for a duplicate: the article that holds the same bytes

    def line(self) -> str:
        if self.status == "failed":
            return f"✗ {self.file_name}: {self.error}"
        if self.status == "skipped":
            return f"- {self.file_name}: skipped, {self.error}"
        if self.status == "duplicate":
            return f"= {self.file_name}: same as {self.same_as}, stored once"
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
        """Files that are in the database after the run (new, replaced, already there or a duplicate)."""
        return len(self.results) - self.count("failed") - self.count("skipped")

    def summary(self) -> str:
        statuses = ("added", "replaced", "unchanged", "duplicate", "skipped", "failed")
        optional = ("duplicate", "skipped")  # named only when there are some
        counts = ", ".join(f"{self.count(s)} {s}" for s in statuses if s not in optional or self.count(s))
        return f"{len(self.results)} files: {counts} · {self.seconds:.2f} s"


@dataclass(frozen=True)
class Source:
    """A file to ingest and the name that identifies its article: its path relative to the folder
    given ("2024/x.txt"), or its absolute path when the file was named by itself. Two files with one
    base name in two folders are two articles."""

    path: Path
    name: str


@dataclass(frozen=True)
class Skipped:
    """An entry below a folder that is not read, and why: the report names it rather than lose it."""

    name: str
    reason: str


def discover(paths: Iterable[Path]) -> list[Source]:
    """Files named directly, and every non-hidden file below a folder, in a stable order."""
    return find_sources(paths)[0]


def find_sources(paths: Iterable[Path]) -> tuple[list[Source], list[Skipped]]:
    """The files to read, and the entries below the folders that are not: a link to a folder (never
    followed, so a link back up cannot loop), a link to nothing, a folder that cannot be listed, the
    assets folder of a page saved "complete". Hidden entries (.git, .DS_Store) are passed over without a word."""
    found: list[Source] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.is_dir():
            found.append(Source(path, str(path.resolve())))
            continue

        def unlistable(error: OSError, root: Path = path) -> None:
            where = Path(error.filename or root).relative_to(root).as_posix()
            skipped.append(Skipped(where, f"cannot list this folder: {error.strerror or error}"))

        below: list[Source] = []
        for folder, dirs, files in os.walk(path, onerror=unlistable):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for d in [d for d in dirs if (here / d).is_symlink()]:
                dirs.remove(d)
                skipped.append(Skipped((here / d).relative_to(path).as_posix(), "a link to a folder, not followed"))
            for d, page in [(d, saved) for d in dirs if (saved := saved_page_of(d, files))]:
                dirs.remove(d)
                skipped.append(Skipped((here / d).relative_to(path).as_posix(), f"the images and scripts of {page}"))
            for f in sorted(f for f in files if not f.startswith(".")):
                p = here / f
                name = p.relative_to(path).as_posix()
                if p.is_file():
                    below.append(Source(p, name))
                else:
                    skipped.append(Skipped(name, "a link to nothing" if p.is_symlink() else "not a regular file"))
        found.extend(sorted(below, key=lambda s: s.path))  # the order of the paths, as before
    return found, skipped


PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def saved_page_of(folder: str, files: list[str]) -> str | None:
    """The page a folder belongs to when a browser saved it "complete": x.html beside x_files/
    (Firefox, Chrome) or x.files/ holding its images, styles and scripts, which are no articles."""
    for tail in ("_files", ".files"):
        if folder.endswith(tail):
            stem = folder[: -len(tail)]
            return next((f for f in files if f.lower() in {stem.lower() + s for s in PAGE_SUFFIXES}), None)
    return None


def claim_names(sources: list[Source], stored: Iterable[str]) -> list[Source]:
    """Each source under the name its article is stored by. An article stored before names were
    paths is known by its base name alone (x.txt); a file with that base name takes it over, once
    per run, so an old database keeps its articles and their ids, and a second x.txt from another
    folder is an article of its own."""
    known = set(stored)
    legacy = {n for n in known if "/" not in n}
    claimed: set[str] = set()
    out: list[Source] = []
    for source in sources:
        name = source.name
        base = name.rsplit("/", 1)[-1]
        if name not in known and base != name and base in legacy and base not in claimed:
            name = base
        claimed.add(name)
        out.append(Source(source.path, name))
    return out


@dataclass(frozen=True)
class Prepared:
    """A file read and processed, ready to store; or the reason it will not be (failed/unchanged)."""

    name: str
    item: ProcessedArticle | None = None
    digest: str | None = None  # set when the stored article already has these exact bytes
    error: str | None = None
    same_as: str | None = None  # another article already holds these exact bytes


def prepare(source: Source, max_bytes: int, known: dict[str, str], hashes: dict[str, str]) -> Prepared:
    """Read and process one file, with no database: this is the part that runs in parallel.
    `known` maps names to the hashes already stored, so unchanged files are not processed; `hashes`
    maps stored hashes to their names, so the same bytes under another name are not stored twice."""
    name = source.name
    try:
        raw = read_bytes(source.path, max_bytes)
        digest = content_hash(raw)
        if known.get(name) == digest:
            return Prepared(name, digest=digest)
        if hashes.get(digest, name) != name:
            return Prepared(name, same_as=hashes[digest])
        return Prepared(name, item=process_article(name, raw))
    except UnreadableArticle as exc:
        return Prepared(name, error=str(exc))


class VersionClock:
    """When an ingest run changes the data version. Every cache keys on it, so changing it with each
    of 500 articles emptied the caches 500 times and kept every page cold for the whole run. It now
    moves with the article committed when `interval` seconds have passed since it last moved, and
    once more at the end of the run (`settle`) for the articles committed since; each article is
    still its own transaction, so readers never see half of one."""

    def __init__(self, interval: float | None = None, now: Callable[[], float] = time.monotonic) -> None:
        self.interval = VERSION_INTERVAL if interval is None else interval
        self.now = now
        self.last: float | None = None
        self.pending = False  # articles committed since the version last moved

    def due(self) -> bool:
        """Whether the next article's transaction should move the version."""
        return self.last is None or self.now() - self.last >= self.interval

    def committed(self, bumped: bool) -> None:
        """An article was committed, moving the version or not (a failed one changes nothing)."""
        if bumped:
            self.last, self.pending = self.now(), False
        else:
            self.pending = True

    def settle(self, engine: Engine) -> None:
        if self.pending:
            with Session(engine) as session:
                bump_data_version(session)
                session.commit()
            self.pending = False


def store(
    prepared: Prepared,
    engine: Engine,
    places: PlaceLookup,
    stored: dict[str, StoredArticle],
    force: bool,
    clock: VersionClock | None = None,
) -> FileResult:
    name = prepared.name
    if prepared.error is not None:
        return FileResult(name, "failed", error=prepared.error)
    if prepared.same_as is not None:
        return FileResult(name, "duplicate", same_as=prepared.same_as)
    if prepared.item is None:
        s = stored[name]
        return FileResult(name, "unchanged", s.place, s.incentives, s.metrics, s.warnings)
    item = prepared.item
    with Session(engine) as session:
        try:
            bump = clock is None or clock.due()
            status = store_article(session, item, places, force=force, bump=bump)
            if clock is not None and status != "unchanged":
                clock.committed(bump)
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


def _prepared(
    files: list[Source], max_bytes: int, known: dict[str, str], hashes: dict[str, str], jobs: int
) -> Iterator[Prepared]:
    """Processed files in their original order; in worker processes when there are enough files to
    repay starting them. Storing stays in this process, one transaction per article, in order."""
    if jobs <= 1 or len(files) < PARALLEL_FROM:
        for source in files:
            yield prepare(source, max_bytes, known, hashes)
        return
    default_index()  # built once here and shared with the forked workers
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker) as pool:
        work = partial(prepare, max_bytes=max_bytes, known=known, hashes=hashes)
        yield from pool.map(work, files, chunksize=8)


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
    walked: tuple[list[Source], list[Skipped]] | None = None,
) -> IngestReport:
    """Ingest files and folders into an upgraded database; returns what happened to each file.
    `walked`: find_sources(paths), when the caller has walked the folders already."""
    started = time.perf_counter()
    max_bytes = get_settings().max_article_bytes
    with Session(engine) as session:
        places = PlaceLookup(session)
        stored = stored_articles(session)
    known = {} if force else {name: s.digest for name, s in stored.items()}
    hashes = {s.digest: name for name, s in stored.items()}
    report = IngestReport()
    clock = VersionClock()
    found, skipped = walked if walked is not None else find_sources(paths)
    for entry in skipped:
        result = FileResult(entry.name, "skipped", error=entry.reason)
        report.results.append(result)
        if on_result:
            on_result(result)
    sources = claim_names(found, stored)
    for prepared in _prepared(sources, max_bytes, known, hashes, jobs):
        # Bytes met earlier in this run (the workers could not know of them) are the same article too.
        item = prepared.item
        if item is not None and hashes.get(item.content_hash, prepared.name) != prepared.name:
            prepared = Prepared(prepared.name, same_as=hashes[item.content_hash])
        result = store(prepared, engine, places, stored, force, clock)
        if item is not None and result.status in ("added", "replaced"):
            hashes[item.content_hash] = prepared.name
        report.results.append(result)
        if on_result:
            on_result(result)
    clock.settle(engine)
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
    from app.db import get_engine, refresh_statistics
    from app.ingest.places import prepare_database

    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    walked = find_sources(paths)
    files, skipped = walked
    if not files:
        print("error: no files to ingest", file=sys.stderr)
        return 1
    engine = get_engine()
    prepare_database(engine)
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files) + len(skipped), unit="file", file=sys.stderr, leave=False)
    lines: list[str] = []

    def on_result(result: FileResult) -> None:
        lines.append(result.line())
        if bar is not None:
            bar.update(1)
        elif not quiet:
            print(result.line(), file=out, flush=True)

    report = ingest_paths(
        paths, engine, on_result=on_result, force=force, jobs=jobs or default_jobs(), walked=walked
    )
    if (report.count("added") or report.count("replaced")) and not refresh_statistics(engine):
        print("note: another ingest held the database; planner statistics are left to the next run", file=sys.stderr)
    if bar is not None:
        bar.close()
        print("\n".join(lines), file=out)
    print(report.summary(), file=out)
    return 0 if report.stored else 1

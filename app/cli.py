"""Command line: `python -m app ingest|export|serve|upgrade`.

Exit codes follow the ingest contract: 0 when at least one file went in, 1 when none did, 2 on bad
usage (argparse's own convention for usage errors).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.config import SEEDS_DIR

EXPORT_TABLES = ("incentives", "places", "policies", "metrics")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="Talent Policy Atlas (人才政策地图)")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read articles (files or folders) into the database")
    ingest.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {SEEDS_DIR.name}/)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar and no per-file lines")
    ingest.add_argument(
        "--force", action="store_true", help="re-extract files even when their bytes are unchanged"
    )
    ingest.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes that read and extract (default: one per core, at most 4; used from 40 files)",
    )

    export = sub.add_parser("export", help="write a table to stdout, or the original articles to a folder")
    export.add_argument("table", choices=(*EXPORT_TABLES, "articles"))
    export.add_argument("dest", nargs="?", type=Path, help="articles only: the folder to write them to")
    export.add_argument("--format", choices=("json", "csv"), default="json")

    serve = sub.add_parser("serve", help="serve the dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)

    sub.add_parser("upgrade", help="create or upgrade the database schema and load the gazetteer")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # `python -m app export incentives | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "ingest":
        from app.ingest.pipeline import run_ingest_command

        return run_ingest_command(
            args.paths or [SEEDS_DIR], quiet=args.quiet, force=args.force, jobs=args.jobs
        )
    if args.command == "export":
        from app.db import get_engine
        from app.export.command import run_export_command
        from app.ingest.places import prepare_database

        if (args.table == "articles") == (args.dest is not None):  # checked before touching the database
            engine = get_engine()
            prepare_database(engine)
            return run_export_command(engine, args.table, args.format, args.dest, sys.stdout)
        print("error: a folder is needed for `export articles DIR`, and only there", file=sys.stderr)
        return 2
    if args.command == "serve":
        from app.db import get_engine
        from app.ingest.places import prepare_database
        from app.web.server import run_server

        prepare_database(get_engine())  # once, here, so that workers never race to migrate
        return run_server(args.host, args.port, args.workers)
    if args.command == "upgrade":
        from app.db import get_engine
        from app.ingest.places import prepare_database

        prepare_database(get_engine())
        print("database is up to date")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands first

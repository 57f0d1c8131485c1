"""What a probed soak's memory was: `python -m bench.probe_report DIR [--base N] [--top 15]`.

Reads the probe lines and tracemalloc snapshots that `python -m bench.soak --probe DIR` left (see
bench/traced_server.py), prints the figures of every probe side by side, then the source lines whose
live Python memory grew most between snapshot N (default 1: the first after the warm-up, whose ingest
batch fills the caches) and the last one. Growth that shows in RSS and malloc's free bytes but not
in these lines is memory malloc keeps, not objects Python keeps.
"""

from __future__ import annotations

import argparse
import json
import tracemalloc
from pathlib import Path

COLUMNS = (
    "rss_mb",
    "python_traced_mb",
    "python_blocks",
    "malloc_in_use_mb",
    "malloc_free_mb",
    "malloc_arena_mb",
    "sqlite_heap_mb",
    "threads",
    "trim_ms",
    "trim_freed_mb",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe_report", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--base", type=int, default=1, help="snapshot to diff the last one against")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    lines = [json.loads(x) for x in (args.folder / "probe.jsonl").read_text("utf-8").splitlines() if x]
    if not lines:
        raise SystemExit(f"no probes in {args.folder}")
    t0 = lines[0]["t"]
    print("probe  t_s  " + "  ".join(COLUMNS))
    for i, line in enumerate(lines):
        print(
            f"{i:5d} {line['t'] - t0:4.0f}  " + "  ".join(f"{line.get(c, '-'):>{len(c)}}" for c in COLUMNS)
        )  # older probes lack some
    snapshots = sorted(args.folder.glob("snapshot-*.tracemalloc"))
    if len(snapshots) <= args.base:
        return 0
    base = tracemalloc.Snapshot.load(str(snapshots[args.base])).filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    last = tracemalloc.Snapshot.load(str(snapshots[-1])).filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    print(f"\nlive Python memory, {snapshots[args.base].name} -> {snapshots[-1].name}, by line:")
    for stat in last.compare_to(base, "lineno")[: args.top]:
        print(f"  {stat.size_diff / 1024:+9.0f} KiB {stat.count_diff:+7d} blocks  {stat.traceback[0]}")
    print("\nthe largest growth, by traceback:")
    for stat in last.compare_to(base, "traceback")[:3]:
        print(f"  {stat.size_diff / 1024:+9.0f} KiB")
        for frame in stat.traceback.format()[-12:]:
            print("    " + frame)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

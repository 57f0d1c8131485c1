"""The dashboard's server with a memory probe: `python -m bench.traced_server --port P --out DIR`.

Why: the soak saw RSS rise in steps at each ingest batch, and RSS alone cannot say whose memory it
is. On SIGUSR1 this process writes one line of figures that tell the three owners apart, and, with
--tracemalloc, a snapshot of every live Python allocation:

- Python objects that are alive (tracemalloc's traced total, and the blocks Python's allocator has
  handed out): a real leak grows these;
- what glibc's malloc holds in use and holds free (mallinfo2 over all arenas): free bytes that keep
  growing while the in-use ones stay level are fragmentation across per-thread arenas, not a leak;
- SQLite's own heap (sqlite3_memory_used): page caches of pooled connections;
- and last, what one malloc_trim(0) gives back and how long it takes (app.web.memory).

Used by `python -m bench.soak --probe DIR [--tracemalloc]`, which signals after the warm-up, after
each ingest batch and at the end; bench.probe_report prints the lines and diffs the snapshots. The
probe alone costs a gc pass and a trim per signal; tracemalloc slows the server 100-fold (0.1-0.6
req/s in the soak), so a traced soak measures memory, never speed. Local only: it serves on 127.0.0.1 like bench.soak.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import json
import signal
import sys
import threading
import time
import tracemalloc
from pathlib import Path

from app.db import get_engine
from app.ingest.places import prepare_database
from app.web.memory import glibc_malloc_trim
from app.web.server import run_server
from bench.run import proc_status_mb

FRAMES = 8


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(ctypes.util.find_library("c"))


def _sqlite_memory_used() -> int:
    """sqlite3_memory_used() of the library Python's sqlite3 module is linked against."""
    import _sqlite3

    lib = ctypes.CDLL(_sqlite3.__file__)
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return int(lib.sqlite3_memory_used())


def figures() -> dict:
    libc = _libc()
    libc.mallinfo2.restype = MallInfo2
    info = libc.mallinfo2()
    traced, _peak = tracemalloc.get_traced_memory()
    mb = 1024 * 1024
    return {
        "t": round(time.monotonic(), 1),
        "rss_mb": round(proc_status_mb("self", "VmRSS"), 1),
        "python_traced_mb": round(traced / mb, 1),
        # Not len(gc.get_objects()): that hands other threads' tuples under construction to this one,
        # and `tuple(generator)` then fails in the request that was building it (a SystemError from
        # _PyTuple_Resize, seen twice in a 30-minute probed soak). The allocator's count is safe.
        "python_blocks": sys.getallocatedblocks(),
        "malloc_in_use_mb": round((info.uordblks + info.hblkhd) / mb, 1),
        "malloc_free_mb": round(info.fordblks / mb, 1),
        "malloc_arena_mb": round(info.arena / mb, 1),
        "sqlite_heap_mb": round(_sqlite_memory_used() / mb, 1),
        "threads": threading.active_count(),
        **trimmed(),
    }


def trimmed() -> dict:
    """What one malloc_trim(0) gives back now and how long it takes (see app.web.memory)."""
    trim = glibc_malloc_trim()
    if trim is None:
        return {}
    before = proc_status_mb("self", "VmRSS")
    t0 = time.perf_counter()
    trim()
    return {
        "trim_ms": round((time.perf_counter() - t0) * 1000, 1),
        "trim_freed_mb": round(before - proc_status_mb("self", "VmRSS"), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.traced_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder for probe.jsonl and snapshots")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="record every allocation and write a snapshot per probe (slows the server 100-fold)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.tracemalloc:
        tracemalloc.start(FRAMES)
    wanted = threading.Event()

    def probe_loop() -> None:
        """Probes one at a time on a thread of its own: signals that come while one is being written
        (two ingest batches ending together) are one probe, never two writers of one file."""
        count = 0
        while True:
            wanted.wait()
            wanted.clear()
            gc.collect()
            line = figures()
            with (args.out / "probe.jsonl").open("a", encoding="utf-8") as f:
                f.write(json.dumps(line) + "\n")
            if args.tracemalloc:
                tracemalloc.take_snapshot().dump(str(args.out / f"snapshot-{count:03d}.tracemalloc"))
            count += 1

    threading.Thread(target=probe_loop, name="memory-probe", daemon=True).start()
    signal.signal(signal.SIGUSR1, lambda _signum, _frame: wanted.set())
    prepare_database(get_engine())  # what `python -m app serve` runs, in this process
    run_server(args.host, args.port)


if __name__ == "__main__":
    main()

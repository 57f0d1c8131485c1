"""Keeps a long-running server's RSS close to what it holds: fewer malloc holes, and freed pages returned.

Why: the soak (bench/soak.py, probed with bench/traced_server.py) showed the server's live Python
objects and glibc's in-use bytes level across ingest batches while its RSS rose in steps: the rise
was glibc's *free* bytes, 10 -> 229 MB in five minutes. Pages were rendered on 40 worker threads
spread over up to 16 arenas, big strings came to be carved out of the heaps (see MALLOPT), and glibc
returns free memory to the system only from the top of a heap, so the holes stayed.

Before the server starts, fewer arenas and a fixed mmap threshold (MALLOPT) make fewer holes; then a
daemon thread calls `malloc_trim(0)`, which releases the whole free pages inside every arena
(madvise), every `ATLAS_MALLOC_TRIM_S` seconds (default 10; 0 turns it off). A call took 1-80 ms in
the soak, releases the GIL, and locks each arena only while it trims it. With both, the 30-minute
soak's RSS stayed within 6% (bench/RESULTS.md). Only glibc has these calls; elsewhere (musl, macOS)
this module does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Callable

from app.config import get_settings

# mallopt() parameters (glibc's malloc.h), each with the environment variable glibc itself reads: one
# an operator set wins over ours. Two arenas, not 8 per core: Python allocates under the GIL, so more
# arenas buy no parallelism, only more heaps to fragment. A fixed mmap threshold: blocks of 128 KiB and
# more (rendered pages, result lists, CSV bodies) get their own mappings and leave no hole when freed;
# glibc's default raises the threshold after each such free, until big blocks come from the heaps too.
M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8
MALLOPT = (
    (M_ARENA_MAX, 2, "MALLOC_ARENA_MAX"),
    (M_MMAP_THRESHOLD, 128 * 1024, "MALLOC_MMAP_THRESHOLD_"),
)


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim, libc.mallopt  # noqa: B018 - only glibc has both
    except (OSError, AttributeError):
        return None
    return libc


def glibc_malloc_trim() -> Callable[[], int] | None:
    """`malloc_trim(0)` of this process's C library, or None when it has none (not glibc)."""
    libc = _glibc()
    if libc is None:
        return None
    trim = libc.malloc_trim
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: trim(0)


def tune_glibc_malloc() -> list[str]:
    """Sets the MALLOPT parameters the environment leaves unset; returns their names, as set.

    Called before the first request starts a worker thread, since an arena, once made, stays.
    """
    libc = _glibc()
    if libc is None:
        return []
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.mallopt.restype = ctypes.c_int
    done = []
    set_by_operator = get_settings().glibc_malloc_env
    for param, value, env in MALLOPT:
        if env not in set_by_operator and libc.mallopt(param, value) == 1:
            done.append(env)
    return done


class MallocTrimmer:
    """Calls `trim` every `interval` seconds on a daemon thread between `start()` and `stop()`."""

    def __init__(self, interval: float, trim: Callable[[], int] | None) -> None:
        self.interval = interval
        self.trim = trim
        self.trims = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def active(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        if self.trim is None or self.interval <= 0 or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="malloc-trim", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        trim = self.trim
        assert trim is not None, "start() starts no thread without a trim"
        while not self._stop.wait(self.interval):
            trim()
            self.trims += 1

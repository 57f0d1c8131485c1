"""Gives freed heap memory back to the system, so a long-running server's RSS follows what it holds.

Why: the soak (bench/soak.py, probed with bench/traced_server.py) showed the server's live Python
objects and glibc's in-use bytes level across ingest batches while its RSS rose in steps: the rise
was glibc's *free* bytes, 10 -> 190 MB in five minutes. Route functions run on up to 40 worker
threads, glibc gives threads their own arenas, and a page rendered in one arena and freed leaves
holes that glibc returns to the system only from the top of a heap. `malloc_trim(0)` walks every
arena and releases the whole free pages inside them (madvise), which is what RSS needs.

A daemon thread calls it every `ATLAS_MALLOC_TRIM_S` seconds (default 10; 0 turns it off); the call
takes milliseconds and releases the GIL, and each arena is locked only while it is trimmed. Only
glibc has `malloc_trim`; elsewhere (musl, macOS) the trimmer does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
from collections.abc import Callable

TRIM_ENV = "ATLAS_MALLOC_TRIM_S"
DEFAULT_TRIM_S = 10.0


def glibc_malloc_trim() -> Callable[[], int] | None:
    """`malloc_trim(0)` of this process's C library, or None when it has none (not glibc)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: trim(0)


def trim_interval_from_env() -> float:
    """Seconds between trims; a value that is not a non-negative number is a configuration error."""
    raw = os.environ.get(TRIM_ENV, str(DEFAULT_TRIM_S))
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(
            f"{TRIM_ENV} must be a number of seconds (0 turns trimming off), not {raw!r}"
        ) from None
    if not seconds >= 0:  # also refuses nan
        raise ValueError(f"{TRIM_ENV} must be 0 or more seconds, not {raw!r}")
    return seconds


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
        while not self._stop.wait(self.interval):
            self.trim()
            self.trims += 1

"""Running a coroutine from a synchronous test, whatever the thread's state."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

T = TypeVar("T")


def run_async(fn: Callable[..., Awaitable[T]], *args: Any) -> T:
    """anyio.run in a thread of its own: in a full test run the browser tests' Playwright (sync API)
    leaves an event loop running in the main thread, where anyio.run refuses to start another."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, fn, *args).result()

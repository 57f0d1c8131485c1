"""After the data changes, the pages this process served most are rendered again in the background.

A new data version empties the response cache and every query cache, so the first visitor to each
page after an ingest pays for all of it (seconds for a nationwide calculator profile). The response
cache counts the requests it answers; when it sees a new version it hands the most asked-for ones
here, and they are replayed through the app one after another, each stored under the new version as
if a visitor had asked. Bounded: at most `limit` pages per new version, within `budget` seconds, one
at a time (a second core stays free for visitors); a newer version stops the round and starts anew.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Awaitable, Callable

MAX_TRACKED = 256  # distinct pages counted; past it the less asked-for half is forgotten
BUDGET_SECONDS = 10.0
# What routing adds to a request as it is served: a replay starts without them.
REQUEST_STATE = frozenset({"state", "router", "endpoint", "route", "path_params", "fastapi_astack"})

Replay = Callable[[dict], Awaitable[bool]]  # renders one request's scope; False: stop the round


class WarmUp:
    def __init__(self, limit: int, budget: float = BUDGET_SECONDS) -> None:
        self.limit = limit
        self.budget = budget
        self.hits: Counter[tuple] = Counter()
        self.scopes: dict[tuple, dict] = {}
        self._tasks: set[asyncio.Task] = set()  # held here: the loop keeps only weak references

    def seen(self, page: tuple, scope: dict) -> None:
        """A request for `page` (the response cache's key without its version) was answered."""
        if self.limit <= 0:
            return
        self.hits[page] += 1
        if page not in self.scopes:
            self.scopes[page] = {k: v for k, v in scope.items() if k not in REQUEST_STATE}
        if len(self.hits) > MAX_TRACKED:
            keep = dict(self.hits.most_common(MAX_TRACKED // 2))
            self.hits = Counter(keep)
            self.scopes = {p: s for p, s in self.scopes.items() if p in keep}

    def most_asked(self) -> list[dict]:
        return [self.scopes[page] for page, _ in self.hits.most_common(self.limit)]

    def start(self, replay: Replay) -> None:
        """A new data version: replay the most asked-for pages. A round still running is not
        cancelled: cancelling a replay mid-request left its route thread reading from a session the
        request's teardown had closed ("Cannot operate on a closed database" in the soak's log). It
        ends by itself at its next page, whose replay sees that the version moved on."""
        if self.limit <= 0 or not self.hits:
            return
        task = asyncio.get_running_loop().create_task(self._round(replay, self.most_asked()))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _round(self, replay: Replay, scopes: list[dict]) -> None:
        deadline = time.monotonic() + self.budget
        for scope in scopes:
            if time.monotonic() > deadline:
                return
            await asyncio.sleep(0)  # visitors' requests first
            if not await replay(scope):
                return

    async def stop(self) -> None:
        """Shutting down: rounds still running are cancelled and awaited."""
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

"""Cold renders of /map: the response cache off and the query caches emptied before every request,
so each figure is a first visit. Run by hand on a database built for it, e.g. the 10,000-article
bench corpus (python -m bench.corpus --articles 10000 --out /tmp/c, then python -m app ingest /tmp/c):

    DATABASE_URL=sqlite:////tmp/bench10k.db python -m bench.map_page

Prints each view's median over three cold renders, in-process through the ASGI app (no network), and
the page's size. A number to read, not a test: nothing fails on it.

Cold means cold data: what a first visit costs after an ingest. What a process pays once in its life
(compiling the template, loading the map's outlines, pypinyin's dictionaries for English names) is
paid before the timing starts, by one request in each language.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ["ATLAS_RESPONSE_CACHE_MB"] = "0"  # every request renders

from fastapi.testclient import TestClient

from app.query import cache
from app.vocab import CATEGORIES
from app.web.factory import create_app

RUNS = 3
VIEWS = [
    "/map",
    "/map?measure=offers",
    "/map?measure=kinds",
    "/map?target_level=doctorate&measure=best",
    "/map?category=housing_subsidy&target_level=doctorate",
    "/map?has_amount=false&measure=offers",
    *(f"/map?category={t.slug}" for t in CATEGORIES),
    "/map?highlight=kelamayi&lang=en",  # last: the language chosen is kept in a cookie
]


def main() -> None:
    with TestClient(create_app()) as client:
        # the process's one-time costs, not the data's; zh last, since the choice is kept in a cookie
        for url in ("/map?lang=en", "/map?lang=zh"):
            assert client.get(url).status_code == 200
        rows = []
        for url in VIEWS:
            times = []
            for _ in range(RUNS):
                cache._cache.clear()
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            symbols = response.text.count('<a href="/places/') - response.text.count('<td><a href="/places/')
            rows.append((url, statistics.median(times), len(response.content), symbols))
    width = max(len(u) for u, *_ in rows)
    print(f"{'view':<{width}}  cold ms  KB    symbols")
    for url, ms, size, symbols in rows:
        print(f"{url:<{width}}  {ms:7.1f}  {size / 1024:5.1f}  {symbols}")
    medians = [ms for _, ms, *_ in rows]
    print(f"median of views {statistics.median(medians):.1f} ms, slowest {max(medians):.1f} ms")


if __name__ == "__main__":
    main()

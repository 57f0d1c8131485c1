"""Proof of concept, bench only: the atlas with caches keyed on the data version, to measure the gain.

    python -m bench.cached_app --port P      (DATABASE_URL as for `python -m app serve`)

Why here and not in app/: the web app belongs to its owner; this module shows, with numbers from the
same run, what the recommended change would buy before anyone writes it properly. It wraps the
product's own functions, changing no query and no template:

- the lists that depend on the data alone (places and provinces with data for the filter form and
  the comparison's picker, the per-place summaries behind a place page's subdivisions, and facet
  counts that no other filter narrows) are computed once per data version, read from the `meta` row
  the ingest bumps on every write (one primary-key lookup per request);
- Jinja2 stops stat()-ing every template file on every render (auto_reload off, as in production).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from typing import Any

import uvicorn
from sqlmodel import Session

import app.query.places as places_mod
import app.web.routers.compare as compare_router
import app.web.routers.incentives as incentives_router
from app.ingest.store import DATA_VERSION_KEY
from app.models import Meta
from app.query.filters import ResolvedFilters
from app.web.templating import templates

_lock = threading.Lock()
_cache: dict[tuple[str, str | None, object], Any] = {}


def _version(session: Session) -> str | None:
    meta = session.get(Meta, DATA_VERSION_KEY)
    return meta.value if meta else None


def _cached(name: str, session: Session, key: object, compute: Callable[[], Any]) -> Any:
    full = (name, _version(session), key)
    with _lock:
        if full in _cache:
            return _cache[full]
    value = compute()
    with _lock:
        if len(_cache) > 256:  # old versions: drop everything, the next requests refill
            _cache.clear()
        _cache[full] = value
    return value


_orig_places_with_incentives = places_mod.places_with_incentives
_orig_provinces_with_data = places_mod.provinces_with_data
_orig_place_summaries = places_mod.place_summaries
_orig_ids_with_data = places_mod.ids_with_data
_orig_facet_counts = incentives_router.facet_counts


def places_with_incentives(session: Session):
    return _cached("places", session, None, lambda: _orig_places_with_incentives(session))


def provinces_with_data(session: Session):
    return _cached("provinces", session, None, lambda: _orig_provinces_with_data(session))


def place_summaries(session: Session):
    return _cached("summaries", session, None, lambda: _orig_place_summaries(session))


def ids_with_data(session: Session, summaries):
    return _cached("ids", session, None, lambda: _orig_ids_with_data(session, summaries))


def facet_counts(session: Session, resolved: ResolvedFilters, param: str) -> dict[str, int]:
    if resolved.conditions_except(param):
        return _orig_facet_counts(session, resolved, param)
    return _cached("facet", session, param, lambda: _orig_facet_counts(session, resolved, param))


def install() -> None:
    """Replace the functions where the routers look them up (they import names, not modules)."""
    places_mod.places_with_incentives = places_with_incentives
    places_mod.provinces_with_data = provinces_with_data
    places_mod.place_summaries = place_summaries
    places_mod.ids_with_data = ids_with_data
    incentives_router.places_with_incentives = places_with_incentives
    incentives_router.provinces_with_data = provinces_with_data
    incentives_router.facet_counts = facet_counts
    compare_router.places_with_incentives = places_with_incentives
    templates.env.auto_reload = False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cached_app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    install()
    from app.main import app

    # Same uvicorn arguments as app.web.server.run_server (one worker: the app object can be passed).
    uvicorn.run(app, host=args.host, port=args.port, workers=1, proxy_headers=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every link a page shows is computed here, on the server, from the validated parameters.

Datasette-style: facet toggles, "remove this filter" and page links, the CSV and JSON twins of a
view and its canonical address are all plain URLs, so each works without JavaScript and can be shared.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

from app.calculator.profile import Profile
from app.query.map import DEFAULT_MEASURE
from app.query.params import IncentiveFilters

LIST_PARAMS = ("category", "target_level")


def with_query(path: str, pairs: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def explorer_url(params: IncentiveFilters, path: str = "/incentives", *, page: bool = True) -> str:
    return with_query(path, params.query_pairs(page=page))


def map_url(params: IncentiveFilters, measure: str, highlight: str | None = None) -> str:
    """The map of the same filters; sort and page mean nothing there, so they are left out."""
    pairs = [(k, v) for k, v in params.query_pairs(page=False) if k not in ("sort", "size")]
    if measure != DEFAULT_MEASURE:
        pairs.append(("measure", measure))
    if highlight:
        pairs.append(("highlight", highlight))
    return with_query("/map", pairs)


def changed(params: IncentiveFilters, **changes: object) -> IncentiveFilters:
    """The same view with some parameters changed; any change of filter goes back to page 1."""
    if "page" not in changes:
        changes["page"] = 1
    return params.model_copy(update=changes)


def toggle_url(params: IncentiveFilters, param: str, value: str) -> str:
    """Add a value to a facet, or take it away if it is already chosen."""
    current = list(getattr(params, param))
    new = [v for v in current if v != value] if value in current else [*current, value]
    return explorer_url(changed(params, **{param: new}))


def remove_url(params: IncentiveFilters, param: str, value: str) -> str:
    if param in LIST_PARAMS:
        return explorer_url(changed(params, **{param: [v for v in getattr(params, param) if v != value]}))
    return explorer_url(changed(params, **{param: None}))


def page_url(params: IncentiveFilters, page: int) -> str:
    return explorer_url(params.model_copy(update={"page": page}))


def csv_url(params: IncentiveFilters) -> str:
    return explorer_url(params, "/incentives.csv", page=False)


def feed_url(params: IncentiveFilters) -> str:
    """The view's Atom feed: its filters only, since a feed is always newest first and whole."""
    pairs = [(k, v) for k, v in params.query_pairs(page=False) if k not in ("sort", "size")]
    return with_query("/incentives.atom", pairs)


def api_url(params: IncentiveFilters) -> str:
    return explorer_url(params, "/api/incentives")


def compare_url(slugs: list[str]) -> str:
    return with_query("/compare", [("place", s) for s in slugs])


def switch_url(request: Request, **choice: str) -> str:
    """The current page with a language or script chosen (the choice is then kept in a cookie)."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k not in choice]
    return with_query(request.url.path, pairs + list(choice.items()))


def canonical_url(request: Request, path_and_query: str | None = None) -> str:
    """The absolute address of a view: the given path and canonical query, or the request's own path.
    The site's configured public address (ATLAS_PUBLIC_URL) comes first: the request's own Host is
    whatever a client sent, and a shared cache or a chat preview must never be fed another site's
    links. Without one (local use) the request's address is all there is."""
    base = getattr(request.app.state, "public_url", None) or str(request.base_url).rstrip("/")
    return base + (path_and_query if path_and_query is not None else request.url.path)


def places_url(sort: str = "name", province: str | None = None, page: int = 1) -> str:
    """The places index, defaults left out of the address."""
    pairs = [("sort", sort)] if sort != "name" else []
    pairs += [("province", province)] if province else []
    pairs += [("page", str(page))] if page != 1 else []
    return with_query("/places", pairs)


def calculator_url(profile: Profile, *, page: int = 1, place: str | None = None) -> str:
    """The calculator for a profile at a page of its ranking, or for one place in full."""
    url = profile.url()
    if place:
        return f"{url}&{urlencode({'place': place})}"
    return f"{url}&page={page}" if page > 1 else url

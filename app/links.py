"""The address of every page kind, computed on the server from validated parameters or ids.

Datasette-style: facet toggles, "remove this filter" and page links, the CSV, JSON and feed twins of a
view, each place, incentive and article page, are plain paths, so each works without JavaScript and
can be shared. Templates (as `links`), the JSON API's models and both CSVs take them from here; what
depends on the request (the public base, the current page in another language) is app.web.urls.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from app.calculator.profile import Profile
from app.query.map import DEFAULT_MEASURE
from app.query.params import FILTER_BY_KEY, FILTERS, IncentiveFilters

FILTER_RANK = {f.key: i for i, f in enumerate(FILTERS)}  # a filter's place in the canonical query


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


def toggle_urls(params: IncentiveFilters, param: str, values: Iterable[str]) -> dict[str, str]:
    """Each value's explorer address with that value added to the list parameter, or taken away if
    it is chosen; back to page 1, as any change of filter. The rest of the query is encoded once:
    a facet lists a dozen values, and a copied model and a re-encoded query per value were most of
    the facets' cost."""
    assert FILTER_BY_KEY[param].many, f"{param} is not a list parameter"
    rank = FILTER_RANK[param]
    pairs = params.query_pairs(page=False)  # in the table's order, then sort and size
    head = urlencode([(k, v) for k, v in pairs if FILTER_RANK.get(k, len(FILTER_RANK)) < rank])
    tail = urlencode([(k, v) for k, v in pairs if FILTER_RANK.get(k, len(FILTER_RANK)) > rank])
    current: list[str] = getattr(params, param)
    urls = {}
    for value in values:
        chosen = [v for v in current if v != value] if value in current else [*current, value]
        query = "&".join(part for part in (head, urlencode([(param, v) for v in chosen]), tail) if part)
        urls[value] = f"/incentives?{query}" if query else "/incentives"
    return urls


def toggle_url(params: IncentiveFilters, param: str, value: str) -> str:
    return toggle_urls(params, param, [value])[value]


def remove_url(params: IncentiveFilters, param: str, value: str) -> str:
    if FILTER_BY_KEY[param].many:
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


def place_url(slug: str) -> str:
    return f"/places/{slug}"


def incentive_url(incentive_id: int) -> str:
    return f"/incentives/{incentive_id}"


def incentive_api_url(incentive_id: int) -> str:
    return f"/api/incentives/{incentive_id}"


def article_url(article_id: int, item: str | None = None) -> str:
    """An article's page, optionally at one marked item ("incentive-12", "metric-3")."""
    return f"/articles/{article_id}#{item}" if item else f"/articles/{article_id}"

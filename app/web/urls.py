"""Addresses that depend on the request: the view's absolute canonical address and the current page
in another language or script. Every other address is app.links, which needs no request."""

from __future__ import annotations

from starlette.requests import Request

from app.links import with_query


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

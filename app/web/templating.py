"""Rendering pages with Jinja2 (autoescaped) and jinja2-fragments.

One template renders either the whole page or, for an HTMX request, only the block that changes, so the
fragment and the full page can never disagree. A history-restore request (back button after a cache
miss) and a plain navigation both get the full page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.requests import Request
from starlette.responses import Response

from app import links
from app.config import PROJECT_ROOT
from app.query.history import outdated
from app.web.i18n import Prefs
from app.web.rows import incentive_items
from app.web.static_files import static_url
from app.web.urls import switch_url

HTMX_VERSION = "2.0.11"

templates = Jinja2Blocks(directory=str(PROJECT_ROOT / "templates"))
# Block tags leave no blank lines and indents behind: a list of a hundred items was a third white space.
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True
templates.env.globals.update(
    links=links, switch_url=switch_url, htmx_version=HTMX_VERSION, static_url=static_url, outdated=outdated,
    incentive_items=incentive_items,
)
# Checking every template file's mtime on every render was 4% of a page; only a developer editing
# templates under a running server needs it (ATLAS_DEV=1, which create_app applies).
templates.env.auto_reload = False


@dataclass(frozen=True)
class PageMeta:
    """What a link preview shows (title, description) and the view's one canonical address."""

    title: str
    description: str
    canonical: str
    feed: str | None = None  # the view's Atom feed, for <link rel=alternate>


def is_fragment_request(request: Request) -> bool:
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-history-restore-request") != "true"
        and headers.get("hx-boosted") != "true"
    )


def fragment_block(request: Request, fragments: tuple[str, ...]) -> str | None:
    """The block an HTMX request swaps: the one its target element is named after, else the first."""
    if not fragments or not is_fragment_request(request):
        return None
    target = request.headers.get("hx-target")
    return target if target in fragments else fragments[0]


def render(
    request: Request,
    template: str,
    prefs: Prefs,
    meta: PageMeta,
    *,
    fragments: tuple[str, ...] = (),
    push_url: str | None = None,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """The page, or only one of its `fragments` (blocks named like their element ids) for HTMX.

    A fragment response names the view's canonical address (`push_url`) in HX-Push-Url, so the
    address bar shows "?category=award" rather than every empty field the form submitted. Vary,
    ETag and Cache-Control come from app.web.response_cache, which every page passes through.
    """
    block = fragment_block(request, fragments)
    response = templates.TemplateResponse(
        request,
        template,
        {"p": prefs, "meta": meta, "fragment_name": block, **context},
        status_code=status_code,
        block_name=block,
    )
    if block is not None and push_url is not None:
        response.headers["HX-Push-Url"] = push_url
    return response

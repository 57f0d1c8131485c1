"""Error responses: a readable HTML page for people, JSON for the API, never a stack trace.

Bad parameters are the reader's mistake and get 422 with the parameter named; unknown places,
articles and incentives get 404. API paths (/api/...) always answer JSON.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from app.query.conditions import UnknownFilterValue
from app.web.i18n import get_prefs
from app.web.templating import PageMeta, render
from app.web.urls import canonical_url

TITLE_KEYS = {404: "error_404", 405: "error_405", 422: "error_422"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error_page(request: Request, status: int, problems: list[str]) -> Response:
    prefs = get_prefs(request)
    title = prefs.t(TITLE_KEYS.get(status, "error_other"))
    meta = PageMeta(title=title, description=title, canonical=canonical_url(request))
    return render(
        request, "error.html", prefs, meta, status_code=status, status=status, problems=problems, title=title
    )


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
    return f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", ""))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        errors = [{k: v for k, v in e.items() if k != "ctx"} for e in exc.errors()]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)
    return _error_page(request, 422, [_problem(e) for e in exc.errors()])


async def unknown_value(request: Request, exc: UnknownFilterValue) -> Response:
    if _wants_json(request):
        # "type" too: the schema FastAPI publishes for a 422 (ValidationError) requires loc, msg and type.
        detail = [{"loc": ["query", exc.param], "msg": str(exc), "type": "unknown_value"}]
        return JSONResponse({"detail": detail}, status_code=422)
    return _error_page(request, 422, [str(exc)])


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    headers = getattr(exc, "headers", None)
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    response = _error_page(request, exc.status_code, [])
    if headers:
        response.headers.update(headers)
    return response


async def unexpected_error(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": "internal error"}, status_code=500)
    return _error_page(request, 500, [])


def install_error_handlers(app: FastAPI) -> None:
    # Through FastAPI's decorator, which calls add_exception_handler: Starlette types a handler's
    # exception as Exception, so a handler of one exception class fails mypy there.
    app.exception_handler(RequestValidationError)(validation_error)
    app.exception_handler(UnknownFilterValue)(unknown_value)
    app.exception_handler(StarletteHTTPException)(http_error)
    app.exception_handler(Exception)(unexpected_error)

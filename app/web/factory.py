"""Builds the ASGI application: routers, static files, error pages and the middleware every response needs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

from app.config import Settings, get_settings
from app.db import POOL_CONNECTIONS, is_sqlite, normalise_url
from app.web.errors import install_error_handlers
from app.web.i18n import RememberPreferences
from app.web.memory import MallocTrimmer, glibc_malloc_trim, tune_glibc_malloc
from app.web.response_cache import ResponseCache
from app.web.routers import api, articles, calculator, compare, health, incentives, map, overview, places
from app.web.security import SecurityHeaders
from app.web.static_files import STATIC_DIR, VersionedStaticFiles
from app.web.templating import templates

# On a local SQLite file a route function is CPU work under one interpreter lock: past a few threads
# they only take turns, and every sqlite3 call that lets the lock go waits up to a switch interval to
# get it back, while the event loop waits to send what is ready. Cold explorer pages at 3,000
# articles, 16 connections: 15 threads 62-63 req/s with a p99 of 520-530 ms, 3-4 threads 70-81 req/s
# and 310-355 ms. A server database is a network round trip per query, which more threads overlap:
# there, as many threads as the pool has connections.
SQLITE_ROUTE_THREADS = 4


def route_threads(database_url: str) -> int:
    return SQLITE_ROUTE_THREADS if is_sqlite(normalise_url(database_url)) else POOL_CONNECTIONS


def create_app(database_url: str | None = None, settings: Settings | None = None) -> FastAPI:
    """An app reading the given database (None: DATABASE_URL, else the default SQLite file).

    The app holds no data of its own, only the URL, so any number of workers can serve one database.
    `settings` (default: the environment's) give the public address and the hosts it answers.
    """
    settings = settings or get_settings()
    trimmer = MallocTrimmer(settings.malloc_trim_interval, glibc_malloc_trim())
    templates.env.auto_reload = settings.dev

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Route functions run on anyio's worker threads (40 by default): no more than the pool has
        # connections, so an overloaded server queues requests instead of failing them after the
        # pool's timeout, and fewer threads keep fewer malloc arenas (app.web.memory).
        to_thread.current_default_thread_limiter().total_tokens = route_threads(database_url or settings.database_url)
        tune_glibc_malloc()
        trimmer.start()  # while serving only: a process that merely builds the app starts no thread
        try:
            yield
        finally:
            trimmer.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="Talent Policy Atlas API (人才政策地图)",
        description="Read-only access to Chinese regional talent-policy incentives, places and articles.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc need inline script; /api documents the API instead
        redoc_url=None,
    )
    app.state.database_url = database_url
    app.state.public_url = settings.public_url
    app.state.malloc_trimmer = trimmer
    for module in (overview, places, incentives, map, compare, calculator, articles, api, health):
        app.include_router(module.router)
    app.include_router(api.docs_router)
    app.mount("/static", VersionedStaticFiles(directory=STATIC_DIR), name="static")
    install_error_handlers(app)
    # Last added runs first: security headers and preference cookies wrap cached responses and 304s too.
    app.add_middleware(
        ResponseCache,
        database_url=database_url,
        max_bytes=settings.response_cache_bytes,
        warm_up=settings.warm_up,
    )
    app.add_middleware(RememberPreferences)
    app.add_middleware(SecurityHeaders)
    if settings.allowed_hosts:  # outermost: a request for another host is refused before any work
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    return app

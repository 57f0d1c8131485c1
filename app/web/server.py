"""`python -m app serve`: upgrade the database once, then serve the dashboard with uvicorn."""

from __future__ import annotations

import uvicorn

from app.db import get_engine, upgrade

APP_IMPORT = "app.main:app"


def run_server(host: str, port: int, workers: int = 1) -> int:
    """Serve until interrupted; returns the process exit code.

    The schema is upgraded here, once, rather than by each worker, so that workers never race to
    migrate. With several workers uvicorn needs the app as an import string to start each process.
    """
    upgrade(get_engine())
    uvicorn.run(APP_IMPORT, host=host, port=port, workers=max(1, workers), proxy_headers=True)
    return 0

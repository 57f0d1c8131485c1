"""`python -m app serve`: the dashboard under uvicorn (the CLI prepares the database first)."""

from __future__ import annotations

import uvicorn

APP_IMPORT = "app.main:app"


def run_server(host: str, port: int, workers: int = 1) -> int:
    """Serve until interrupted; returns the process exit code.

    With several workers uvicorn needs the app as an import string to start each process.
    """
    uvicorn.run(APP_IMPORT, host=host, port=port, workers=max(1, workers), proxy_headers=True)
    return 0

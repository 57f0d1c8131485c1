"""Probes for orchestrators: /healthz (the process answers) and /readyz (the database is usable)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.db import current_revision, get_engine, head_revision

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """Ready when the database answers and its schema is at the newest migration."""
    head = head_revision()
    try:
        current = current_revision(get_engine(request.app.state.database_url))
    except Exception as exc:  # any driver error means "not ready", and must not become a 500
        return JSONResponse({"status": "unavailable", "error": type(exc).__name__}, status_code=503)
    if current != head:
        return JSONResponse({"status": "not migrated", "current": current, "head": head}, status_code=503)
    return JSONResponse({"status": "ready", "revision": current})

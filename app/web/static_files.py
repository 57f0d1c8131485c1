"""Static files with addresses that change when their content does, so browsers may keep them for a year.

A page links `/static/css/atlas.css?v=<hash of the file>`. A request that names the file's current hash
is answered with a year-long, immutable Cache-Control: the next version of the file has another
address, so no browser ever holds a stale stylesheet. A request without the hash (an old page, a
hand-typed address) or with another one gets `no-cache` and revalidates with the ETag Starlette sends.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from urllib.parse import parse_qs

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.config import PROJECT_ROOT

STATIC_DIR = PROJECT_ROOT / "static"
IMMUTABLE = "public, max-age=31536000, immutable"


@lru_cache(maxsize=256)
def _digest(path: str, mtime_ns: int) -> str:
    """The file's content hash; keyed on its mtime too, so an edited file (ATLAS_DEV) gets a new one."""
    return hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:16]


@lru_cache(maxsize=256)
def _inside_static(path: str) -> Path | None:
    """static/<path> resolved, or None when it points outside static/: a path's answer never
    changes, and resolving it took a dozen system calls, four times on every page."""
    file = (STATIC_DIR / path).resolve()
    return file if STATIC_DIR.resolve() in file.parents else None


def static_version(path: str) -> str | None:
    """The current hash of static/<path>, or None when there is no such file inside static/."""
    file = _inside_static(path)
    if file is None:
        return None
    try:
        status = file.stat()
    except OSError:  # not there (any more)
        return None
    return _digest(path, status.st_mtime_ns) if S_ISREG(status.st_mode) else None


def static_url(path: str) -> str:
    """The address a template links a static file by: its path and its content hash."""
    version = static_version(path)
    if version is None:
        raise FileNotFoundError(f"static/{path} does not exist")
    return f"/static/{path}?v={version}"


class VersionedStaticFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [None])[0]
            current = static_version(Path(path).as_posix())
            response.headers["cache-control"] = IMMUTABLE if asked and asked == current else "no-cache"
        return response

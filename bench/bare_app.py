"""The framework's ceiling: FastAPI endpoints that do nothing but return a small JSON object.

Served by `python -m bench.bare_app --port P` with the same uvicorn call as `python -m app serve`
(one worker, proxy headers, default loop/http auto-detection and access log), so that the ratio
page/bare isolates what the atlas's own work costs. `/bare` is `async def` (no thread hop: the true
ceiling); `/bare-sync` is a plain `def` like the atlas's routes, which Starlette runs in its thread pool.
"""

from __future__ import annotations

import argparse
import sys

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/bare")
async def bare() -> dict[str, object]:
    return {"ok": True, "name": "人才政策地图", "version": 1}


@app.get("/bare-sync")
def bare_sync() -> dict[str, object]:
    return {"ok": True, "name": "人才政策地图", "version": 1}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    # Mirrors app.web.server.run_server's uvicorn.run call; keep the two in step.
    uvicorn.run("bench.bare_app:app", host=args.host, port=args.port, workers=1, proxy_headers=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The calculator's cold path alone, measured as bench.run's calculator_and_weights does it: a fresh
server (one worker, response cache and warm-up off) on each database, one request for the form,
then each nationwide profile's first request timed alone. Repeated with a new server each round;
prints each profile's median and the server's RSS after the last profile.

    .venv/bin/python -m bench.calculator_cold /tmp/calc/atlas-3000.db /tmp/calc/atlas-10000.db [--rounds 3]

The server upgrades the schema on start, so give it copies of shared databases, never the originals.
A number to read, not a test: nothing fails on it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.run import CALCULATOR_PROFILES, COLD_ENV, HOST, atlas_cmd, free_port, proc_status_mb, server


def one_round(db: Path, log_dir: Path) -> tuple[dict[str, float], dict[str, int], float]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", **COLD_ENV}
    port = free_port()
    times: dict[str, float] = {}
    sizes: dict[str, int] = {}
    with server("calculator-cold", atlas_cmd(port), env, "/healthz", log_dir, port) as proc:
        with httpx.Client(base_url=f"http://{HOST}:{port}", timeout=120) as client:
            assert client.get("/calculator").status_code == 200
            for profile in CALCULATOR_PROFILES:
                path = "/calculator?" + urlencode(profile)
                started = time.perf_counter()
                response = client.get(path)
                times[path] = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (path, response.status_code)
                sizes[path] = len(response.content)
        rss = proc_status_mb(proc.pid, "VmRSS")
    return times, sizes, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as log_dir:
        for db in args.databases:
            rounds = [one_round(db.resolve(), Path(log_dir)) for _ in range(args.rounds)]
            print(f"{db.name}  (median of {args.rounds}, RSS {statistics.median(r[2] for r in rounds):.0f} MB)")
            for path in rounds[0][0]:
                ms = [r[0][path] for r in rounds]
                print(
                    f"  {path:45} {statistics.median(ms):7.0f} ms  ({', '.join(f'{m:.0f}' for m in ms)})"
                    f"  {rounds[-1][1][path] / 1024:5.0f} KB"
                )
            sys.stdout.flush()


if __name__ == "__main__":
    main()

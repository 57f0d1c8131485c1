"""A bounded load generator for servers on this machine: wrk when installed, else asyncio + httpx.

Bounded by design: every run has a fixed duration and (for the Python generator) a request cap, and
only loopback addresses are accepted, because a load test must never leave the machine. wrk is
preferred because it is written in C and takes far less of the two shared cores than the server it
measures; the Python generator is the fallback where `apt-get install wrk` is not possible.

Each run cycles through a list of paths (different filters, places), so a server cannot look fast
by answering one URL from a cache that a real reader would miss.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_DURATION_S = 60.0
MAX_PY_REQUESTS = 200_000


@dataclass(frozen=True)
class LoadResult:
    """What one load run measured; latencies in milliseconds."""

    tool: str
    connections: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _check_target(base: str, duration: float) -> None:
    host = urlsplit(base).hostname
    if host not in LOOPBACK:
        raise ValueError(f"load generation targets loopback only, not {host!r}")
    if not 0 < duration <= MAX_DURATION_S:
        raise ValueError(f"duration must be within (0, {MAX_DURATION_S}] seconds")


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value.strip())
    if not match:
        raise ValueError(f"unreadable wrk latency {value!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str, connections: int, seconds: float) -> LoadResult:
    """Reads wrk's --latency report: requests, Requests/sec, the 50% and 99% lines, errors."""
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    if requests == 0:
        # Nothing answered within the run: every latency exceeds the run, so no percentile is finite.
        p50 = p99 = float("inf")
    else:
        p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))  # type: ignore[union-attr]
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    return LoadResult("wrk", connections, seconds, requests, rps, p50, p99, errors)


# Each wrk thread starts at its own place in the list (thread k of t at k/t of it), so that no two
# connections ask for the same URL at the same moment: with a cache off, that would be a cache of its own.
_CYCLE_LUA = """
local paths = {$paths}
local threads, counted = $threads, 0
all_threads = {}
function setup(thread)
  thread:set("first", math.floor(counted * #paths / threads))
  counted = counted + 1
  table.insert(all_threads, thread)
end
local i = nil
local function next_path()
  i = (i or first or 0) % #paths + 1
  return paths[i]
end
"""

_LUA = Template(
    _CYCLE_LUA
    + """
request = function()
  return wrk.format("GET", next_path())
end
"""
)

# One connection per thread, so that a thread's request() and response() alternate and pair up: each
# request's start on CLOCK_MONOTONIC (Python's time.monotonic()) and its latency, printed at the end. A
# request still unanswered when the run stops is printed with the time it had waited by then.
_TIMED_LUA = Template(
    """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) * 1e-9
end
"""
    + _CYCLE_LUA
    + """
samples = {}
sent = nil
request = function()
  sent = now()
  return wrk.format("GET", next_path())
end
response = function()
  samples[#samples + 1] = sent
  samples[#samples + 1] = now() - sent
  sent = nil
end
done = function()
  local ended = now()
  io.write("$marker\\n")
  for _, thread in ipairs(all_threads) do
    local s, lines = thread:get("samples"), {}
    for k = 1, #s, 2 do
      lines[#lines + 1] = string.format("%.4f %.2f", s[k], 1000 * s[k + 1])
    end
    local open = thread:get("sent")
    if open then
      lines[#lines + 1] = string.format("%.4f %.2f", open, 1000 * (ended - open))
    end
    if #lines > 0 then io.write(table.concat(lines, "\\n"), "\\n") end
  end
end
"""
)
SAMPLES_MARKER = "samples (start s, latency ms):"


def _lua_string(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(
    base: str, script: Template, paths: list[str], threads: int, connections: int, duration: float
) -> str:
    _check_target(base, duration)
    text = script.substitute(
        paths=", ".join(_lua_string(p) for p in paths), threads=threads, marker=SAMPLES_MARKER
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(text)
    try:
        cmd = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            "60s",
            "--latency",
            "-s",
            file.name,
            base,
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 30, check=True).stdout
    finally:
        Path(file.name).unlink(missing_ok=True)


def run_wrk(base: str, paths: list[str], connections: int, duration: float) -> LoadResult:
    threads = max(1, min(2, connections))
    return parse_wrk(_wrk(base, _LUA, paths, threads, connections, duration), connections, duration)


def parse_samples(text: str) -> list[tuple[float, float]]:
    """(start on the time.monotonic() clock, latency ms) per answered request, from the timed script."""
    samples = []
    for line in text.splitlines():
        start, _, ms = line.partition(" ")
        if ms:
            samples.append((float(start), float(ms)))
    return samples


def run_wrk_timed(
    base: str, paths: list[str], connections: int, duration: float
) -> tuple[LoadResult, list[tuple[float, float]]]:
    """run_wrk, with every request's start and latency too (one wrk thread per connection); a request
    left unanswered at the end counts with the time it had waited, so a stall shows in the samples."""
    out = _wrk(base, _TIMED_LUA, paths, connections, connections, duration)
    report, _, samples = out.partition(SAMPLES_MARKER)
    return parse_wrk(report, connections, duration), parse_samples(samples)


def percentile(sorted_ms: list[float], q: float) -> float:
    if not sorted_ms:
        return float("inf")
    k = min(len(sorted_ms) - 1, max(0, round(q * (len(sorted_ms) - 1))))
    return sorted_ms[k]


async def _python_load(base: str, paths: list[str], connections: int, duration: float) -> LoadResult:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = 0
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:

        async def worker(offset: int) -> None:
            nonlocal errors, counter
            i = offset
            while time.perf_counter() < deadline and counter < MAX_PY_REQUESTS:
                counter += 1
                path = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    if response.status_code >= 400:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - t0) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(connections)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return LoadResult(
        "python-httpx",
        connections,
        elapsed,
        len(latencies),
        len(latencies) / elapsed,
        percentile(latencies, 0.5),
        percentile(latencies, 0.99),
        errors,
    )


def run_python(base: str, paths: list[str], connections: int, duration: float) -> LoadResult:
    _check_target(base, duration)
    return asyncio.run(_python_load(base, paths, connections, duration))


def run_load(
    base: str, paths: list[str], connections: int, duration: float, tool: str = "auto"
) -> LoadResult:
    """wrk if available (or asked for), else the Python generator."""
    if tool == "wrk" or (tool == "auto" and shutil.which("wrk")):
        return run_wrk(base, paths, connections, duration)
    return run_python(base, paths, connections, duration)


def wrk_version() -> str:
    if not shutil.which("wrk"):
        return "not installed"
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)
    text = (out.stdout + out.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def summary(results: list[LoadResult]) -> dict[str, float]:
    """Median of repeated runs: the figure least moved by a noisy neighbour."""
    return {
        "rps": statistics.median(r.rps for r in results),
        "p50_ms": statistics.median(r.p50_ms for r in results),
        "p99_ms": statistics.median(r.p99_ms for r in results),
        "errors": sum(r.errors for r in results),
        "requests": sum(r.requests for r in results),
    }

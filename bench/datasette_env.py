"""The bench's own virtual environment: Datasette (the baseline) and py-spy (the profiler).

Why separate from the project's .venv: Datasette pins its own ASGI stack and must not change what the
atlas runs on, and neither tool is a dependency of the product. The environment lives in
bench/.venv-bench (git-ignored) and is created on first use with `pip install`; later runs reuse it.

    python -m bench.datasette_env        # create or update, print the paths
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
VENV_DIR = BENCH_DIR / ".venv-bench"
# uvicorn[standard] gives Datasette the same uvloop + httptools stack the atlas runs on: a fair baseline.
PACKAGES = ("datasette", "py-spy", "uvicorn[standard]")
STAMP = VENV_DIR / ".bench-packages"


def bin_path(name: str) -> Path:
    return VENV_DIR / "bin" / name


def ensure_env(quiet: bool = True) -> Path:
    """Create the environment if it lacks a tool; returns the folder of its executables."""
    wanted = " ".join(PACKAGES)
    if all(bin_path(n).exists() for n in ("datasette", "py-spy")) and (
        STAMP.exists() and STAMP.read_text("utf-8") == wanted
    ):
        return VENV_DIR / "bin"
    if not bin_path("python").exists():
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV_DIR)
    cmd = [str(bin_path("python")), "-m", "pip", "install", *(["-q"] if quiet else []), *PACKAGES]
    subprocess.run(cmd, check=True)
    STAMP.write_text(wanted, "utf-8")
    return VENV_DIR / "bin"


def version(tool: str) -> str:
    """The installed tool's version line, for RESULTS.md."""
    try:
        out = subprocess.run([str(bin_path(tool)), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    return (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else "unknown"


def main() -> int:
    path = ensure_env(quiet=False)
    print(f"bench tools in {path}: datasette {version('datasette')}; {version('py-spy')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

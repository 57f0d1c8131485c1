"""scripts/postgres.sh: the throw-away server that scripts/test.sh runs the PostgreSQL suite on.

It must listen on loopback only, keep its socket in its own folder, and leave nothing behind: CI
starts it on a machine shared with nothing else, but a developer's machine may run a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "postgres.sh"

if not glob.glob("/usr/lib/postgresql/*/bin/initdb") and not shutil.which("initdb"):
    # scripts/test.sh installs the server first; only a bare `pytest` outside CI can get here.
    if os.environ.get("CI"):
        raise RuntimeError("PostgreSQL server binaries missing in CI: scripts/test.sh should install them")
    pytest.skip("PostgreSQL server binaries not installed (scripts/test.sh installs them)", allow_module_level=True)


@pytest.fixture
def pg_dir() -> Iterator[Path]:
    # Under /tmp itself: as root the server runs as `postgres`, which cannot enter pytest's tmp_path.
    path = Path(tempfile.mkdtemp(prefix="atlas-pg-test."))
    yield path
    subprocess.run(["bash", str(SCRIPT), "stop", str(path)], check=False)
    shutil.rmtree(path, ignore_errors=True)


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_start_serves_on_loopback_and_stop_cleans_up(pg_dir: Path) -> None:
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", str(pg_dir)], check=True, capture_output=True, text=True, timeout=120
    )
    url = started.stdout.strip().splitlines()[-1]
    parsed = make_url(url)
    assert parsed.drivername == "postgresql+psycopg" and parsed.host == "127.0.0.1"
    with psycopg.connect(_conninfo(url), connect_timeout=5) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone() == ("127.0.0.1",)
        assert conn.execute("SHOW unix_socket_directories").fetchone() == (str(pg_dir),)
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
        # pg_trgm only makes trigrams of characters the locale calls letters: Chinese must be letters.
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        (trigrams,) = conn.execute("SELECT show_trgm('人才公寓')").fetchone()
        assert len(trigrams) >= 2
    subprocess.run(["bash", str(SCRIPT), "stop", str(pg_dir)], check=True, timeout=120)
    assert not pg_dir.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(_conninfo(url), connect_timeout=2)

"""Configuration, read from environment variables only (the README's table lists them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "atlas.db"
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_CACHE_MB = 64
DEFAULT_TRIM_S = 10.0


@dataclass(frozen=True)
class Settings:
    database_url: str
    max_article_bytes: int
    public_url: str | None = None  # the address people reach the site at, for canonical links
    allowed_hosts: tuple[str, ...] = ()  # Host headers the server answers; empty: any
    warm_up: int = 20  # most-visited pages rendered again after the data changes; 0: none
    dev: bool = False  # templates reload when their files change (development only)
    # Two values are kept as written and parsed where the server uses them (response_cache_bytes,
    # malloc_trim_interval), so that a bad one fails the server only, never a command that reads the
    # settings for its database.
    response_cache_mb: str = str(DEFAULT_CACHE_MB)
    malloc_trim_s: str = str(DEFAULT_TRIM_S)
    # glibc's own MALLOC_* variables that are set: an operator's choice wins over app.web.memory's
    glibc_malloc_env: frozenset[str] = frozenset()

    @classmethod
    def from_env(cls) -> Settings:
        hosts = os.environ.get("ATLAS_ALLOWED_HOSTS", "")
        return cls(
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}",
            max_article_bytes=int(os.environ.get("ATLAS_MAX_ARTICLE_BYTES", 2 * 1024 * 1024)),
            public_url=(os.environ.get("ATLAS_PUBLIC_URL") or "").rstrip("/") or None,
            allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
            warm_up=int(os.environ.get("ATLAS_WARM_UP", 20)),
            dev=os.environ.get("ATLAS_DEV", "") == "1",
            response_cache_mb=os.environ.get("ATLAS_RESPONSE_CACHE_MB", str(DEFAULT_CACHE_MB)),
            malloc_trim_s=os.environ.get("ATLAS_MALLOC_TRIM_S", str(DEFAULT_TRIM_S)),
            glibc_malloc_env=frozenset(name for name in os.environ if name.startswith("MALLOC_")),
        )

    @property
    def response_cache_bytes(self) -> int:
        """Each app process's response cache, in bytes (a bad number raises ValueError)."""
        return int(float(self.response_cache_mb) * 1024 * 1024)

    @property
    def malloc_trim_interval(self) -> float:
        """Seconds between trims; a value that is not a non-negative number is a configuration error."""
        raw = self.malloc_trim_s
        try:
            seconds = float(raw)
        except ValueError:
            raise ValueError(
                f"ATLAS_MALLOC_TRIM_S must be a number of seconds (0 turns trimming off), not {raw!r}"
            ) from None
        if not seconds >= 0:  # also refuses nan
            raise ValueError(f"ATLAS_MALLOC_TRIM_S must be 0 or more seconds, not {raw!r}")
        return seconds


def get_settings() -> Settings:
    return Settings.from_env()

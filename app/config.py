"""Configuration, read from environment variables only (the README's table lists them)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "atlas.db"
SEEDS_DIR = PROJECT_ROOT / "seeds"


@dataclass(frozen=True)
class Settings:
    database_url: str
    max_article_bytes: int
    public_url: str | None = None  # the address people reach the site at, for canonical links
    allowed_hosts: tuple[str, ...] = ()  # Host headers the server answers; empty: any
    warm_up: int = 20  # most-visited pages rendered again after the data changes; 0: none

    @classmethod
    def from_env(cls) -> Settings:
        hosts = os.environ.get("ATLAS_ALLOWED_HOSTS", "")
        return cls(
            database_url=os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}",
            max_article_bytes=int(os.environ.get("ATLAS_MAX_ARTICLE_BYTES", 2 * 1024 * 1024)),
            public_url=(os.environ.get("ATLAS_PUBLIC_URL") or "").rstrip("/") or None,
            allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
            warm_up=int(os.environ.get("ATLAS_WARM_UP", 20)),
        )


def get_settings() -> Settings:
    return Settings.from_env()

#!/usr/bin/env bash
# Sets up everything and serves the dashboard on the seed data at http://127.0.0.1:8000.
#
#   bash scripts/serve.sh [serve args...]     # e.g. bash scripts/serve.sh --port 8001 --workers 2
#
# Creates .venv when missing, `pip install -e .`, ingests seeds/ into the database named by
# DATABASE_URL (default: SQLite in data/atlas.db; the schema is created on first use), then serves.
# Safe to run again: the install changes nothing and the ingest skips articles it already has.
# The Dockerfile runs these same `python -m app` commands (tests/infra/test_deploy_paths.py checks).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ATLAS_ROOT"

ensure_venv
"$PY" -m app ingest
exec "$PY" -m app serve "$@"

#!/usr/bin/env bash
# A throw-away PostgreSQL server in a folder, on 127.0.0.1 only, for tests and development.
#
#   bash scripts/postgres.sh start DIR   # prints the DATABASE_URL of a new server whose files are in DIR
#   bash scripts/postgres.sh stop DIR    # stops it and deletes DIR
#
# scripts/test.sh sources this file and uses pg_start/pg_stop. PostgreSQL refuses to run as root, so
# as root the server runs as the `postgres` system user (created by the Debian package). It listens
# on 127.0.0.1 with a free port and keeps its unix socket inside DIR: it never touches a system
# cluster and never listens beyond loopback. Durability is switched off: the data is disposable and
# CREATE DATABASE per test is several times faster without fsync.

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The newest installed server's bin folder (Debian 12: /usr/lib/postgresql/15/bin).
pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  dir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
  [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  return 1
}

ensure_postgres_installed() {
  pg_bindir >/dev/null || apt_install_missing postgresql
  pg_bindir >/dev/null || die "PostgreSQL server binaries not found after installing postgresql"
}

# Run a server command as the user that owns the cluster: `postgres` when we are root.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_free_port() {
  local py=python3
  [ -x "$PY" ] && py="$PY"
  "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# pg_start DIR: initialise and start a cluster in DIR; sets PG_URL (and prints nothing).
pg_start() {
  local dir="$1" bindir port attempt
  ensure_postgres_installed
  bindir="$(pg_bindir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "the postgres system user is missing (reinstall the postgresql package)"
    chown postgres: "$dir"
    # Every parent must be searchable by postgres (pytest's own temp folders are not: mode 700).
    runuser -u postgres -- test -w "$dir" || die "$dir is not reachable for the postgres user; use a folder under /tmp"
  fi
  chmod 700 "$dir"
  _pg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  for attempt in 1 2 3; do
    port="$(_free_port)"
    # The port can be taken between choosing and binding it; another port then, at most three times.
    if _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null; then
      PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
      export PG_URL
      return 0
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt)"
  done
  tail -n 20 "$dir/server.log" >&2 || true
  die "could not start PostgreSQL in $dir"
}

# pg_stop DIR: stop the cluster (fast: disconnects clients) and delete DIR. Safe to call twice.
pg_stop() {
  local dir="$1" bindir
  [ -d "$dir" ] || return 0
  bindir="$(pg_bindir)" || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) [ -n "${2:-}" ] || die "usage: $0 start DIR"; pg_start "$2"; echo "$PG_URL" ;;
    stop) [ -n "${2:-}" ] || die "usage: $0 stop DIR"; pg_stop "$2" ;;
    *) die "usage: $0 start|stop DIR" ;;
  esac
fi

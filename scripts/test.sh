#!/usr/bin/env bash
# Sets up everything and runs the whole test suite, on SQLite and then on PostgreSQL.
#
#   bash scripts/test.sh [pytest args...]     # e.g. bash scripts/test.sh -k search -x
#
# As root it installs the missing Debian packages (chromium and fonts-wqy-microhei for the browser
# tests, postgresql for the server binaries), creates .venv when missing and runs
# `pip install -e '.[test]'`. Unless TEST_DATABASE_URL names a server, it starts a private PostgreSQL
# on 127.0.0.1 in a temporary folder and always stops it on exit. Each backend gets its own full
# pytest run, so a failure on either shows in its own summary and makes the script exit non-zero.
# TEST_BACKENDS="sqlite" (or "postgresql") runs one backend only, for quick local loops.
set -euo pipefail

# shellcheck source=scripts/postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
cd "$ATLAS_ROOT"

backends="${TEST_BACKENDS:-sqlite postgresql}"
started=$SECONDS

apt_install_missing chromium fonts-wqy-microhei
case " $backends " in
  *" postgresql "*) [ -n "${TEST_DATABASE_URL:-}" ] || ensure_postgres_installed ;;
esac
ensure_venv test
mkdir -p test-artifacts

pg_dir=""
cleanup() { [ -z "$pg_dir" ] || pg_stop "$pg_dir"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# One pytest run; prints its own closing summary line. Exit code 5 (no tests collected) is reported
# loudly but is not a failure: an empty selection (`-k` that matches nothing) is not a broken build.
run_suite() {
  local name="$1" rc=0
  shift
  log "pytest on $name"
  rm -f "test-artifacts/junit-$name.xml"
  "$PY" -m pytest --junitxml="test-artifacts/junit-$name.xml" "$@" </dev/null || rc=$?
  if [ "$rc" -eq 5 ]; then
    log "WARNING: pytest collected no tests on $name (exit code 5); not counted as a failure"
    rc=0
  fi
  return "$rc"
}

status=0
for name in $backends; do
  case "$name" in
    sqlite)
      (unset TEST_DATABASE_URL; run_suite sqlite "$@") || status=1
      ;;
    postgresql)
      url="${TEST_DATABASE_URL:-}"
      if [ -z "$url" ]; then
        pg_dir="$(mktemp -d /tmp/atlas-pg.XXXXXX)"  # /tmp: the postgres user must reach it
        pg_start "$pg_dir"
        url="$PG_URL"
        log "started PostgreSQL for the tests at $url"
      fi
      (export TEST_DATABASE_URL="$url"; run_suite postgresql "$@") || status=1
      ;;
    *) die "unknown backend in TEST_BACKENDS: $name" ;;
  esac
done

# One closing line over both runs (pytest printed each run's own line above it).
"$PY" - $backends <<'PY' || status=1
import sys
import xml.etree.ElementTree as ET

totals = {"passed": 0, "failed": 0, "skipped": 0}
for name in sys.argv[1:]:
    try:
        root = ET.parse(f"test-artifacts/junit-{name}.xml").getroot()
    except (OSError, ET.ParseError):
        print(f"{name}: no junit report (pytest did not finish)")
        totals["failed"] += 1
        continue
    suites = [root] if root.tag == "testsuite" else list(root)
    n = {k: sum(int(s.get(k, 0)) for s in suites) for k in ("tests", "failures", "errors", "skipped")}
    failed = n["failures"] + n["errors"]
    passed = n["tests"] - failed - n["skipped"]
    print(f"{name}: {passed} passed, {failed} failed, {n['skipped']} skipped")
    totals["passed"] += passed
    totals["failed"] += failed
    totals["skipped"] += n["skipped"]
print(f"total: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
PY
log "done in $((SECONDS - started))s ($([ "$status" -eq 0 ] && echo passed || echo FAILED))"
exit "$status"

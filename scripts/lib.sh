# Shared helpers for scripts/serve.sh and scripts/test.sh (sourced, not run).
#
# Why a library: both entry points must set up the same virtualenv the same way, and both may need
# Debian packages on a fresh machine; one copy of that logic means one path to test.

ATLAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ATLAS_VENV:-$ATLAS_ROOT/.venv}"
PY="$VENV/bin/python"
_APT_UPDATED=0

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise (when there is one).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "need root to run: $*"
  fi
}

# True when a Debian package is fully installed (not merely unpacked or half-configured).
deb_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" = "ii " ]
}

# Install the Debian packages that are missing; `apt-get update` runs once per script, and only when
# something has to be installed, so a machine that has everything never touches the network.
apt_install_missing() {
  local missing=() pkg
  for pkg in "$@"; do
    deb_installed "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
  log "installing Debian packages: ${missing[*]}"
  # Another apt may be running (unattended upgrades, a colleague): wait for its lock, do not fail.
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=600)
  if [ "$_APT_UPDATED" -eq 0 ]; then
    as_root "${apt[@]}" update </dev/null
    _APT_UPDATED=1
  fi
  # A package left unpacked by an interrupted install blocks every later install until configured.
  as_root env DEBIAN_FRONTEND=noninteractive dpkg --configure -a </dev/null || true
  as_root "${apt[@]}" install --no-install-recommends "${missing[@]}" </dev/null
}

# A Python >= 3.11 to build the virtualenv with; PYTHON overrides the search.
find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Create .venv when missing (installing python3-venv on Debian when `venv` is unavailable), then
# `pip install -e '.[EXTRAS]'`, which is a quick no-op when everything is already installed.
ensure_venv() {
  local extras="${1:-}" python
  if [ ! -x "$PY" ]; then
    python="$(find_python)" || { apt_install_missing python3 python3-venv; python="$(find_python)"; } ||
      die "Python >= 3.11 is required"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      apt_install_missing python3-venv
      "$python" -m venv "$VENV"
    fi
    log "created $VENV with $("$PY" --version)"
  fi
  # Literal targets (no variable holding them): tests/infra/test_deploy_paths.py compares the plain
  # one with the Dockerfile's `pip install -e .`.
  cd "$ATLAS_ROOT"
  if [ -n "$extras" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check -e ".[$extras]" || die "pip install failed"
  else
    "$PY" -m pip install --quiet --disable-pip-version-check -e . || die "pip install failed"
  fi
}

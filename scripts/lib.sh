# shellcheck shell=bash
# Shared helpers for scripts/*.sh. Source it; do not run it.
# Every script works from the repo root and uses the project venv's tools.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1

VENV="$ROOT/.venv"
# shellcheck disable=SC2034  # used by the scripts that source this file
VPY="$VENV/bin/python"
# The web faces' own venv, with a current aiohttp (requirements-web.txt says why).
WEB_VENV="$ROOT/.venv-web"
# shellcheck disable=SC2034  # used by the scripts that source this file
WEB_VPY="$WEB_VENV/bin/python"
export PATH="$VENV/bin:$PATH"

# Rasa phones home on first use and TensorFlow is chatty; neither helps here.
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
# Sanic (Rasa's server and the action server) reads this. Clients that keep connections open
# between messages (the load benchmark, a proxy in front of Rasa) found them closed after Sanic's
# default 5 s and got errors instead of replies; 120 s removed those errors in the load benchmark.
# (Rasa itself opens a new connection for every action call.)
export SANIC_KEEP_ALIVE_TIMEOUT="${SANIC_KEEP_ALIVE_TIMEOUT:-120}"
# Rasa 3.6 pins SQLAlchemy 1.4 and triggers its "2.0 migration" banner on import.
export SQLALCHEMY_SILENCE_UBER_WARNING=1

# Rasa takes one --domain: a file or a directory of files. Use domain.yml
# (the entry point) unless the project has moved to a domain/ directory.
rasa_domain() {
    if [[ ! -f domain.yml && -d domain ]]; then echo domain; else echo domain.yml; fi
}

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Print the path of a Python 3.10 that really runs. Rasa 3.6 refuses 3.11+.
# A pyenv shim named python3.10 exists even when pyenv's global version is
# something else, and then fails when run, so each candidate is executed.
find_python310() {
    local cand candidates=()
    [[ -n "${PYTHON310:-}" ]] && candidates+=("$PYTHON310")
    command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
    if command -v pyenv >/dev/null 2>&1; then
        local proot
        proot="$(pyenv root 2>/dev/null || true)"
        if [[ -n "$proot" ]]; then
            for cand in "$proot"/versions/3.10*/bin/python3.10; do
                [[ -e "$cand" ]] && candidates+=("$cand")
            done
        fi
    fi
    for cand in "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
        [[ -e "$cand" ]] && candidates+=("$cand")
    done
    for cand in "${candidates[@]}"; do
        if "$cand" -c 'import sys, venv; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
            printf '%s\n' "$cand"
            return 0
        fi
    done
    return 1
}

#!/usr/bin/env bash
# Make a PostgreSQL server available to the store tests, and print its URL.
#
#   source scripts/postgres.sh   ->  exports TEST_POSTGRES_URL; call stop_test_postgres when done
#
# Uses the server on 127.0.0.1:5432 when one answers (as on our machines). Otherwise installs
# Debian's postgresql if needed and starts a throwaway cluster on loopback, which
# stop_test_postgres removes. The store tests never skip PostgreSQL silently: without a URL they fail.

_pg_tmp=""
_as_pg() { if [[ $EUID -eq 0 ]]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
stop_test_postgres() {
    if [[ -n "$_pg_tmp" ]]; then
        _as_pg "'$_pg_bin/pg_ctl' -D '$_pg_tmp/data' -m fast stop" >/dev/null 2>&1 || true
        rm -rf "$_pg_tmp"
        _pg_tmp=""
    fi
}

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null \
    || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
else
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "==> installing Debian's postgresql for the store tests" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    _pg_bin="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
    _pg_tmp="$(mktemp -d)"
    chown -R postgres "$_pg_tmp" 2>/dev/null || true
    _as_pg "'$_pg_bin/initdb' -D '$_pg_tmp/data' -A trust -U postgres" >/dev/null
    _as_pg "'$_pg_bin/pg_ctl' -D '$_pg_tmp/data' -o '-c listen_addresses=127.0.0.1 -p 55432 -k $_pg_tmp' -w start" >/dev/null
    _as_pg "'$_pg_bin/createdb' -h 127.0.0.1 -p 55432 -U postgres test"
    export TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:55432/test"
    echo "==> started a throwaway PostgreSQL on 127.0.0.1:55432" >&2
fi

# shellcheck shell=bash
# Source it: make a Redis server available to the lock-store tests, and export TEST_REDIS_URL.
#
#   source scripts/redis.sh   ->  exports TEST_REDIS_URL; call stop_test_redis when done
#
# Uses the server on 127.0.0.1:6379 when one answers (as on our machines), database 3. Otherwise
# installs Debian's redis-server if needed and starts a throwaway one on loopback (no disk
# persistence), which stop_test_redis stops. The tests never skip Redis silently: without a URL they fail.

_redis_tmp=""
stop_test_redis() {
    if [[ -n "$_redis_tmp" ]]; then
        redis-cli -p 56379 shutdown nosave >/dev/null 2>&1 || kill "$(cat "$_redis_tmp/redis.pid" 2>/dev/null)" 2>/dev/null || true
        rm -rf "$_redis_tmp"
        _redis_tmp=""
    fi
}

if (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
    export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/3}"
else
    if ! command -v redis-server >/dev/null; then
        echo "==> installing Debian's redis-server for the lock-store tests" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    fi
    _redis_tmp="$(mktemp -d)"
    redis-server --bind 127.0.0.1 --port 56379 --save '' --appendonly no --dir "$_redis_tmp" \
        --pidfile "$_redis_tmp/redis.pid" --daemonize yes >/dev/null
    for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/56379) 2>/dev/null && break; sleep 0.1; done
    export TEST_REDIS_URL="redis://127.0.0.1:56379/3"
    echo "==> started a throwaway Redis on 127.0.0.1:56379" >&2
fi

#!/usr/bin/env bash
# supervise.sh NAME [--health URL] CMD...: keep CMD running. Used by scripts/run.sh for every process.
#
# When CMD exits, the supervisor logs it and starts it again after a wait that doubles from 1 s up to
# 30 s (SUPERVISE_MAX_DELAY), and goes back to 1 s once CMD has run for a minute. With --health, the
# URL is asked every 10 s once CMD has had STARTUP_GRACE seconds to start; three failed answers in a
# row count as a hang, and CMD is stopped and started again. SIGTERM or SIGINT stop CMD and the
# supervisor (run.sh sends them on Ctrl-C). Python asks the URL: no curl needed.
set -uo pipefail

name="$1"
shift
health=""
if [[ "${1:-}" == "--health" ]]; then
    health="$2"
    shift 2
fi
max_delay="${SUPERVISE_MAX_DELAY:-30}"
grace="${STARTUP_GRACE:-120}"
interval="${HEALTH_INTERVAL:-10}"
python="${VPY:-python3}"

say() { printf '==> [%s] %s: %s\n' "$(date '+%H:%M:%S')" "$name" "$*" >&2; }

child=0
watcher=0
stop() {
    trap - TERM INT
    ((watcher > 0)) && kill -TERM "$watcher" 2>/dev/null
    if ((child > 0)); then
        kill -TERM "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    exit 0
}
trap stop TERM INT

# watch PID: stop PID when the health URL fails three times in a row (after the start-up grace).
watch() {
    local pid="$1" failures=0
    sleep "$grace"
    while kill -0 "$pid" 2>/dev/null; do
        if "$python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$health" \
            >/dev/null 2>&1; then
            failures=0
        else
            failures=$((failures + 1))
            if ((failures >= 3)); then
                say "no answer from $health three times in a row: restarting it"
                kill -TERM "$pid" 2>/dev/null
                return
            fi
        fi
        sleep "$interval"
    done
}

delay=1
while true; do
    started=$SECONDS
    "$@" &
    child=$!
    if [[ -n "$health" ]]; then
        watch "$child" &
        watcher=$!
    fi
    wait "$child"
    status=$?
    ((watcher > 0)) && kill -TERM "$watcher" 2>/dev/null
    child=0
    watcher=0
    ran=$((SECONDS - started))
    ((ran >= 60)) && delay=1
    say "exited with status $status after ${ran} s; starting it again in ${delay} s"
    sleep "$delay" &
    wait $!
    delay=$((delay * 2))
    ((delay > max_delay)) && delay=$max_delay
done

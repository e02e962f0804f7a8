#!/usr/bin/env bash
# Start the assistant locally: action server, Rasa (socket.io + REST), the demo trial-site page
# with the chat widget, the coordinator dashboard, the notification sender and the retention job.
# Each runs under scripts/supervise.sh: a process that dies (or, for the servers, stops answering its
# health check) is started again with a growing wait, and the others carry on. Ctrl-C (or SIGTERM)
# stops everything. Assumes setup and train have run (make run does both).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

[[ -e models/current ]] || die "models/current is missing; run 'make train'"
model="$(readlink -f models/current)"

# One database for the leads and Rasa's conversations: endpoints.yml gives the tracker store
# `url: ${DATABASE_URL}`, so export the URL in effect (SQLite var/prescreen.db unless set), and bring
# the leads schema up to date before anything uses it.
DATABASE_URL="$("$VPY" -m bot.leads.database)"
export DATABASE_URL
"$VPY" -m bot.leads.migrate

RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
SITE_PORT="${PRESCREEN_SITE_PORT:-8080}"
DASHBOARD_PORT="${PRESCREEN_DASHBOARD_PORT:-8050}"
export ACTIONS_PORT  # endpoints.yml reads it
# More Rasa worker processes (SANIC_WORKERS=2) need the Redis lock store (REDIS_URL); check both
# before starting anything (rasa_addons/lock_store.py says what is wrong).
"$VPY" -m rasa_addons.lock_store >/dev/null || die "fix SANIC_WORKERS / REDIS_URL (see above)"

pids=()
declare -A names=()
# start NAME [--health URL] CMD...: run CMD under the supervisor, in its own session (so its
# process group, with any grandchildren, can be signalled as one), and remember its pid.
start() {
    local name="$1"
    shift
    log "starting $name: $*"
    # (In a script without job control, setsid execs in place, so $! is the
    # process itself and also its process group id.)
    VPY="$VPY" setsid bash scripts/supervise.sh "$name" "$@" &
    pids+=($!)
    names[$!]="$name"
}

stopping=0
stop_all() {
    ((stopping)) && return
    stopping=1
    log "stopping ${#pids[@]} processes"
    local pid
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    # Give them up to 10 s to exit cleanly, then kill what is left.
    for _ in $(seq 20); do
        local alive=0
        for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.5
    done
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# Where each server listens (loopback unless set), and where its health check reaches it.
RASA_HOST="${PRESCREEN_RASA_HOST:-127.0.0.1}"
SITE_HOST="${PRESCREEN_SITE_HOST:-127.0.0.1}"
DASHBOARD_HOST="${PRESCREEN_DASHBOARD_HOST:-127.0.0.1}"
ACTIONS_HOST="${PRESCREEN_ACTIONS_HOST:-127.0.0.1}"
reach() { [[ "$1" == "0.0.0.0" || "$1" == "::" ]] && echo 127.0.0.1 || echo "$1"; }

# One line per process. Rasa's HTTP API stays off (no --enable-api): only the channels in
# credentials.yml listen. The widget's socket.io client starts with HTTP long-polling, which the
# browser allows only if Rasa names the demo page's origin in --cors (WebSockets need no CORS).
# The action server listens on 127.0.0.1 (PRESCREEN_ACTIONS_HOST to change) and answers only
# callers that show the shared secret Rasa sends (rasa_addons/action_server.py).
start actions --health "http://$(reach "$ACTIONS_HOST"):$ACTIONS_PORT/health" "$VPY" -m rasa_addons.action_server --actions actions --port "$ACTIONS_PORT"
# Everything listens on loopback unless told otherwise: behind nginx (docs/security.md) set
# PRESCREEN_RASA_HOST, PRESCREEN_SITE_HOST and PRESCREEN_DASHBOARD_HOST to the addresses it reaches.
start rasa --health "http://$(reach "$RASA_HOST"):$RASA_PORT/webhooks/rest/" rasa run --model "$model" --credentials credentials.yml --endpoints endpoints.yml \
    --interface "$RASA_HOST" --port "$RASA_PORT" --cors "http://localhost:$SITE_PORT" "http://127.0.0.1:$SITE_PORT"
# The site and the dashboard face the internet: they run in .venv-web, on a current aiohttp.
start site --health "http://$(reach "$SITE_HOST"):$SITE_PORT/health" "$WEB_VPY" -m bot.web --host "$SITE_HOST" --port "$SITE_PORT" --chat-server "http://localhost:$RASA_PORT"
start dashboard --health "http://$(reach "$DASHBOARD_HOST"):$DASHBOARD_PORT/health" "$WEB_VPY" -m bot.dashboard \
    --host "$DASHBOARD_HOST" --port "$DASHBOARD_PORT"
start notify "$VPY" -m bot.leads.notify
# Retention: conversations without a lead go after a day (the consent text promises it), leads
# and their conversations after PRESCREEN_RETENTION_DAYS. Checked hourly.
start retention bash -c 'while true; do
    "$0" -m bot leads purge --by retention-job \
        --older-than "${PRESCREEN_RETENTION_DAYS:-365}" --no-lead-older-than "${PRESCREEN_NO_LEAD_RETENTION_DAYS:-1}"
    sleep 3600; done' "$VPY"

accounts_hint=""
if "$VPY" -m bot coordinators list 2>/dev/null | grep -q "No coordinators yet"; then
    accounts_hint="
    No coordinator account yet: create one with
      .venv/bin/python -m bot coordinators add YOUR-LOGIN"
fi

cat <<MSG

  Demo trial-site page with the chat widget:  http://localhost:$SITE_PORT/
  Coordinator dashboard:                      http://localhost:$DASHBOARD_PORT/$accounts_hint
  Rasa (socket.io and REST channels):         http://localhost:$RASA_PORT/
    (the model takes ~10-20 s to load; try:
     curl -s -XPOST localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}')
  Action server:                              http://localhost:$ACTIONS_PORT/webhook

  Press Ctrl-C to stop everything.

MSG

# The supervisors restart what dies and run until stopped, so a supervisor that exits is a failure
# of the supervisor itself: stop everything then (the EXIT trap).
status=0
exited=""
wait -n -p exited || status=$?
log "the supervisor of ${names[$exited]:-a process} exited (status $status); stopping the rest"
exit 1

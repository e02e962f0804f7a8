#!/usr/bin/env bash
# The full check run by `make test` and CI (.ci/run). Stops at the first
# failing step. Assumes .venv exists (make test runs setup first).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

step() {
    local name="$1" start=$SECONDS
    shift
    log "test: $name"
    "$@"
    log "test: $name ok ($((SECONDS - start)) s)"
}

step "ruff check" ruff check .
step "ruff format --check" ruff format --check .
step "pip check" "$VPY" -m pip check
step "trial data" "$VPY" -m bot check-trials
step "rasa data validate" scripts/validate.sh
step "train (if stale)" scripts/train.sh
# Every flow in tests/test_stories.yml, through the model's NLU and policies; any wrong
# prediction fails the run.
step "rasa test (test stories)" rasa test core --model "$(readlink -f models/current)" \
    --stories tests/test_stories.yml --fail-on-prediction-errors --out results/test-stories

# The browser tests (tests/e2e/browser) drive Debian's chromium.
source scripts/chromium.sh
step "chromium for the browser tests" ensure_chromium
step "a Chinese font for the screenshots" ensure_chinese_font

# pytest exits 5 when it collected no tests; set -e already treats that as a
# failure, this only says so plainly.
# The store tests run against SQLite and PostgreSQL (ours, or a throwaway cluster started here).
source scripts/postgres.sh
# The lock store for several Rasa workers is tested on Redis (ours, or a throwaway server).
source scripts/redis.sh
trap 'stop_test_postgres; stop_test_redis' EXIT
rm -f results/nlu-cross-validation*.txt
log "test: pytest (PostgreSQL at ${TEST_POSTGRES_URL}, Redis at ${TEST_REDIS_URL})"
status=0
"$VPY" -m pytest || status=$?
if ((status == 5)); then
    die "pytest collected no tests"
elif ((status != 0)); then
    die "pytest failed (exit $status)"
fi
for report in results/nlu-cross-validation-*.txt; do [[ -f "$report" ]] && cat "$report" >&2; done
log "test: all steps passed"

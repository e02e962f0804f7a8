#!/usr/bin/env bash
# rasa data validate, failing on any warning about our domain/data/config.
#
# Why the extra check: in Rasa 3.6.21 --fail-on-warnings does not fail on
# several warnings ("intent ... is not used in any story or rule", "... not
# found in the NLU training data", unused responses, missing config keys),
# because the validator computes `ignore_warnings or everything_is_alright`.
# So the output is also scanned for Rasa's own warnings: UserWarning and
# FutureWarning lines (rasa.shared.utils.io.raise_warning) and WARNING log
# lines. Import-time DeprecationWarnings from libraries (sanic turns them on
# globally) are not about the project and are ignored.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

out="$(mktemp)"
trap 'rm -f "$out"' EXIT

status=0
rasa data validate --fail-on-warnings --domain "$(rasa_domain)" --config config.yml --data data \
    >"$out" 2>&1 || status=$?
cat "$out"

if ((status != 0)); then
    die "rasa data validate failed (exit $status)"
fi
if grep -E 'UserWarning|FutureWarning|[[:space:]]WARNING[[:space:]]' "$out" >/dev/null; then
    die "rasa data validate printed warnings (see above); fix them"
fi
log "validate: no warnings"

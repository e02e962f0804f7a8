#!/usr/bin/env bash
# Train the Rasa model only when its inputs changed.
# The model is named after a sha256 of domain.yml, config.yml, data/ and
# domain/ (file names and contents), so models/<hash>.tar.gz existing means
# it is current. models/current is a symlink to the model to serve/test.
# Assumes .venv exists (make train runs setup first).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

model_hash() {
    # sha256sum prints "<content-hash>  <path>" per file, so renames count too.
    # LC_ALL=C keeps the order identical on every machine.
    { printf '%s\n' domain.yml config.yml
      find data domain -type f 2>/dev/null || true
    } | LC_ALL=C sort | while IFS= read -r f; do sha256sum -- "$f"; done | sha256sum | cut -d' ' -f1
}

hash="$(model_hash)"
model="models/$hash.tar.gz"

if [[ -f "$model" ]]; then
    log "train: model up to date ($model)"
else
    log "train: training $model"
    # Train into a scratch dir and move the archive into place at the end, so
    # an interrupted run never leaves a half-written models/<hash>.tar.gz
    # that would later be taken as current.
    tmp="models/.train-$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    start=$SECONDS
    rasa train --quiet --domain "$(rasa_domain)" --config config.yml --data data \
        --fixed-model-name "$hash" --out "$tmp"
    mv "$tmp/$hash.tar.gz" "$model"
    log "train: done in $((SECONDS - start)) s"
fi

ln -sfn "$hash.tar.gz" models/current

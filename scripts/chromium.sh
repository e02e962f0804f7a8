# shellcheck shell=bash
# Source it: make sure the browser tests have Debian's chromium (Playwright drives it; its own
# browser download does not work on these machines). Installs it with apt-get when it is missing
# and we are root (or have password-less sudo); otherwise says how to get it.

CHROMIUM="${PRESCREEN_CHROMIUM:-/usr/bin/chromium}"
export PRESCREEN_CHROMIUM="$CHROMIUM"

ensure_chromium() {
    [[ -x "$CHROMIUM" ]] && return 0
    local sudo=()
    if ((EUID != 0)); then
        sudo -n true 2>/dev/null || die "the browser tests need Chromium at $CHROMIUM.
Install it with 'sudo apt-get install chromium', or set PRESCREEN_CHROMIUM to a Chromium binary."
        sudo=(sudo -n)
    fi
    log "installing Debian's chromium for the browser tests (once)"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium >/dev/null
    [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium, but $CHROMIUM is still missing"
}

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

# The Chinese pages' screenshots need a font with Chinese characters. The widget ships none (it uses
# what the system has, as a patient's phone does); on a bare test machine we add Debian's small
# WenQuanYi Micro Hei when we may. Without it the tests still pass; the screenshots show boxes.
ensure_chinese_font() {
    command -v fc-list >/dev/null && [[ -n "$(fc-list :lang=zh 2>/dev/null)" ]] && return 0
    local sudo=()
    if ((EUID != 0)); then
        sudo -n true 2>/dev/null || { log "no Chinese font: Chinese screenshots will show boxes"; return 0; }
        sudo=(sudo -n)
    fi
    log "installing a Chinese font for the browser screenshots (once)"
    { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
        fonts-wqy-microhei >/dev/null; } || log "could not install fonts-wqy-microhei: Chinese screenshots will show boxes"
}

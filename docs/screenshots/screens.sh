#!/bin/sh
# Whole-screen shots of the editor on office screens (see take.py --screen): 1024×768,
# 1366×768 and 1920×1080 at 150 %, each on its own Xvfb with a window manager (openbox), so the
# window is maximized and framed as on a desktop.
#   sh docs/screenshots/screens.sh [DISPLAY_NUMBER]     (needs Xvfb, openbox; default :99)
set -eu
number=${1:-99}
here=$(dirname "$0")
shoot() { # size name [scale]
    Xvfb ":$number" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=":$number" openbox >/dev/null 2>&1 &
    wm=$!
    sleep 1
    DISPLAY=":$number" QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR="${3:-1}" \
        python3 "$here/take.py" --screen "$2" || status=$?
    kill "$wm" "$xvfb"
    wait "$wm" "$xvfb" 2>/dev/null || true
    return "${status:-0}"
}
shoot 1024x768 screen-1024x768
shoot 1366x768 screen-1366x768
shoot 1920x1080 screen-1920x1080-150 1.5

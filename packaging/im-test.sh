#!/usr/bin/env bash
# Types Chinese into the installed editor through each input-method framework of the 信创
# desktops, the way a clerk does, and reads it back from the saved file:
#   for ibus, fcitx5 and fcitx 4 in turn: a virtual X display (Xvfb) with a window manager
#   (openbox) and a D-Bus session (dbus-run-session), the framework's daemon with its pinyin engine,
#   the editor started on a copy of the sample report with QT_IM_MODULE as the desktops set it
#   (ibus / fcitx), a click into the first prose field (一、总体情况 → 开头语), the input method
#   switched on (Ctrl+Space; ibus: `ibus engine pinyin`), `nihao` and Space typed with xdotool,
#   Ctrl+S; then the saved .nianbao must hold 你好 in that field.
# fcitx 4 and fcitx5 conflict as Debian packages: the script installs each in turn with apt-get
# (it removes the other). A screenshot of each editor after typing goes to OUTDIR.
#
#   sudo bash packaging/im-test.sh [--display :120] [--program PATH] [--out OUTDIR] [FRAMEWORK...]
#
# FRAMEWORKs: ibus fcitx5 fcitx4 (default: all three). PATH: the editor program (default: the
# installed /opt/apps/org.nianbao.editor/files/nianbao-editor). Needs root, network to the Debian
# mirror (the frameworks' packages), Xvfb, openbox, xdotool, dbus, imagemagick. Takes 2–5 minutes.
set -euo pipefail

DISPLAY_NUM=":120"
PROGRAM="${PROGRAM:-/opt/apps/org.nianbao.editor/files/nianbao-editor}"
OUT="$PWD/build/im-test"
while [ $# -gt 0 ]; do
  case "$1" in
    --display) DISPLAY_NUM="$2"; shift 2 ;;
    --program) PROGRAM="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --inner) shift; break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SELF="$ROOT/packaging/im-test.sh"

# ---- inside the D-Bus session of one framework: $1 framework, $2 work dir ----------------------
if [ "${IM_TEST_INNER:-}" = 1 ]; then
  FW="$1" WORK="$2"
  pids=()
  cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
  trap cleanup EXIT
  case "$FW" in
    ibus)
      ibus-daemon --replace --xim=false --panel=disable >"$WORK/daemon.log" 2>&1 &
      pids+=($!)
      for _ in $(seq 50); do ibus list-engine >/dev/null 2>&1 && break; sleep 0.2; done
      # The engine for every window (ibus answers 1 while no window has focus, yet sets it).
      ibus engine pinyin || true
      [ "$(ibus engine)" = pinyin ] || { echo "ibus did not take the pinyin engine" >&2; exit 1; }
      export QT_IM_MODULE=ibus
      ;;
    fcitx5)
      fcitx5 --replace >"$WORK/daemon.log" 2>&1 &
      pids+=($!)
      export QT_IM_MODULE=fcitx
      ;;
    fcitx4)
      fcitx -D >"$WORK/daemon.log" 2>&1 &
      pids+=($!)
      export QT_IM_MODULE=fcitx
      ;;
  esac
  sleep 3
  "$PROGRAM" "$WORK/report.nianbao" >"$WORK/editor.log" 2>&1 &
  pids+=($!)
  window="$(xdotool search --sync --onlyvisible --name 'report.nianbao')"
  xdotool windowactivate --sync "$window" windowsize --sync "$window" 1366 768 windowmove "$window" 0 0
  sleep 2
  # Positions inside the window (below its title bar), at 1366×768.
  xdotool mousemove --window "$window" 120 72 click 1 # the tab 一、总体情况
  sleep 1
  xdotool mousemove --window "$window" 600 220 click 1 # its first prose field, 开头语
  sleep 1
  [ "$FW" = ibus ] || xdotool key ctrl+space # fcitx: switch the input method on
  sleep 1
  xdotool type --delay 150 nihao
  sleep 1
  xdotool key space
  sleep 1
  import -window root "$WORK/screen.png" 2>/dev/null || true
  xdotool key ctrl+s
  sleep 2
  exit 0
fi

# ---- the driver --------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || { echo "run as root (it installs the input methods with apt-get)" >&2; exit 2; }
[ -x "$PROGRAM" ] || { echo "no editor at $PROGRAM (install the .deb, or --program PATH)" >&2; exit 2; }
FRAMEWORKS=("$@")
[ ${#FRAMEWORKS[@]} -gt 0 ] || FRAMEWORKS=(ibus fcitx5 fcitx4)
export DEBIAN_FRONTEND=noninteractive
apt_quiet() { apt-get "$@" -y -qq --no-install-recommends >/dev/null 2>&1; }
# The installed packages among those named (none named: none — dpkg-query alone lists them all).
installed() {
  [ $# -gt 0 ] || return 0
  dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/ installed$/ {print $1}' || true
}
need=()
for tool in Xvfb:xvfb openbox:openbox xdotool:xdotool dbus-run-session:dbus import:imagemagick; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ ${#need[@]} -eq 0 ] || apt_quiet install "${need[@]}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
SAMPLE="$ROOT/resources/examples/longting-2023.nianbao"
FAILED=0

for fw in "${FRAMEWORKS[@]}"; do
  case "$fw" in
    ibus) packages=(ibus ibus-pinyin); conflicting=() ;;
    fcitx5) packages=(fcitx5 fcitx5-chinese-addons); conflicting=(fcitx fcitx-bin fcitx-data) ;;
    fcitx4) packages=(fcitx fcitx-bin fcitx-data fcitx-modules fcitx-module-dbus fcitx-ui-classic
      fcitx-pinyin)
      mapfile -t conflicting < <(installed 'fcitx5*') ;;
    *) echo "unknown framework $fw (ibus, fcitx5, fcitx4)" >&2; exit 2 ;;
  esac
  mapfile -t present < <(installed ${conflicting[@]+"${conflicting[@]}"})
  [ ${#present[@]} -eq 0 ] || apt_quiet remove "${present[@]}"
  apt_quiet install "${packages[@]}"
  WORK="$OUT/$fw"
  rm -rf "$WORK" && mkdir -p "$WORK/home/.config" "$WORK/run"
  chmod 700 "$WORK/run"
  cp "$SAMPLE" "$WORK/report.nianbao"
  case "$fw" in
    fcitx5)
      mkdir -p "$WORK/home/.config/fcitx5"
      printf '%s\n' '[Groups/0]' 'Name=Default' 'Default Layout=us' 'DefaultIM=pinyin' '' \
        '[Groups/0/Items/0]' 'Name=keyboard-us' 'Layout=' '' '[Groups/0/Items/1]' 'Name=pinyin' \
        'Layout=' '' '[GroupOrder]' '0=Default' >"$WORK/home/.config/fcitx5/profile"
      ;;
    fcitx4)
      mkdir -p "$WORK/home/.config/fcitx"
      printf '%s\n' '[Profile]' 'IMName=pinyin' \
        'EnabledIMList=fcitx-keyboard-us:True,pinyin:True' >"$WORK/home/.config/fcitx/profile"
      ;;
  esac
  version="$(dpkg-query -W -f='${Version}' "${packages[0]}")"

  Xvfb "$DISPLAY_NUM" -screen 0 1366x768x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
  xvfb=$!
  sleep 1
  DISPLAY="$DISPLAY_NUM" openbox >"$WORK/openbox.log" 2>&1 &
  openbox=$!
  sleep 1
  env -i PATH="$PATH" HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" \
    XDG_RUNTIME_DIR="$WORK/run" DISPLAY="$DISPLAY_NUM" LANG=C.UTF-8 IM_TEST_INNER=1 \
    PROGRAM="$PROGRAM" timeout 120 dbus-run-session -- bash "$SELF" --inner "$fw" "$WORK" \
    >"$WORK/session.log" 2>&1 || true
  kill "$openbox" "$xvfb" 2>/dev/null || true
  wait "$openbox" "$xvfb" 2>/dev/null || true

  typed="$(python3 - "$WORK/report.nianbao" <<'EOF'
import json, sys
prose = json.load(open(sys.argv[1], encoding="utf-8"))["prose"]
print(" ".join(f"{key}={value!r}" for key, value in prose.items() if "你好" in value))
EOF
)"
  if [ -n "$typed" ]; then
    printf 'ok    %-7s (%s %s, QT_IM_MODULE=%s): saved %s\n' "$fw" "${packages[0]}" "$version" \
      "$([ "$fw" = ibus ] && echo ibus || echo fcitx)" "$typed"
  else
    printf 'FAIL  %-7s (%s %s): no 你好 in the saved file; see %s\n' "$fw" "${packages[0]}" "$version" "$WORK"
    FAILED=1
  fi
done
exit "$FAILED"

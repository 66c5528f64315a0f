#!/usr/bin/env bash
# Installs everything the editor and its tests need on a fresh Debian/Ubuntu-like machine:
# Qt's system libraries, a CJK font, PDF tools for the tests, and the Python packages.
# Safe to run again; it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt (PySide6) offscreen and on a real X display
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  # a CJK font so Chinese renders on screen (the PDF uses the font bundled in the app)
  fonts-wqy-microhei
  # the tests read PDFs back and render pages; screenshots under a virtual display
  poppler-utils xvfb xauth
  # tests/packaging validates the desktop entry and trims ICU's data as the bundle does;
  # packaging/build-deb.sh and smoke-test.sh (run by CI after the tests) need the rest
  desktop-file-utils binutils icu-devtools gcc dpkg-dev xz-utils strace util-linux qpdf
  # packaging/toolchain and packaging/fcitx build CPython and the fcitx plugin from Debian's sources
  g++ make patch curl debian-archive-keyring
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's own python3 refuses system-wide installs (PEP 668) unless told; other Pythons ignore this.
PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q --disable-pip-version-check -e '.[dev]'

#!/usr/bin/env bash
# Prepares the Python environment the Linux bundle is built from: BUILD/venv on the CPython of
# build-python.sh (glibc 2.28), with the project's dependencies (and its dev extras, to run the
# test suite on exactly what ships) as wheels for glibc ≤ 2.28, Qt pinned by bundle-pins.txt, and
# the fcitx input-method plugin built for that Qt.
#
#   bash packaging/toolchain/prepare-bundle-env.sh BUILD     -> BUILD/venv/bin/python
#
# The wheels are fetched by this machine's pip (the bundle's Python has no TLS: it never needs
# the network), for the manylinux tags up to 2.28 only, then installed offline.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD="$(mkdir -p "$1" && cd "$1" && pwd)"
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

# Kept when nothing it is made from changed (CI builds it once, for the tests and the .deb).
STAMP_INPUTS=("$HERE"/*.sh "$HERE"/*.txt "$ROOT/pyproject.toml" "$ROOT"/packaging/fcitx/*
  "$ROOT/packaging/debian-fetch.sh")
STAMP="$BUILD/venv/.prepared-$(cat "${STAMP_INPUTS[@]}" | sha256sum | cut -c1-16)"
if [ -f "$STAMP" ]; then
  echo "bundle environment: $BUILD/venv is up to date"
  exit 0
fi

step "CPython for glibc 2.28"
bash "$HERE/build-python.sh" "$BUILD"

step "wheels for glibc <= 2.28"
WHEELS="$BUILD/wheelhouse"
rm -rf "$WHEELS" && mkdir -p "$WHEELS"
python3 -m pip wheel -q --disable-pip-version-check --no-deps -w "$WHEELS" "$ROOT"
PROJECT_WHEEL="$(echo "$WHEELS"/nianbao-*.whl)"
platforms=()
for minor in $(seq 28 -1 5); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
platforms+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64)
python3 -m pip download -q --disable-pip-version-check --only-binary=:all: "${platforms[@]}" \
  --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
  -c "$HERE/bundle-pins.txt" -d "$WHEELS" "nianbao[dev] @ file://$PROJECT_WHEEL"

step "venv"
rm -rf "$BUILD/venv"
"$BUILD/python/bin/python3.11" -m venv "$BUILD/venv"
# Only the wheels fetched above: no pip configuration of this machine (extra find-links) applies.
env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null "$BUILD/venv/bin/python" -m pip install -q \
  --disable-pip-version-check --no-index \
  --find-links "$WHEELS" -c "$HERE/bundle-pins.txt" "nianbao[dev]"
"$BUILD/venv/bin/python" -c 'from PySide6 import QtCore; print("Qt", QtCore.qVersion())'

step "fcitx input-method plugin"
PYTHON="$BUILD/venv/bin/python" bash "$ROOT/packaging/fcitx/build-fcitx-plugin.sh" "$BUILD"
touch "$STAMP"
step "done"

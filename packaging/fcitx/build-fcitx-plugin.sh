#!/usr/bin/env bash
# Builds the fcitx input-method plugin for the Qt that the bundle ships and installs it into that
# Qt's plugin folder (PySide6/Qt/plugins/platforminputcontexts), where PyInstaller collects it.
#
# A Qt platform input context plugin uses Qt's private API, which changes between Qt releases: it
# must be compiled against the private headers of exactly the Qt it is loaded into. So:
#   - plugin source: fcitx-qt5 (Debian source package, upstream tarball; its Qt 6 input context
#     speaks both fcitx 4's D-Bus interface org.fcitx.Fcitx.InputMethod and fcitx5's
#     org.fcitx.Fcitx.InputMethod1). Debian's fcitx5-qt source is not served by the mirror here.
#   - Qt headers (public and private), moc and qdbusxml2cpp: Debian 13's qt6-base binary packages,
#     whose upstream version must equal the wheel's Qt (checked; 6.8.2);
#   - it links against the wheel's own libQt6Core/Gui/DBus, and is compiled by Zig's clang for
#     glibc 2.28 with the system's libstdc++ headers (the C++ runtime Qt itself uses), so it loads
#     on 统信UOS V20 (see glibc228-shim.cpp for the two libstdc++ symbols newer than GCC 8).
# Registered under the keys "fcitx" (what im-config sets for fcitx 4 and fcitx5) and "fcitx5".
#
#   PYTHON=venv/bin/python bash packaging/fcitx/build-fcitx-plugin.sh BUILD
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD="$(mkdir -p "$1" && cd "$1" && pwd)"
PYTHON="${PYTHON:-python3}"
W="$BUILD/fcitx-plugin"
DL="$BUILD/downloads/fcitx-plugin"
rm -rf "$W"
mkdir -p "$W/gen" "$W/obj" "$DL"

QT_DIR="$("$PYTHON" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt")')"
QT_VERSION="$("$PYTHON" -c 'from PySide6 import QtCore; print(QtCore.qVersion())')"
echo "Qt of the bundle: $QT_VERSION ($QT_DIR)"

bash "$HERE/../toolchain/setup-zig.sh" "$BUILD" >/dev/null
FETCH="$HERE/../debian-fetch.sh"
if [ ! -f "$DL/complete" ]; then
  rm -rf "$DL" && mkdir -p "$DL"
  bash "$FETCH" orig trixie "$DL" fcitx-qt5
  # moc, qdbusxml2cpp and the headers; moc is a Debian 13 program, run with Debian 13's C and C++
  # libraries through their own dynamic loader (it needs glibc 2.38).
  bash "$FETCH" download trixie "$DL" qt6-base-dev qt6-base-private-dev qt6-base-dev-tools \
    libc6 libstdc++6 libgcc-s1 libpcre2-16-0
  bash "$FETCH" download bookworm "$DL" libxkbcommon-dev x11proto-dev
  touch "$DL/complete"
fi
for deb in "$DL"/*.deb; do dpkg-deb -x "$deb" "$W/root"; done
DEBIAN_QT="$(dpkg-deb -f "$DL"/qt6-base-dev_*.deb Version | sed 's/^[0-9]*://; s/[+-].*//')"
if [ "$DEBIAN_QT" != "$QT_VERSION" ]; then
  echo "Qt $QT_VERSION in the bundle, but Debian's headers are for $DEBIAN_QT: pin PySide6 $DEBIAN_QT" >&2
  exit 1
fi
R="$W/root"
LIBDIR="$R/usr/lib/x86_64-linux-gnu"
moc() { "$LIBDIR/ld-linux-x86-64.so.2" --library-path "$LIBDIR" "$R/usr/lib/qt6/libexec/moc" "$@"; }
qdbusxml2cpp() { LD_LIBRARY_PATH="$QT_DIR/lib" "$R/usr/lib/qt6/bin/qdbusxml2cpp" "$@"; }

mkdir -p "$W/src" && tar -xf "$DL"/fcitx-qt5_*.orig.tar.* -C "$W/src"
SRC="$(echo "$W"/src/fcitx-qt5-*/qt5/platforminputcontext)"
for patch in "$HERE"/patches/*.patch; do
  [ -e "$patch" ] || continue
  patch -s -d "$SRC/../.." -p1 <"$patch"
done
# main.h embeds fcitx.json (beside it) as the plugin's metadata: register both keys.
printf '{\n    "Keys": [ "fcitx", "fcitx5" ]\n}\n' >"$SRC/fcitx.json"

QTINC="$R/usr/include/x86_64-linux-gnu/qt6"
INCLUDES=(
  -I"$W/gen" -I"$SRC" -I"$QTINC" -I"$QTINC/QtCore" -I"$QTINC/QtGui" -I"$QTINC/QtDBus"
  -I"$QTINC/QtCore/$QT_VERSION" -I"$QTINC/QtCore/$QT_VERSION/QtCore"
  -I"$QTINC/QtGui/$QT_VERSION" -I"$QTINC/QtGui/$QT_VERSION/QtGui" -I"$R/usr/include"
  -I"$R/usr/lib/x86_64-linux-gnu/qt6/mkspecs/linux-g++"
)
DEFINES=(-DQT_NO_KEYWORDS -DQT_PLUGIN -DQT_SHARED -DQT_NO_DEBUG -DQT_CORE_LIB -DQT_GUI_LIB -DQT_DBUS_LIB)

echo "== D-Bus proxies and moc"
cd "$W/gen"
for pair in InputContext:inputcontextproxy InputContext1:inputcontext1proxy \
  InputMethod:inputmethodproxy InputMethod1:inputmethod1proxy; do
  name="${pair#*:}"
  qdbusxml2cpp -m -i fcitxqtdbustypes.h -p "$name" "$SRC/org.fcitx.Fcitx.${pair%%:*}.xml"
  # the generated .cpp includes its moc output (Qt 6.8's qdbusxml2cpp -m: moc_NAME.cpp)
  moc "${DEFINES[@]}" "${INCLUDES[@]}" "$name.h" -o "moc_$name.cpp"
done
for header in fcitxinputcontextproxy fcitxwatcher qfcitxplatforminputcontext main; do
  moc "${DEFINES[@]}" "${INCLUDES[@]}" "$SRC/$header.h" -o "header_moc_$header.cpp"
done

echo "== compile"
GCC_VER="$(gcc -dumpversion | cut -d. -f1)"
CXXFLAGS=(
  -x c++ -std=c++17 -O2 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -w
  # libstdc++ (not Zig's libc++): -I puts its headers before Zig's C library ones, as
  # #include_next in <cstdlib> needs.
  -nostdinc++ -I"/usr/include/c++/$GCC_VER" -I"/usr/include/x86_64-linux-gnu/c++/$GCC_VER"
  "${DEFINES[@]}" "${INCLUDES[@]}"
)
sources=("$SRC"/{fcitxinputcontextproxy,fcitxqtdbustypes,fcitxwatcher,qfcitxplatforminputcontext,main,qtkey}.cpp
  "$W"/gen/{inputcontextproxy,inputcontext1proxy,inputmethodproxy,inputmethod1proxy}.cpp
  "$W"/gen/header_moc_*.cpp "$HERE/glibc228-shim.cpp")
for src in "${sources[@]}"; do
  obj="$W/obj/$(basename "$src" .cpp).o"
  nice -n 10 "$BUILD/bin/cc" "${CXXFLAGS[@]}" -c "$src" -o "$obj" &
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n; done
done
wait
for src in "${sources[@]}"; do
  [ -f "$W/obj/$(basename "$src" .cpp).o" ] || { echo "compiling $src failed" >&2; exit 1; }
done

echo "== link"
PLUGIN="$W/libfcitxplatforminputcontextplugin.so"
"$BUILD/bin/cc" -shared -o "$PLUGIN" "$W"/obj/*.o \
  -Wl,--no-undefined -Wl,--as-needed -Wl,--strip-all -Wl,--version-script="$HERE/plugin.map" \
  "$QT_DIR/lib/libQt6Gui.so.6" "$QT_DIR/lib/libQt6DBus.so.6" "$QT_DIR/lib/libQt6Core.so.6" \
  /usr/lib/x86_64-linux-gnu/libxkbcommon.so.0 \
  /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib/x86_64-linux-gnu/libgcc_s.so.1
install -m 644 "$PLUGIN" "$QT_DIR/plugins/platforminputcontexts/"
echo "fcitx plugin: $QT_DIR/plugins/platforminputcontexts/$(basename "$PLUGIN")"

#!/usr/bin/env bash
# Builds the one-folder bundle with PyInstaller and packs it as an amd64 .deb for 统信UOS / 银河麒麟
# (and Debian/Ubuntu), laid out the UOS way: /opt/apps/<id>/files (the programs),
# /opt/apps/<id>/entries (desktop entry, icons, MIME type), /opt/apps/<id>/info. The entries are
# also installed under /usr/share so every desktop finds them, and /usr/bin gets `nianbao` and
# `nianbao-editor`. Dependencies come from dpkg-shlibdeps run over the bundle, so
# `apt-get install ./x.deb` pulls what a bare system lacks.
#
#   bash packaging/build-deb.sh OUTDIR        -> OUTDIR/<id>_<version>_amd64.deb, OUTDIR/bundle/
#
# The bundle is built from the environment of packaging/toolchain/prepare-bundle-env.sh (in
# build/bundle-env, or $BUNDLE_ENV; CPython for glibc 2.28, the pinned Qt, the fcitx plugin), so
# that the package runs on 统信UOS V20 / 银河麒麟 V10; check with packaging/symbol_versions.py.
# PYTHON=/path/to/python uses that Python instead (a quicker build for this machine only).
#
# Needs: network to the Debian mirror and PyPI (first run), dpkg-dev (dpkg-shlibdeps), xz, and
# for the trimmed ICU data (icu_trim.py) binutils, icu-devtools and gcc. Runs as any user.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: bash packaging/build-deb.sh OUTDIR" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"

APP_ID="org.nianbao.editor"
PREFIX="/opt/apps/$APP_ID"
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }
if [ -z "${PYTHON:-}" ]; then
  BUNDLE_ENV="${BUNDLE_ENV:-$ROOT/build/bundle-env}"
  step "build environment (packaging/toolchain/prepare-bundle-env.sh)"
  bash "$ROOT/packaging/toolchain/prepare-bundle-env.sh" "$BUNDLE_ENV"
  PYTHON="$BUNDLE_ENV/venv/bin/python"
fi
VERSION="$("$PYTHON" -c 'import editor; print(editor.__version__)')"
ARCH="amd64"
[ "$(dpkg --print-architecture)" = "$ARCH" ] || { echo "build on $ARCH" >&2; exit 2; }

for tool in dpkg-deb dpkg-shlibdeps xz nm objcopy icupkg cc; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool (apt-get install dpkg-dev xz-utils binutils icu-devtools gcc)" >&2
    exit 2
  }
done
"$PYTHON" -c 'import PyInstaller' 2>/dev/null ||
  PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install -q --disable-pip-version-check 'pyinstaller>=6.10'

step "PyInstaller bundle"
WORK="$ROOT/build/pyinstaller"
rm -rf "$OUT/bundle"
(cd "$ROOT" && "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath "$WORK" --distpath "$OUT/bundle" packaging/nianbao.spec) 2>&1 |
  grep -v "WARNING: Library not found" || true
BUNDLE="$OUT/bundle/nianbao"
[ -x "$BUNDLE/nianbao" ] || { echo "bundle failed" >&2; exit 1; }
# The window is the same program started under this name (packaging/entry.py).
ln -sfn nianbao "$BUNDLE/nianbao-editor"
ICONS="$WORK/nianbao/icons"

step "package tree"
STAGE="$OUT/deb-root"
rm -rf "$STAGE"
ENTRIES="$STAGE$PREFIX/entries"
mkdir -p "$STAGE$PREFIX/files" "$ENTRIES/applications" "$ENTRIES/mime/packages" \
  "$STAGE/usr/bin" "$STAGE/usr/share/doc/$APP_ID" "$STAGE/DEBIAN"
cp -a "$BUNDLE/." "$STAGE$PREFIX/files/"
sed -e "s|@PREFIX@|$PREFIX|g" -e "s|@APP_ID@|$APP_ID|g" \
  "$ROOT/packaging/linux/nianbao.desktop.in" >"$ENTRIES/applications/$APP_ID.desktop"
cp "$ROOT/packaging/linux/nianbao-mime.xml" "$ENTRIES/mime/packages/$APP_ID.xml"
for size in 16 24 32 48 64 128 256; do
  install -D -m 644 "$ICONS/app-$size.png" "$ENTRIES/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  install -D -m 644 "$ICONS/document-$size.png" \
    "$ENTRIES/icons/hicolor/${size}x${size}/mimetypes/application-x-nianbao.png"
done
install -D -m 644 "$ICONS/app.svg" "$ENTRIES/icons/hicolor/scalable/apps/$APP_ID.svg"
install -D -m 644 "$ICONS/document.svg" \
  "$ENTRIES/icons/hicolor/scalable/mimetypes/application-x-nianbao.svg"
sed -e "s|@APP_ID@|$APP_ID|g" -e "s|@VERSION@|$VERSION|g" \
  "$ROOT/packaging/linux/info.in" >"$STAGE$PREFIX/info"
# Copies (not links) under /usr/share: Kylin and Debian read only these; dpkg triggers of
# desktop-file-utils, shared-mime-info and the icon theme refresh their caches.
mkdir -p "$STAGE/usr/share"
cp -a "$ENTRIES/applications" "$ENTRIES/icons" "$ENTRIES/mime" "$STAGE/usr/share/"
ln -s "$PREFIX/files/nianbao" "$STAGE/usr/bin/nianbao"
ln -s "$PREFIX/files/nianbao-editor" "$STAGE/usr/bin/nianbao-editor"
{
  echo "年报编辑器 (nianbao) $VERSION — Apache-2.0."
  echo "Bundled: Python, Qt 6 / PySide6 (LGPL-3.0), reportlab, openpyxl, pydantic, pdfplumber,"
  echo "python-docx and their dependencies, under their own licences (see files/_internal/*.dist-info)."
  echo
  cat "$ROOT/editor/assets/fonts/wqy-microhei.COPYRIGHT"
} >"$STAGE/usr/share/doc/$APP_ID/copyright"
chmod -R u+rwX,go+rX,go-w "$STAGE"

step "dependencies (dpkg-shlibdeps)"
# dpkg-shlibdeps wants a debian/control beside it; the bundle's own libraries are found with -l.
SHLIBS="$(mktemp -d)"
trap 'rm -rf "$SHLIBS"' EXIT
mkdir -p "$SHLIBS/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: %s\n' "$APP_ID" "$APP_ID" "$ARCH" >"$SHLIBS/debian/control"
mapfile -t ELFS < <(find "$STAGE$PREFIX/files" -type f \( -name '*.so*' -o -perm -u+x \) \
  -exec sh -c 'for f; do [ "$(head -c4 "$f" | tr -d "\0")" = "$(printf "\177ELF")" ] && echo "$f"; done' _ {} +)
mapfile -t LIBDIRS < <(find "$STAGE$PREFIX/files" -type f -name '*.so*' -printf '-l%h\n' | sort -u)
if ! (cd "$SHLIBS" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
  "${LIBDIRS[@]}" "${ELFS[@]}" >"$SHLIBS/out" 2>"$SHLIBS/err"); then
  grep -v warning "$SHLIBS/err" >&2
  exit 1
fi
SHLIBS_DEPENDS="$(sed -n 's/^shlibs:Depends=//p' "$SHLIBS/out")"
[ -n "$SHLIBS_DEPENDS" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# The versions dpkg-shlibdeps takes from this machine's packages, made those the binaries need
# (glibc/libstdc++ by their symbol versions; packaging/deb_depends.py says why), so that apt
# accepts the package on 统信UOS V20 and 银河麒麟 V10.
read -r NEED_GLIBC NEED_GLIBCXX NEED_CXXABI < <(python3 "$ROOT/packaging/symbol_versions.py" --newest "$STAGE$PREFIX/files")
echo "newest symbol versions needed: GLIBC $NEED_GLIBC, GLIBCXX $NEED_GLIBCXX, CXXABI $NEED_CXXABI"
DEPENDS="$(python3 "$ROOT/packaging/deb_depends.py" "$SHLIBS_DEPENDS" "$NEED_GLIBC" "$NEED_GLIBCXX" "$NEED_CXXABI")"
# Not visible to dpkg-shlibdeps: Qt loads libdbus-1 with dlopen (input methods, accessibility);
# libfontconfig reads its configuration from fontconfig-config, which also brings a Latin font.
for extra in libdbus-1-3 fontconfig-config; do
  grep -qE "(^|, )$extra( |,|$)" <<<"$DEPENDS" || DEPENDS="$DEPENDS, $extra"
done
# A CJK font for the window on a bare system (UOS and Kylin have one; PDF export uses the bundled one).
RECOMMENDS="fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
GLIBC_FLOOR="$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$DEPENDS")"

if dpkg --compare-versions "$GLIBC_FLOOR" le 2.28; then
  SYSTEMS="Runs on 统信UOS V20, 银河麒麟 V10, Debian 10 and later, Ubuntu 20.04 and later."
else
  SYSTEMS="Needs glibc $GLIBC_FLOOR or newer (not 统信UOS V20 / 银河麒麟 V10: see docs/installing.md)."
fi

INSTALLED_KB="$(du -sk --apparent-size --exclude=DEBIAN "$STAGE" | cut -f1)"
# Issue 12: installed, the package takes at most 120 MB, read as 120 x 10^6 bytes (the smaller
# reading), counted as dpkg's Installed-Size is: files, links and folders, apparent sizes.
INSTALLED_BYTES="$(du -sb --exclude=DEBIAN "$STAGE" | cut -f1)"
INSTALLED_LIMIT=120000000
if [ "$INSTALLED_BYTES" -gt "$INSTALLED_LIMIT" ]; then
  python3 "$ROOT/packaging/bundle_sizes.py" "$BUNDLE" >&2
  echo "installed size $INSTALLED_BYTES bytes is over the limit of $INSTALLED_LIMIT bytes" >&2
  exit 1
fi
cat >"$STAGE/DEBIAN/control" <<EOF
Package: $APP_ID
Version: $VERSION
Architecture: $ARCH
Maintainer: nianbao developers <nianbao@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: $RECOMMENDS
Section: editors
Priority: optional
Homepage: https://localhost/nianbao
Description: 年报编辑器 — government information disclosure annual report editor
 An offline editor for the statutory 政府信息公开工作年度报告 in the official 2021 format:
 the three statistical tables in the official layout, checks of their totals as you type,
 export to Excel and PDF. Includes the command line nianbao (check, import, export).
 $SYSTEMS
EOF

step "dpkg-deb (xz)"
DEB="$OUT/${APP_ID}_${VERSION}_${ARCH}.deb"
# xz, not zstd: the dpkg of UOS V20 / Kylin V10 predates zstd support (dpkg 1.21.18).
dpkg-deb --root-owner-group -Zxz -b "$STAGE" "$DEB" >/dev/null

step "done"
python3 "$ROOT/packaging/bundle_sizes.py" "$BUNDLE"
BUNDLE_MB="$(du -sm --apparent-size "$BUNDLE" | cut -f1)"
DEB_MB="$(du -m --apparent-size "$DEB" | cut -f1)"
echo "bundle:         $BUNDLE ($BUNDLE_MB MiB, $(find "$BUNDLE" -type f | wc -l) files)"
echo "package:        $DEB ($DEB_MB MiB)"
echo "installed size: $INSTALLED_BYTES bytes, $((INSTALLED_KB / 1024)) MiB (limit: $INSTALLED_LIMIT bytes)"
echo "glibc floor:    $GLIBC_FLOOR"
echo "Depends:        $DEPENDS"

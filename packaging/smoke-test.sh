#!/usr/bin/env bash
# Installs the .deb and proves the installed programs work offline:
#   - `apt-get install ./x.deb` (on this machine, or in a clean Debian root made with debootstrap,
#     which shows that the declared dependencies are enough on a bare system);
#   - then, with the network cut (`unshare -n`: a network namespace with no interface, not even
#     loopback) and no system font visible (a fontconfig file with no font directory, and
#     NIANBAO_FONTS=bundled for the PDF exporter): `nianbao check`, `nianbao export` to PDF,
#     Excel, Word and HTML, `nianbao import` of every export (the PDF also AES-encrypted), of a
#     PDF whose Chinese font uses Adobe's predefined UniGB-UCS2-H CMap and of a Word file,
#     `nianbao review` of a folder in worker processes, and the window started offscreen;
#   - under strace, that no program opens an internet socket (AF_INET/AF_INET6) at all.
#
#   sudo bash packaging/smoke-test.sh OUTDIR/x.deb              # install here, remove afterwards
#   sudo bash packaging/smoke-test.sh --keep OUTDIR/x.deb       # ... and leave it installed
#   sudo bash packaging/smoke-test.sh --root DIR OUTDIR/x.deb   # in DIR, made by debootstrap if absent
#
# Needs root, unshare (util-linux), strace, poppler-utils (pdffonts, pdftotext) and qpdf on this
# machine, and a Python with reportlab, python-docx and openpyxl ($PYTHON, default python3: the build's)
# to make the documents it imports and read the review's workbook.
set -euo pipefail

KEEP=0
CLEAN_ROOT=""
while [ $# -gt 1 ]; do
  case "$1" in
    --keep) KEEP=1; shift ;;
    --root) CLEAN_ROOT="$2"; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: sudo bash packaging/smoke-test.sh [--keep] [--root DIR] PACKAGE.deb" >&2
  exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "run as root (apt-get install, unshare -n)" >&2; exit 2; }
for tool in unshare strace pdffonts pdftotext qpdf; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install util-linux strace poppler-utils qpdf)" >&2; exit 2; }
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEB="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
PKG="$(dpkg-deb -f "$DEB" Package)"
PREFIX="/opt/apps/$PKG"
SAMPLE="$ROOT/resources/examples/longting-2023.nianbao"
export DEBIAN_FRONTEND=noninteractive
FAILED=0
pass() { printf 'ok    %s\n' "$1"; }
fail() { printf 'FAIL  %s\n' "$1"; FAILED=1; }
step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

# Everything the test runs inside the target goes through `in_target`; files it writes are under
# $WORK (a path inside the target), read from here as $HOST_WORK.
if [ -n "$CLEAN_ROOT" ]; then
  mkdir -p "$CLEAN_ROOT"
  TARGET="$(cd "$CLEAN_ROOT" && pwd)"
  if [ ! -x "$TARGET/usr/bin/apt-get" ]; then
    step "debootstrap a bare Debian 12 into $TARGET"
    command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
    debootstrap --variant=minbase bookworm "$TARGET" http://deb.debian.org/debian >/dev/null
  fi
  mountpoint -q "$TARGET/proc" || mount -t proc proc "$TARGET/proc"
  cp /etc/resolv.conf "$TARGET/etc/resolv.conf"
  in_target() { chroot "$TARGET" "$@"; }
else
  TARGET=""
  in_target() { "$@"; }
fi
WORK="/tmp/nianbao-smoke"
HOST_WORK="$TARGET$WORK"
rm -rf "$HOST_WORK"
mkdir -p "$HOST_WORK/fc-cache" "$HOST_WORK/home"
cleanup() {
  if [ "$KEEP" -eq 0 ]; then
    in_target apt-get purge -y -qq "$PKG" >/dev/null 2>&1 || true
  fi
  if [ -n "$TARGET" ]; then umount "$TARGET/proc" 2>/dev/null || true; fi
}
trap cleanup EXIT

step "apt-get install ./$(basename "$DEB")"
cp "$DEB" "$HOST_WORK/"
if [ -n "$TARGET" ]; then in_target apt-get update -qq; fi
# No recommends: the CJK font it recommends would hide a missing bundled font.
in_target apt-get install -y -qq --no-install-recommends "$WORK/$(basename "$DEB")" >"$HOST_WORK/apt.log" 2>&1 ||
  { cat "$HOST_WORK/apt.log"; exit 1; }
tail -n 3 "$HOST_WORK/apt.log" | sed 's/^/  /'
printf '  Installed-Size: %s KiB; on disk: %s\n' "$(in_target dpkg-query -W -f='${Installed-Size}' "$PKG")" \
  "$(du -sh --apparent-size "$TARGET$PREFIX" | cut -f1)"
for f in /usr/bin/nianbao /usr/bin/nianbao-editor "$PREFIX/files/nianbao" "$PREFIX/info" \
  "/usr/share/applications/$PKG.desktop" "/usr/share/mime/packages/$PKG.xml" \
  "/usr/share/icons/hicolor/256x256/apps/$PKG.png"; do
  # -L too: /usr/bin's links are absolute, so they dangle when seen from outside a clean root.
  { [ -e "$TARGET$f" ] || [ -L "$TARGET$f" ]; } && pass "installed $f" || fail "missing $f"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$TARGET/usr/share/applications/$PKG.desktop" && pass "desktop entry valid" ||
    fail "desktop-file-validate"
fi

# A fontconfig configuration with no font directory: Qt and fc-list see no font at all.
cat >"$HOST_WORK/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>$WORK/fc-cache</cachedir></fontconfig>
EOF
cp "$SAMPLE" "$HOST_WORK/sample.nianbao"

# offline ARGS...: runs ARGS in the target with no network and no system fonts, under strace
# (log: $WORK/strace-<n>.log), with stdout/stderr in $WORK/out-<n>.txt. Returns ARGS' exit code.
RUN=0
offline() {
  RUN=$((RUN + 1))
  local code=0
  unshare -n strace -f -qq -e trace=socket,connect,execve -o "$HOST_WORK/strace-$RUN.log" \
    ${TARGET:+chroot "$TARGET"} \
    env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    FONTCONFIG_FILE="$WORK/fonts.conf" NIANBAO_FONTS=bundled \
    "$@" >"$HOST_WORK/out-$RUN.txt" 2>&1 || code=$?
  return "$code"
}
# same_report A B KEY...: the two imported reports agree on these parts.
same_report() {
  "${PYTHON:-python3}" -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
sys.exit(any(a[k] != b[k] for k in sys.argv[3:]))' "$HOST_WORK/$1" "$HOST_WORK/$2" "${@:3}"
}
show() { sed 's/^/  | /' "$HOST_WORK/out-$RUN.txt" | head -n "${1:-5}"; }

step "offline: network namespace"
offline cat /proc/net/dev || true
interfaces="$(awk -F: 'NR > 2 && $1 !~ /lo/ {print $1}' "$HOST_WORK/out-$RUN.txt" | tr -d ' ')"
[ -z "$interfaces" ] && pass "no network interface but a downed loopback" || fail "interfaces: $interfaces"

step "offline: nianbao"
offline nianbao --version && pass "nianbao --version: $(head -1 "$HOST_WORK/out-$RUN.txt")" || { fail "nianbao --version"; show; }
offline nianbao check "$WORK/sample.nianbao" && pass "nianbao check sample (exit 0)" || { fail "nianbao check"; show 20; }
if offline nianbao export "$WORK/sample.nianbao" -o "$WORK/sample.pdf" && [ -s "$HOST_WORK/sample.pdf" ]; then
  pass "nianbao export -> PDF ($(du -k "$HOST_WORK/sample.pdf" | cut -f1) KiB)"
  fonts="$(pdffonts "$HOST_WORK/sample.pdf" | tail -n +3)"
  if [ -n "$fonts" ] && ! awk '{print $(NF-4)}' <<<"$fonts" | grep -qv yes; then
    pass "every PDF font embedded: $(awk '{print $1}' <<<"$fonts" | sort -u | tr '\n' ' ')"
  else
    fail "PDF fonts not all embedded"; printf '%s\n' "$fonts"
  fi
  grep -q "$(sed -n 's/.*"organ": "\(.*\)".*/\1/p' "$SAMPLE" | head -1)" <(pdftotext "$HOST_WORK/sample.pdf" -) &&
    pass "PDF text has the organ's name in Chinese" || fail "PDF text lacks the organ's name"
else
  fail "nianbao export -> PDF"; show 20
fi
offline nianbao export "$WORK/sample.nianbao" -o "$WORK/sample.xlsx" && [ -s "$HOST_WORK/sample.xlsx" ] &&
  pass "nianbao export -> Excel ($(du -k "$HOST_WORK/sample.xlsx" | cut -f1) KiB)" || { fail "nianbao export -> Excel"; show 20; }

# The importers load their libraries (openpyxl and defusedxml; pdfplumber and pdfminer) only on
# first use: prove the bundle has them. The exported workbook must come back as the sample.
if offline nianbao import "$WORK/sample.xlsx" -o "$WORK/from-excel.nianbao" &&
  same_report from-excel.nianbao sample.nianbao meta tables prose; then
  pass "nianbao import <- the exported Excel gives the sample back"
else
  fail "nianbao import <- Excel"; show 20
fi
offline nianbao import "$WORK/sample.pdf" -o "$WORK/reimported.nianbao" && [ -s "$HOST_WORK/reimported.nianbao" ] &&
  pass "nianbao import <- the exported PDF" || { fail "nianbao import <- PDF"; show 20; }

# Encrypted PDFs: with only an owner password (it restricts editing) they open without one, and
# pdfminer decrypts AES with the bundled cryptography; one that needs a password to open is
# refused with a message, not a traceback.
if [ -s "$HOST_WORK/sample.pdf" ]; then
  for bits in 128 256; do
    aes=(); [ "$bits" = 128 ] && aes=(--use-aes=y)  # 256-bit encryption is always AES
    qpdf --encrypt "" owner "$bits" "${aes[@]}" -- "$HOST_WORK/sample.pdf" "$HOST_WORK/aes$bits.pdf"
    if offline nianbao import "$WORK/aes$bits.pdf" -o "$WORK/aes$bits.nianbao" &&
      same_report "aes$bits.nianbao" reimported.nianbao meta tables prose; then
      pass "nianbao import <- the exported PDF encrypted with AES-$bits reads as the PDF does"
    else
      fail "nianbao import <- AES-$bits PDF"; show 20
    fi
  done
  qpdf --encrypt secret owner 256 -- "$HOST_WORK/sample.pdf" "$HOST_WORK/password.pdf"
  offline nianbao import "$WORK/password.pdf" -o "$WORK/password.nianbao" && code=0 || code=$?
  if [ "$code" -eq 2 ] && grep -q "已加密" "$HOST_WORK/out-$RUN.txt" && ! grep -q Traceback "$HOST_WORK/out-$RUN.txt"; then
    pass "nianbao import <- a PDF that needs a password: exit 2, $(grep -o '“.*' "$HOST_WORK/out-$RUN.txt" | head -1)"
  else
    fail "nianbao import <- a PDF that needs a password (exit $code)"; show 20
  fi
fi

# Word and HTML: python-docx builds the document from its templates (default.docx and the
# header/footer parts it reads from files); the published-report importer must read each back to
# the sample's tables and prose (its signer comes from the 落款, so meta is not compared).
for kind in docx html; do
  if offline nianbao export "$WORK/sample.nianbao" -o "$WORK/sample.$kind" && [ -s "$HOST_WORK/sample.$kind" ] &&
    offline nianbao import "$WORK/sample.$kind" -o "$WORK/from-$kind.nianbao" &&
    same_report "from-$kind.nianbao" sample.nianbao tables prose; then
    pass "nianbao export -> $kind ($(du -k "$HOST_WORK/sample.$kind" | cut -f1) KiB), imported back: the sample's tables and prose"
  else
    fail "nianbao export -> $kind and back"; show 20
  fi
done

# The same report as published text, as a PDF whose Chinese font is not embedded but named by
# Adobe's UniGB-UCS2-H CMap (the bundle keeps only pdfminer's Adobe-GB1 CMaps), and as a Word
# file (python-docx and lxml, both trimmed in the bundle); each must import exactly as the text
# does. Made with the build's Python (make_smoke_documents.py) from packaging/testdata, a copy
# of ../shared/samples/longting-2023.txt.
TEXT_SAMPLE="${TEXT_SAMPLE:-$ROOT/packaging/testdata/longting-2023.txt}"
if "${PYTHON:-python3}" "$ROOT/packaging/make_smoke_documents.py" "$TEXT_SAMPLE" "$HOST_WORK"; then
  cp "$TEXT_SAMPLE" "$HOST_WORK/published.txt"
  offline nianbao import "$WORK/published.txt" -o "$WORK/published.nianbao" ||
    { fail "nianbao import <- published text"; show 20; }
  # The PDF's lines all start at one margin, so its prose comes out as one paragraph per section.
  for doc in gb1.pdf report.docx; do
    parts=(meta tables prose)
    [ "$doc" = gb1.pdf ] && parts=(meta tables)
    if offline nianbao import "$WORK/$doc" -o "$WORK/$doc.nianbao" &&
      same_report "$doc.nianbao" published.nianbao "${parts[@]}"; then
      pass "nianbao import <- $doc reads as the published text does (${parts[*]})"
    else
      fail "nianbao import <- $doc"; show 20
    fi
  done
else
  fail "could not make the smoke documents (needs $TEXT_SAMPLE, reportlab and python-docx)"
fi

step "offline: nianbao review, in worker processes"
# Six PDFs (half a second each by the pool's estimate) and three other files: enough work for
# the pool (editor/batch/pool.py) to start its two workers, each the frozen program started
# again with --multiprocessing-fork (packaging/entry.py stops it at freeze_support()).
PILE="$HOST_WORK/pile"
mkdir -p "$PILE"
if [ -s "$HOST_WORK/sample.pdf" ] && [ -s "$HOST_WORK/gb1.pdf" ]; then
  for i in 1 2 3; do cp "$HOST_WORK/sample.pdf" "$PILE/exported-$i.pdf"; cp "$HOST_WORK/gb1.pdf" "$PILE/gb1-$i.pdf"; done
fi
for f in sample.nianbao sample.xlsx report.docx; do [ -s "$HOST_WORK/$f" ] && cp "$HOST_WORK/$f" "$PILE/"; done
if offline nianbao review "$WORK/pile" --jobs 2 -o "$WORK/review.xlsx"; then
  workers="$(grep -c 'execve(.*--multiprocessing-fork' "$HOST_WORK/strace-$RUN.log" || true)"
  rows="$("${PYTHON:-python3}" "$ROOT/packaging/smoke_review_rows.py" "$HOST_WORK/review.xlsx" "$PILE" "$SAMPLE")" &&
    pass "nianbao review: $rows, read by $workers worker processes" || { fail "nianbao review rows: $rows"; show 20; }
  [ "$workers" -ge 1 ] || fail "nianbao review started no worker process"
else
  fail "nianbao review"; show 20
fi

step "offline: the window, offscreen, on the sample"
# NIANBAO_QUIT_AFTER_SHOW makes the editor quit cleanly once its window is shown.
GUI_SECONDS="${GUI_SECONDS:-60}"
offline env NIANBAO_QUIT_AFTER_SHOW=1 timeout "$GUI_SECONDS" nianbao-editor "$WORK/sample.nianbao" &&
  gui_code=0 || gui_code=$?
if [ "$gui_code" -eq 0 ] && ! grep -q "Traceback" "$HOST_WORK/out-$RUN.txt"; then
  pass "nianbao-editor showed its window offscreen with the sample open and quit cleanly"
else
  fail "nianbao-editor exited with $gui_code"; show 30
fi

step "no internet socket in any run"
inet="$(grep -h -E 'socket\(AF_INET6?|connect\(.*AF_INET' "$HOST_WORK"/strace-*.log || true)"
[ -z "$inet" ] && pass "strace: no AF_INET/AF_INET6 socket in $RUN runs" || { fail "internet sockets:"; echo "$inet" | head; }

echo
[ "$FAILED" -eq 0 ] && echo "smoke test passed" || echo "smoke test FAILED"
exit "$FAILED"

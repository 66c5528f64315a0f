#!/usr/bin/env bash
# Installs Zig (packaging/toolchain/requirements.txt) into BUILD/zig-venv and writes wrappers
# BUILD/bin/{cc,c++,ar,ranlib} that compile and link for x86-64 Linux with glibc 2.28's symbol
# versions — the glibc of 统信UOS V20, the oldest system the .deb supports.
#
#   bash packaging/toolchain/setup-zig.sh BUILD       # then $BUILD/bin/cc etc.
set -euo pipefail
ZIG_BUILD="$(mkdir -p "$1" && cd "$1" && pwd)"
ZIG_REQS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/requirements.txt"
ZIG_STAMP="$ZIG_BUILD/zig-venv/.installed-$(sha256sum "$ZIG_REQS" | cut -c1-16)"
if [ ! -f "$ZIG_STAMP" ]; then
  rm -rf "$ZIG_BUILD/zig-venv"
  python3 -m venv "$ZIG_BUILD/zig-venv"
  "$ZIG_BUILD/zig-venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes \
    -r "$ZIG_REQS"
  touch "$ZIG_STAMP"
fi
ZIG="$("$ZIG_BUILD/zig-venv/bin/python" -c 'import ziglang, pathlib; print(pathlib.Path(ziglang.__file__).parent / "zig")')"
mkdir -p "$ZIG_BUILD/bin" "$ZIG_BUILD/zig-cache"
# UBSan is what `zig cc` turns on in unoptimised builds; configure scripts compile without -O.
# (configure's probes `cc -v` / `cc --version` make Zig print "version '.2.28' in target triple
# ... is invalid" after the version: clang's own driver message, harmless.)
for tool in cc c++; do
  cat >"$ZIG_BUILD/bin/$tool" <<WRAP
#!/bin/sh
export ZIG_GLOBAL_CACHE_DIR="$ZIG_BUILD/zig-cache" ZIG_LOCAL_CACHE_DIR="$ZIG_BUILD/zig-cache"
exec "$ZIG" $tool -target x86_64-linux-gnu.2.28 -fno-sanitize=all "\$@"
WRAP
done
for tool in ar ranlib; do
  printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$ZIG" "$tool" >"$ZIG_BUILD/bin/$tool"
done
chmod +x "$ZIG_BUILD/bin/"*

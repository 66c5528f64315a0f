#!/usr/bin/env bash
# Builds the CPython 3.11 that the Linux bundle ships, so that it starts on glibc 2.28 (统信UOS V20)
# and needs no library that differs between Debian 10/11/12 and Ubuntu 20.04 (libffi6/7/8,
# libssl1.1/3 …):
#   - sources: Debian's source packages, fetched by name (packaging/debian-fetch.sh checks them
#     against the signed index): python3.11 (upstream tarball + Debian's upstream/security fixes,
#     not Debian's file-layout patches), zlib, bzip2, xz-utils, libffi;
#   - compiler: Zig's clang with glibc 2.28's symbol versions (setup-zig.sh);
#   - zlib, bzip2, liblzma and libffi are linked statically into the modules that use them; expat
#     and libmpdec are CPython's own copies. Left out: ssl/hashlib's OpenSSL (the editor never
#     touches the network; hashlib keeps its built-in md5/sha1/sha2/sha3/blake2), sqlite3,
#     readline, curses, tkinter, dbm, crypt.
#
#   bash packaging/toolchain/build-python.sh BUILD     -> BUILD/python/bin/python3.11 (+ libpython)
#
# Takes about 8 minutes on two cores; a finished build with the same script is kept.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BUILD="$(mkdir -p "$1" && cd "$1" && pwd)"
PREFIX="$BUILD/python"
STAMP="$PREFIX/.built-by-$(sha256sum "$0" | cut -c1-16)"
if [ -f "$STAMP" ]; then
  echo "python: $PREFIX is up to date"
  exit 0
fi
rm -rf "$PREFIX"
JOBS="$(nproc)"
bash "$HERE/setup-zig.sh" "$BUILD"
export PATH="$BUILD/bin:$PATH" CC=cc CXX=c++ AR=ar RANLIB=ranlib
DEPS="$BUILD/python-deps"
SRC="$BUILD/python-src"
rm -rf "$DEPS" "$SRC"
mkdir -p "$DEPS/include" "$DEPS/lib" "$SRC"

echo "== sources"
bash "$HERE/../debian-fetch.sh" dsc bookworm "$SRC" python3.11 zlib bzip2 xz-utils libffi
cd "$SRC"
untar() { mkdir -p "$2" && tar -xf "$1" -C "$2" --strip-components=1; }
untar python3.11_*.orig.tar.* cpython
mkdir debian-python && tar -xf python3.11_*.debian.tar.* -C debian-python
untar zlib_*.orig.tar.* zlib
untar bzip2_*.orig.tar.* bzip2
untar xz-utils_*.orig.tar.xz xz
untar libffi_*.orig.tar.* libffi

echo "== static libraries"
FLAGS="-O2 -fPIC"
(cd zlib && CFLAGS="$FLAGS" ./configure --static --prefix="$DEPS" >/dev/null && make -s -j"$JOBS" libz.a &&
  make -s install >/dev/null)
(cd bzip2 && make -s -j"$JOBS" libbz2.a CC=cc AR=ar RANLIB=ranlib CFLAGS="$FLAGS -D_FILE_OFFSET_BITS=64" &&
  cp libbz2.a "$DEPS/lib/" && cp bzlib.h "$DEPS/include/")
(cd xz && CFLAGS="$FLAGS" ./configure -q --prefix="$DEPS" --disable-shared --enable-static --with-pic \
  --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links \
  --disable-scripts --disable-doc --disable-nls >/dev/null &&
  make -s -j"$JOBS" -C src/liblzma >/dev/null && make -s -C src/liblzma install >/dev/null)
# libffi 3.4.4 calls open_temp_exec_file() before declaring it (an error for clang ≥ 16; the
# implicit declaration has the right type, int).
(cd libffi && CFLAGS="$FLAGS -Wno-error=implicit-function-declaration" ./configure -q --prefix="$DEPS" --disable-shared --enable-static \
  --with-pic --disable-docs --disable-multi-os-directory >/dev/null &&
  make -s -j"$JOBS" >/dev/null && make -s install >/dev/null)

echo "== CPython patches"
# Debian's series starts with patches for its own file layout (dist-packages, multiarch, …); the
# upstream bug and security fixes follow from shutdown-deadlock.diff on, and later security updates
# are appended after them.
cd cpython
applied=0
while read -r patch; do
  case "$patch" in "" | \#*) continue ;; esac
  [ "$patch" = shutdown-deadlock.diff ] && applied=1
  [ "$applied" -eq 1 ] || continue
  patch -s -p1 -N <"../debian-python/debian/patches/$patch" || { echo "patch $patch failed" >&2; exit 1; }
  applied=2
done <../debian-python/debian/patches/series
[ "$applied" -eq 2 ] || { echo "no upstream fixes found in Debian's series" >&2; exit 1; }

echo "== CPython configure"
# Zig's clang refuses __DATE__/__TIME__ (not reproducible); CPython's build info uses them, so
# they are allowed and, like every other date in the build, come from Debian's changelog.
SOURCE_DATE_EPOCH="$(date -d "$(sed -n 's/^ -- .*>  //p' ../debian-python/debian/changelog | head -1)" +%s)"
export SOURCE_DATE_EPOCH
# Modules left out (see above); setting py_cv_module_X=n/a is CPython's switch for that.
for module in _ssl _hashlib _sqlite3 readline _curses _curses_panel _tkinter _dbm _gdbm _crypt nis \
  _uuid _ctypes_test xxlimited xxlimited_35 _testbuffer _testimportmultiple _testmultiphase \
  _xxtestfuzz; do
  export "py_cv_module_$module=n/a"
done
# $ORIGIN: the interpreter finds its libpython in ../lib wherever the tree is moved to.
./configure -q --prefix="$PREFIX" --enable-shared --without-ensurepip --with-system-expat=no \
  --with-system-libmpdec=no \
  CPPFLAGS="-I$DEPS/include" LDFLAGS="-L$DEPS/lib -Wl,-rpath,\\\$\$ORIGIN/../lib" \
  OPT="-DNDEBUG -fwrapv -O2" CFLAGS="-Wno-date-time" \
  LIBFFI_CFLAGS="-I$DEPS/include" LIBFFI_LIBS="-L$DEPS/lib -lffi" \
  ZLIB_CFLAGS="-I$DEPS/include" ZLIB_LIBS="-L$DEPS/lib -lz" \
  BZIP2_CFLAGS="-I$DEPS/include" BZIP2_LIBS="-L$DEPS/lib -lbz2" \
  LIBLZMA_CFLAGS="-I$DEPS/include" LIBLZMA_LIBS="-L$DEPS/lib -llzma" >/dev/null

# Zig's linker knows -soname but not its short form -h, which the Makefile uses.
sed -i 's/-Wl,-h\$/-Wl,-soname,$/g' Makefile
grep -q -- '-Wl,-h' Makefile && { echo "Makefile still uses -Wl,-h" >&2; exit 1; }
# It also links nothing from a link of libraries alone (libpython3.so, the stable-ABI forwarder,
# is made of libpython3.11.so only): give that link an empty object.
sed -i 's|\$(BLDSHARED) \$(NO_AS_NEEDED) -o \$@ -Wl,-soname,\$@ \$^|$(CC) -fPIC -c -x c /dev/null -o zig-empty.o \&\& &|; s|-Wl,-soname,\$@ \$^|-Wl,-soname,$@ zig-empty.o $^|' Makefile
grep -q 'zig-empty.o \$^' Makefile || { echo "libpython3.so rule not found" >&2; exit 1; }

# setup.py (which builds most extension modules in 3.11) adds the build machine's multiarch
# /usr/include and /usr/lib: glibc 2.36's headers against Zig's 2.28 ones, and libraries that are
# not on the target. Nothing of the build machine may go in.
sed -i 's|^    def add_multiarch_paths(self):$|&\n        return  # packaging/toolchain/build-python.sh|' setup.py
grep -q 'return  # packaging/toolchain' setup.py || { echo "setup.py: add_multiarch_paths not found" >&2; exit 1; }

echo "== CPython make (-j$JOBS)"
nice -n 10 make -s -j"$JOBS" >"$BUILD/python-make.log" 2>&1 || { tail -40 "$BUILD/python-make.log"; exit 1; }
make -s install >"$BUILD/python-install.log" 2>&1 || { tail -40 "$BUILD/python-install.log"; exit 1; }
rm -rf "$PREFIX/lib/python3.11/test" "$PREFIX/lib/python3.11/idlelib" "$PREFIX/lib/python3.11/tkinter"
# Without their symbol tables and debug sections (libpython: 19 MB → 4 MB); they ship.
strip --strip-unneeded "$PREFIX"/lib/libpython3.11.so.1.0 "$PREFIX"/lib/python3.11/lib-dynload/*.so

"$PREFIX/bin/python3.11" - <<'EOF'
import ctypes, bz2, lzma, zlib, decimal, pyexpat, sys
missing = [m for m in ("_ctypes", "_bz2", "_lzma", "zlib", "_decimal", "pyexpat", "_json", "_pickle")
           if m not in sys.builtin_module_names and __import__(m) is None]
print("python:", sys.version.split()[0], "modules ok", "" if not missing else missing)
EOF
touch "$STAMP"

"""The .deb's Depends for the oldest systems it serves, from dpkg-shlibdeps' answer on this one.

dpkg-shlibdeps names the right packages but takes their minimum versions from this build
machine's (Debian 12's) shlibs and symbols files, which ask for more than the bundle uses:
  - libc6 (>= 2.34): glibc 2.34 merged libpthread/libdl into libc, so Debian 12 maps every use of
    libpthread.so.0 to 2.34; the bundle's binaries need GLIBC_2.28 at most (symbol_versions.py);
  - libstdc++6 (>= 10.2): Debian re-dated C++17's aligned new/delete (CXXABI_1.3.11, GCC 7);
  - libgcc-s1: called libgcc1 before Debian 11 (统信UOS V20 is Debian 10 based);
  - libraries without a symbols file (libzstd1, libx11-xcb1): the shlibs version is that of the
    build machine's package, not of the functions used (Qt uses zstd's 1.3-era decompression
    API and XGetXCBConnection only).
With those, apt-get refuses the package on UOS V20 and Kylin V10. So: glibc and libstdc++ get
the floors the symbol versions prove; libgcc accepts either name; a library with a symbols file
keeps dpkg-shlibdeps' per-symbol minimum; one without loses the version.

    python3 packaging/deb_depends.py DEPENDS GLIBC GLIBCXX CXXABI   # prints the new Depends
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

# The GCC release that introduced each libstdc++ symbol version (GCC's own ABI table).
_GLIBCXX_GCC = {21: "5", 22: "6", 23: "7", 24: "7.2", 25: "8", 26: "9", 28: "10", 29: "11"}
_CXXABI_GCC = {9: "5", 10: "6", 11: "7", 12: "9", 13: "11"}

_ENTRY = re.compile(r"^(?P<name>[a-z0-9][a-z0-9.+-]*)(?:\s*\((?P<op>[<>=]+)\s*(?P<ver>[^)]+)\))?$")


def gcc_for(glibcxx: tuple[int, ...], cxxabi: tuple[int, ...]) -> str:
    """The oldest GCC whose libstdc++ has both symbol versions (as a Debian version floor)."""
    candidates = [_GLIBCXX_GCC.get(glibcxx[2], "") if len(glibcxx) > 2 else ""]
    candidates.append(_CXXABI_GCC.get(cxxabi[2], "") if len(cxxabi) > 2 else "")
    known = [c for c in candidates if c]
    if not known:
        return "5"
    return max(known, key=lambda v: tuple(int(p) for p in v.split(".")))


def has_symbols_file(package: str) -> bool:
    info = Path("/var/lib/dpkg/info")
    return any(info.glob(f"{package}:*.symbols")) or (info / f"{package}.symbols").exists()


def rewrite(
    depends: str,
    glibc: tuple[int, ...],
    glibcxx: tuple[int, ...],
    cxxabi: tuple[int, ...],
    symbols_known: Callable[[str], bool] = has_symbols_file,
) -> str:
    out: list[str] = []
    for raw in (part.strip() for part in depends.split(",")):
        if not raw:
            continue
        if "|" in raw:
            out.append(raw)
            continue
        match = _ENTRY.match(raw)
        if match is None:
            raise ValueError(f"cannot read dependency {raw!r}")
        name = match.group("name")
        if name == "libc6":
            out.append(f"libc6 (>= {'.'.join(map(str, glibc))})")
        elif name == "libstdc++6":
            out.append(f"libstdc++6 (>= {gcc_for(glibcxx, cxxabi)})")
        elif name in ("libgcc-s1", "libgcc1"):
            out.append("libgcc-s1 | libgcc1")
        elif match.group("ver") is None or symbols_known(name):
            out.append(raw)
        else:
            out.append(name)
    return ", ".join(out)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p) if text not in ("", "-") else ()


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    depends, glibc, glibcxx, cxxabi = argv
    print(rewrite(depends, _version(glibc), _version(glibcxx), _version(cxxabi)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Which glibc and libstdc++ a built bundle needs, file by file, against the oldest system served.

Every ELF file records the symbol versions it needs from each shared library (`.gnu.version_r`,
shown by `readelf -V`): GLIBC_2.x from glibc, GLIBCXX_3.4.x and CXXABI_1.3.x from libstdc++.
The dynamic loader refuses to start a program, or to load a library, when the system's libraries
lack one of them — so the newest version any file needs is the oldest system it runs on. The
floors are those of 统信UOS V20 (Debian 10 base: glibc 2.28, GCC 8's libstdc++); 银河麒麟 V10
(glibc 2.31, GCC 9/10) and Debian 12 are newer.

    python3 packaging/symbol_versions.py BUNDLE_DIR | PACKAGE.deb   # table; exit 1 above a floor
    python3 packaging/symbol_versions.py --newest BUNDLE_DIR       # "GLIBC GLIBCXX CXXABI" maxima
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

FLOORS: dict[str, tuple[int, ...]] = {
    "GLIBC": (2, 28),
    "GLIBCXX": (3, 4, 25),
    "CXXABI": (1, 3, 11),
}

_ELF_MAGIC = b"\x7fELF"
# A needed version in `readelf -V -W`'s "Version needs" section: "  0x0010:   Name: GLIBC_2.14  ..."
_NEEDED = re.compile(r"^\s*0x[0-9a-f]+:\s+Name:\s+(?P<family>[A-Z]+)_(?P<version>[0-9.]+)\s")


@dataclass(frozen=True)
class Needs:
    """The newest version of each family (GLIBC, GLIBCXX, CXXABI) one file needs."""

    path: str
    newest: dict[str, tuple[int, ...]]

    def above_floor(self) -> dict[str, tuple[int, ...]]:
        return {
            family: version
            for family, version in self.newest.items()
            if family in FLOORS and version > FLOORS[family]
        }


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part)


def show(version: tuple[int, ...] | None) -> str:
    return "-" if version is None else ".".join(str(part) for part in version)


def needed_versions(readelf_output: str) -> dict[str, tuple[int, ...]]:
    """Newest needed version per family, from `readelf -V -W` output (its "Version needs")."""
    newest: dict[str, tuple[int, ...]] = {}
    in_needs = False
    for line in readelf_output.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
            continue
        if line.startswith(("Version symbols section", "Version definition section")):
            in_needs = False
            continue
        match = _NEEDED.match(line) if in_needs else None
        if match is None:
            continue
        family, version = match.group("family"), parse_version(match.group("version"))
        if family in FLOORS and version > newest.get(family, ()):
            newest[family] = version
    return newest


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(4) == _ELF_MAGIC
    except OSError:
        return False


def elf_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            yield path


def file_needs(path: Path, root: Path) -> Needs:
    output = subprocess.run(
        ["readelf", "-V", "-W", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return Needs(str(path.relative_to(root)), needed_versions(output))


def report(needs: Iterable[Needs]) -> tuple[list[str], bool]:
    """A table of every file's newest needed versions (marked where above a floor); True if ok."""
    rows = list(needs)
    width = max((len(row.path) for row in rows), default=4)
    families = list(FLOORS)
    lines = [f"{'file':<{width}}  " + "  ".join(f"{family:>8}" for family in families)]
    ok = True
    for row in rows:
        above = row.above_floor()
        ok = ok and not above
        cells = "  ".join(f"{show(row.newest.get(family)):>8}" for family in families)
        lines.append(f"{row.path:<{width}}  {cells}" + ("  ABOVE FLOOR" if above else ""))
    overall = {
        family: max((row.newest[family] for row in rows if family in row.newest), default=None)
        for family in families
    }
    lines.append(
        f"{len(rows)} ELF files; newest needed: "
        + ", ".join(f"{family} {show(overall[family])}" for family in families)
        + "; floors: "
        + ", ".join(f"{family} {show(FLOORS[family])}" for family in families)
    )
    return lines, ok


def newest_overall(root: Path) -> dict[str, tuple[int, ...]]:
    newest: dict[str, tuple[int, ...]] = {}
    for path in elf_files(root):
        for family, version in file_needs(path, root).newest.items():
            newest[family] = max(version, newest.get(family, ()))
    return newest


def check(root: Path) -> tuple[list[str], bool]:
    files = list(elf_files(root))
    if not files:
        return [f"no ELF file under {root}"], False
    return report(file_needs(path, root) for path in files)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--newest":
        newest = newest_overall(Path(argv[1]))
        print(" ".join(show(newest.get(family)) for family in FLOORS))
        return 0
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    target = Path(argv[0])
    with tempfile.TemporaryDirectory() as unpacked:
        if target.suffix == ".deb":
            subprocess.run(["dpkg-deb", "-x", str(target), unpacked], check=True)
            target = Path(unpacked)
        lines, ok = check(target)
    print("\n".join(lines))
    print("symbol versions: " + ("ok" if ok else "FAIL: some files need a newer system"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

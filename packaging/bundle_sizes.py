"""Where the bytes of the bundle are: its files, uncompressed, summed by the library they belong to.

    python3 packaging/bundle_sizes.py BUNDLE_DIR       (build-deb.sh prints it for every build)

Symbolic links count nothing (PyInstaller links Qt's libraries into _internal/). The groups are
named by what a reader would remove or keep: Qt's libraries apart from ICU, Pillow with its
vendored libraries, Python's own parts together.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

# (pattern on the path inside _internal/, group); the first match wins, else the top folder.
_GROUPS = [
    (r"^PySide6/Qt/lib/libicu", "ICU (Qt's Unicode and locale data)"),
    (r"^PySide6/Qt/lib/", "Qt libraries"),
    (r"^PySide6/Qt/", "Qt plugins and translation"),
    (r"^(PySide6|shiboken6)/", "PySide6 bindings"),
    (r"^(PIL|pillow\.libs)/", "Pillow"),
    (r"^pypdfium2", "pdfium"),
    (r"^(libpython|python3\.\d+/|base_library\.zip)", "Python (interpreter, extension modules)"),
    (r"^editor/assets/fonts/", "CJK font"),
    (r"\.dist-info/", "package metadata"),
    (r"^_cffi_backend", "cffi"),
]


def group_of(relative: str) -> str:
    """The group of a file given by its path inside the bundle (e.g. "_internal/lxml/etree.so")."""
    inside = relative.removeprefix("_internal/")
    if inside == relative:  # beside _internal/: the program, with the archive of all modules
        return "program and its module archive"
    for pattern, group in _GROUPS:
        if re.search(pattern, inside):
            return group
    return inside.split("/", 1)[0]


def sizes(bundle: Path) -> Counter[str]:
    totals: Counter[str] = Counter()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            totals[group_of(path.relative_to(bundle).as_posix())] += path.stat().st_size
    return totals


def table(totals: Counter[str]) -> str:
    lines = [f"{'bytes':>12} {'MiB':>7}  group"]
    for group, size in totals.most_common():
        lines.append(f"{size:>12,} {size / 2**20:>7.2f}  {group}")
    total = sum(totals.values())
    lines.append(f"{total:>12,} {total / 2**20:>7.2f}  total")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python3 packaging/bundle_sizes.py BUNDLE_DIR", file=sys.stderr)
        return 2
    print(table(sizes(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

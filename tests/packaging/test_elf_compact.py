"""packaging/elf_compact.py closes the empty space patchelf leaves in vendored libraries."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.loader import load

elf_compact = load("elf_compact")

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="ELF files: the Linux bundle")


def _pillow_libxau() -> Path:
    # Pillow's wheels vendor libXau renamed by auditwheel: 12 KB of library, 2 MB of zeros.
    import PIL

    found = sorted((Path(PIL.__file__).parent.parent / "pillow.libs").glob("libXau-*.so*"))
    if not found:
        pytest.skip("this Pillow vendors no libXau")
    return found[0]


def _readelf(option: str, library: Path) -> list[str]:
    out = subprocess.run(
        ["readelf", "-W", option, str(library)], check=True, capture_output=True, text=True
    ).stdout
    # The file offsets are what changes; the file's name is in the first lines.
    return [line.split("Offset:")[0] for line in out.splitlines() if str(library) not in line]


_CALL_XAU = (
    "import ctypes, sys; lib = ctypes.CDLL(sys.argv[1]); lib.XauFileName.restype = ctypes.c_char_p;"
    "print(lib.XauFileName().decode(), any(sys.argv[1] in l for l in open('/proc/self/maps')))"
)


def _call_xau(library: Path) -> str:
    env = {**os.environ, "XAUTHORITY": "/nonexistent/.Xauthority"}
    return subprocess.run(
        [sys.executable, "-c", _CALL_XAU, str(library)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()


def test_compacted_pillow_libxau_keeps_its_symbols_and_loads(tmp_path: Path) -> None:
    if shutil.which("readelf") is None or shutil.which("strip") is None:
        pytest.skip("needs readelf and strip (binutils; scripts/setup.sh installs them)")
    original = _pillow_libxau()
    data = original.read_bytes()

    smaller = elf_compact.compacted(data)

    assert smaller is not None and len(smaller) < 64 * 1024 < len(data)
    assert elf_compact.compacted(smaller) is None  # nothing left to close
    compact = tmp_path / original.name
    compact.write_bytes(smaller)
    compact.chmod(0o755)
    for option in ("--dynamic", "--dyn-syms", "--version-info", "--notes"):
        assert _readelf(option, compact) == _readelf(option, original), option
    assert _call_xau(compact) == "/nonexistent/.Xauthority True"
    # PyInstaller strips the bundle's libraries: the compacted one stays small and loads.
    subprocess.run(["strip", str(compact)], check=True)
    assert compact.stat().st_size < 64 * 1024
    assert _call_xau(compact) == "/nonexistent/.Xauthority True"


def test_compacted_leaves_files_without_holes_alone(tmp_path: Path) -> None:
    if shutil.which("cc") is None:
        pytest.skip("needs a C compiler")
    source = tmp_path / "f.c"
    source.write_text("int answer(void) { return 42; }\n", encoding="ascii")
    library = tmp_path / "libf.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)

    assert elf_compact.compacted(library.read_bytes()) is None
    assert elf_compact.compacted(b"MZ\x90\x00 a Windows DLL") is None
    assert elf_compact.compacted(b"") is None


def test_with_compacted_libraries_replaces_only_the_sources_with_holes(tmp_path: Path) -> None:
    libxau = _pillow_libxau()
    text = tmp_path / "notes.txt"
    text.write_text("\x7fELF is not where this starts\n", encoding="ascii")
    toc = [
        (f"pillow.libs/{libxau.name}", str(libxau), "BINARY"),
        ("notes.txt", str(text), "DATA"),
        ("lib-dynload/_ctypes.so", sys.executable, "EXTENSION"),  # an ELF file without holes
    ]

    result = elf_compact.with_compacted_libraries(toc, tmp_path / "work")

    assert result[1:] == toc[1:]
    dest, source, kind = result[0]
    assert (dest, kind) == toc[0][::2]
    assert Path(source) == tmp_path / "work" / dest
    assert Path(source).stat().st_size < 64 * 1024
    assert libxau.stat().st_size > 1024 * 1024, "the installed library must be left as it was"

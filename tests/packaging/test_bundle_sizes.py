"""packaging/bundle_sizes.py sums a bundle's files by the library they belong to."""

from __future__ import annotations

from pathlib import Path

from tests.packaging.loader import load

bundle_sizes = load("bundle_sizes")


def _write(root: Path, relative: str, size: int) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_sizes_sums_files_by_library_and_skips_symbolic_links(tmp_path: Path) -> None:
    _write(tmp_path, "nianbao", 70)
    _write(tmp_path, "_internal/PySide6/Qt/lib/libQt6Core.so.6", 100)
    _write(tmp_path, "_internal/PySide6/Qt/lib/libicudata.so.73", 50)
    _write(tmp_path, "_internal/PySide6/QtCore.abi3.so", 40)
    _write(tmp_path, "_internal/PIL/_imaging.so", 7)
    _write(tmp_path, "_internal/pillow.libs/libjpeg.so", 3)
    _write(tmp_path, "_internal/lxml/etree.so", 20)
    _write(tmp_path, "_internal/lxml-6.1.dist-info/METADATA", 1)
    _write(tmp_path, "_internal/python3.11/lib-dynload/_decimal.so", 5)
    _write(tmp_path, "_internal/libpython3.11.so.1.0", 6)
    (tmp_path / "_internal/libQt6Core.so.6").symlink_to("PySide6/Qt/lib/libQt6Core.so.6")

    totals = bundle_sizes.sizes(tmp_path)

    assert totals == {
        "program and its module archive": 70,
        "Qt libraries": 100,
        "ICU (Qt's Unicode and locale data)": 50,
        "PySide6 bindings": 40,
        "Pillow": 10,
        "lxml": 20,
        "package metadata": 1,
        "Python (interpreter, extension modules)": 11,
    }
    printed = bundle_sizes.table(totals).splitlines()
    assert printed[1].split() == ["100", "0.00", "Qt", "libraries"]
    assert printed[-1].split() == ["302", "0.00", "total"]

"""packaging/symbol_versions.py: the newest glibc/libstdc++ symbol versions each ELF file needs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.loader import load

symbol_versions = load("symbol_versions")

needs_tools = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in ("readelf", "objdump", "g++", "dpkg-deb")),
    reason="needs binutils, g++ and dpkg-deb",
)

CXX_PROGRAM = """
#include <iostream>
#include <string>
#include <vector>
int main(int argc, char **argv) {
    std::vector<std::string> words(argv, argv + argc);
    std::cout << words.size() << std::endl;
    return 0;
}
"""


def _compile(tmp_path: Path) -> Path:
    source = tmp_path / "program.cpp"
    source.write_text(CXX_PROGRAM)
    program = tmp_path / "bundle" / "bin" / "program"
    program.parent.mkdir(parents=True)
    subprocess.run(["g++", "-O1", str(source), "-o", str(program)], check=True)
    return program


def _newest_by_objdump(path: Path) -> dict[str, tuple[int, ...]]:
    """The same question answered by another tool: versions of the undefined dynamic symbols."""
    output = subprocess.run(
        ["objdump", "-T", str(path)], capture_output=True, text=True, check=True
    ).stdout
    newest: dict[str, tuple[int, ...]] = {}
    for line in output.splitlines():
        if "*UND*" not in line:
            continue
        match = re.search(r"\b(GLIBC|GLIBCXX|CXXABI)_([0-9.]+)\b", line)
        if match:
            version = symbol_versions.parse_version(match.group(2))
            newest[match.group(1)] = max(version, newest.get(match.group(1), ()))
    return newest


@needs_tools
def test_symbol_versions_agree_with_objdump_on_a_program_built_here(tmp_path: Path) -> None:
    program = _compile(tmp_path)
    needs = symbol_versions.file_needs(program, tmp_path)
    assert needs.path == "bundle/bin/program"
    assert set(needs.newest) == {"GLIBC", "GLIBCXX"} | ({"CXXABI"} & set(needs.newest))
    assert needs.newest == _newest_by_objdump(program)


@needs_tools
def test_symbol_versions_check_fails_a_deb_whose_program_needs_this_machines_glibc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    program = _compile(tmp_path)
    newest_glibc = symbol_versions.file_needs(program, tmp_path).newest["GLIBC"]
    root = tmp_path / "bundle"
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(
        "Package: probe\nVersion: 1\nArchitecture: amd64\nMaintainer: t <t@t>\nDescription: t\n"
    )
    (root / "bin" / "notes.txt").write_text("not an ELF file")
    deb = tmp_path / "probe.deb"
    subprocess.run(["dpkg-deb", "-b", str(root), str(deb)], check=True, capture_output=True)

    status = symbol_versions.main([str(deb)])

    out = capsys.readouterr().out
    above = newest_glibc > symbol_versions.FLOORS["GLIBC"]
    assert status == (1 if above else 0)
    assert ("ABOVE FLOOR" in out) is above
    assert "1 ELF files" in out and "notes.txt" not in out
    assert f"GLIBC {symbol_versions.show(newest_glibc)}" in out


@needs_tools
def test_symbol_versions_check_refuses_a_directory_without_elf_files(tmp_path: Path) -> None:
    (tmp_path / "readme").write_text("text")
    lines, ok = symbol_versions.check(tmp_path)
    assert not ok and "no ELF file" in lines[0]


@pytest.mark.parametrize(
    ("versions", "newest"),
    [
        (["2.2.5", "2.9", "2.14"], (2, 14)),
        (["2.28", "2.3.4", "2.17"], (2, 28)),
        (["2.34"], (2, 34)),
    ],
)
def test_symbol_versions_compare_numerically_not_as_text(
    versions: list[str], newest: tuple[int, ...]
) -> None:
    entries = "\n".join(
        f"  0x{16 * i:04x}:   Name: GLIBC_{version}  Flags: none  Version: {i + 2}"
        for i, version in enumerate(versions)
    )
    text = (
        "Version symbols section '.gnu.version' contains 3 entries:\n"
        "  000:   0 (*local*)       2 (GLIBC_9.99)\n"
        "Version needs section '.gnu.version_r' contains 1 entry:\n"
        "  000000: Version: 1  File: libc.so.6  Cnt: 3\n"
        f"{entries}\n"
    )
    assert symbol_versions.needed_versions(text) == {"GLIBC": newest}
    row = symbol_versions.Needs("x", {"GLIBC": newest})
    assert bool(row.above_floor()) is (newest > (2, 28))

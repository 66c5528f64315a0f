"""packaging/deb_depends.py: Depends for 统信UOS V20 / 银河麒麟 V10 as well as Debian 12."""

from __future__ import annotations

import pytest

from tests.packaging.loader import load

deb_depends = load("deb_depends")

# What dpkg-shlibdeps answered for the bundle on Debian 12 (abridged).
DEBIAN12 = (
    "libc6 (>= 2.34), libfreetype6 (>= 2.9.1), libgcc-s1 (>= 4.2), libstdc++6 (>= 10.2), "
    "libx11-xcb1 (>= 2:1.8.4), libxcb1 (>= 1.8), libzstd1 (>= 1.5.2), libegl1"
)
WITH_SYMBOLS_FILE = {"libfreetype6", "libxcb1", "libc6", "libstdc++6"}


def _rewrite(depends: str, glibc=(2, 28), glibcxx=(3, 4, 21), cxxabi=(1, 3, 11)) -> list[str]:
    result = deb_depends.rewrite(depends, glibc, glibcxx, cxxabi, WITH_SYMBOLS_FILE.__contains__)
    return [part.strip() for part in result.split(",")]


def test_deb_depends_takes_glibc_and_libstdcxx_floors_from_symbol_versions() -> None:
    parts = _rewrite(DEBIAN12)
    assert "libc6 (>= 2.28)" in parts
    assert "libstdc++6 (>= 7)" in parts  # CXXABI_1.3.11 came with GCC 7; UOS V20 has GCC 8's


def test_deb_depends_accepts_libgcc_under_its_debian10_name() -> None:
    assert "libgcc-s1 | libgcc1" in _rewrite(DEBIAN12)


def test_deb_depends_keeps_per_symbol_minimums_and_drops_package_wide_ones() -> None:
    parts = _rewrite(DEBIAN12)
    assert "libfreetype6 (>= 2.9.1)" in parts and "libxcb1 (>= 1.8)" in parts
    assert "libzstd1" in parts and "libx11-xcb1" in parts and "libegl1" in parts
    assert len(parts) == len(DEBIAN12.split(","))


@pytest.mark.parametrize(
    ("glibcxx", "cxxabi", "gcc"),
    [((3, 4, 25), (1, 3, 11), "8"), ((3, 4, 21), (1, 3, 9), "5"), ((3, 4, 29), (1, 3, 13), "11")],
)
def test_deb_depends_maps_libstdcxx_symbol_versions_to_the_gcc_that_brought_them(
    glibcxx: tuple[int, ...], cxxabi: tuple[int, ...], gcc: str
) -> None:
    assert deb_depends.gcc_for(glibcxx, cxxabi) == gcc


def test_deb_depends_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ValueError):
        _rewrite("libc6 [amd64]")

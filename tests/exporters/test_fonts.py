"""Font discovery: Windows file names, bundled fallback, forced bundled-only, refused faces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from editor.assets import BUNDLED_CJK_FONT
from editor.domain.errors import UserError
from editor.exporters import fonts
from editor.exporters.fonts import (
    FONTS_ENV,
    FontRole,
    FontSource,
    choose_faces,
    describe_faces,
    find_face,
    user_face,
)


@pytest.fixture(autouse=True)
def _fresh_discovery() -> Iterator[None]:
    fonts._files_by_name.cache_clear()
    yield
    fonts._files_by_name.cache_clear()


def test_fonts_bundled_only_when_system_fonts_are_off() -> None:
    faces = choose_faces(system=False)
    assert set(faces) == set(FontRole)
    assert {f.source for f in faces.values()} == {FontSource.BUNDLED}
    assert {f.path for f in faces.values()} == {BUNDLED_CJK_FONT}


def test_fonts_environment_variable_forces_bundled_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _windows_fonts(monkeypatch, tmp_path, "simfang.ttf")
    assert find_face(FontRole.BODY).source is FontSource.SYSTEM
    monkeypatch.setenv(FONTS_ENV, "bundled")
    assert find_face(FontRole.BODY).source is FontSource.BUNDLED


def _windows_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *names: str) -> Path:
    """A %WINDIR%\\Fonts holding the bundled font under Windows' file names."""
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).symlink_to(BUNDLED_CJK_FONT)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv(FONTS_ENV, raising=False)
    fonts._files_by_name.cache_clear()
    return folder


def test_fonts_windows_faces_found_by_file_name_per_role(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = _windows_fonts(monkeypatch, tmp_path, "simfang.ttf", "simhei.ttf", "simkai.ttf")
    faces = choose_faces()
    assert faces[FontRole.BODY].path == folder / "simfang.ttf"
    assert faces[FontRole.HEADING].path == folder / "simhei.ttf"
    assert faces[FontRole.SUBHEADING].path == folder / "simkai.ttf"
    # No 方正小标宋: the title falls back to 黑体, as spec §6 allows.
    assert faces[FontRole.TITLE].path == folder / "simhei.ttf"
    assert all(f.source is FontSource.SYSTEM for f in faces.values())


def test_fonts_user_choice_serves_its_role(tmp_path: Path) -> None:
    chosen = tmp_path / "mine.ttc"
    chosen.symlink_to(BUNDLED_CJK_FONT)
    faces = choose_faces({FontRole.BODY: chosen}, system=False)
    assert faces[FontRole.BODY].source is FontSource.USER
    assert faces[FontRole.BODY].path == chosen
    assert faces[FontRole.HEADING].source is FontSource.BUNDLED


def test_fonts_described_per_role_in_chinese() -> None:
    rows = describe_faces(choose_faces(system=False))
    assert [r[0] for r in rows] == [fonts.ROLE_NAMES[r] for r in FontRole]
    assert all("内置字体" in r[1] and "wqy-microhei.ttc" in r[1] for r in rows)


def _first(pattern: str) -> Path:
    found = sorted(Path("/usr/share/fonts").rglob(pattern))
    if not found:
        pytest.skip(f"no {pattern} font on this machine")
    return found[0]


def test_fonts_cff_outline_font_refused_with_a_reason() -> None:
    with pytest.raises(UserError, match="CFF"):
        user_face(_first("*.otf"))


def test_fonts_face_without_digits_refused() -> None:
    with pytest.raises(UserError, match="缺少字符"):
        user_face(_first("DroidSansFallbackFull.ttf"))


def test_fonts_missing_or_foreign_file_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="无法"):
        user_face(tmp_path / "none.ttf")
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    with pytest.raises(UserError, match=r"junk\.ttf"):
        user_face(junk)
    truncated = tmp_path / "truncated.ttc"
    truncated.write_bytes(BUNDLED_CJK_FONT.read_bytes()[:3000])
    with pytest.raises(UserError, match="已损坏"):
        user_face(truncated)

"""The desktop entry, MIME type and installer scripts agree with each other and with the bundle."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
BUILD_DEB = (PACKAGING / "build-deb.sh").read_text(encoding="utf-8")
ISS = (PACKAGING / "windows" / "nianbao.iss").read_text(encoding="utf-8-sig")
DESKTOP = (PACKAGING / "linux" / "nianbao.desktop.in").read_text(encoding="utf-8")
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_installers_start_the_programs_the_spec_builds() -> None:
    # The spec's programs: test_spec.py. Windows starts nianbao-editor.exe; on Linux
    # build-deb.sh links nianbao-editor to nianbao, and the menu entry starts it.
    assert "nianbao-editor.exe" in ISS
    assert "/files/nianbao-editor %f" in DESKTOP
    assert 'ln -sfn nianbao "$BUNDLE/nianbao-editor"' in BUILD_DEB
    assert '"$PREFIX/files/nianbao"' in BUILD_DEB and '"$PREFIX/files/nianbao-editor"' in BUILD_DEB


def _run_entry_as(name: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs packaging/entry.py under another name, as the Linux link does."""
    link = tmp_path / name
    link.symlink_to(PACKAGING / "entry.py")
    return subprocess.run(
        [sys.executable, "-X", "importtime", str(link), *args],
        cwd=ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "NIANBAO_QUIT_AFTER_SHOW": "1",
            "HOME": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_entry_as_nianbao_is_the_command_line_without_qt(tmp_path: Path) -> None:
    result = _run_entry_as("nianbao", tmp_path, "check", str(SAMPLE))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == f"{SAMPLE}：未发现问题\n"
    assert "PySide6" not in result.stderr  # -X importtime lists every module imported


def test_entry_as_nianbao_editor_opens_the_window(tmp_path: Path) -> None:
    result = _run_entry_as("nianbao-editor", tmp_path, str(SAMPLE))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "editor.ui.main_window" in result.stderr


def test_desktop_entry_is_valid_after_substitution(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")
    entry = tmp_path / "org.nianbao.editor.desktop"
    entry.write_text(
        DESKTOP.replace("@PREFIX@", "/opt/apps/org.nianbao.editor").replace(
            "@APP_ID@", "org.nianbao.editor"
        ),
        encoding="utf-8",
    )
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mime_type_matches_the_sample_by_name_and_by_content() -> None:
    tree = ElementTree.parse(PACKAGING / "linux" / "nianbao-mime.xml")
    mime = tree.getroot().find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == "application/x-nianbao"
    assert "MimeType=application/x-nianbao;" in DESKTOP
    glob = mime.find(f"{MIME_NS}glob")
    assert glob is not None and SAMPLE.match(glob.get("pattern", ""))
    match = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert match is not None
    start, _, end = match.get("offset", "").partition(":")
    head = SAMPLE.read_bytes()[int(start) : int(end) + len(match.get("value", ""))]
    assert match.get("value", "").encode() in head


def test_windows_installer_is_per_user_and_associates_the_file_type() -> None:
    assert "PrivilegesRequired=lowest" in ISS
    assert re.search(r'Subkey: "Software\\Classes\\\.nianbao"; .*ValueData: "\{#ProgId\}"', ISS)
    assert r'ValueData: """{app}\nianbao-editor.exe"" ""%1"""' in ISS
    assert r"{app}\document.ico" in ISS

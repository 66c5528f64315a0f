"""The desktop entry, MIME type and installer scripts agree with each other and with the bundle."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree

from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
BUILD_DEB = (PACKAGING / "build-deb.sh").read_text(encoding="utf-8")
ISS = (PACKAGING / "windows" / "nianbao.iss").read_text(encoding="utf-8-sig")
DESKTOP = (PACKAGING / "linux" / "nianbao.desktop.in").read_text(encoding="utf-8")
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_spec_builds_the_two_programs_the_installers_start() -> None:
    programs = set(re.findall(r'name="([^"]+)",\n\s+console=', SPEC))
    assert programs == {"nianbao", "nianbao-editor"}
    assert "nianbao-editor.exe" in ISS
    assert "/files/nianbao-editor %f" in DESKTOP
    assert '"$PREFIX/files/nianbao"' in BUILD_DEB and '"$PREFIX/files/nianbao-editor"' in BUILD_DEB


def test_spec_never_packs_with_upx() -> None:
    assert "upx=True" not in SPEC
    assert SPEC.count("upx=False") == 3  # both programs and the folder


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

"""The bundle keeps the Qt plugins and translation the editor needs and drops the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.loader import load

bundle_filter = load("bundle_filter")


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/platforminputcontexts/libfcitxplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6/Qt6Widgets.dll",
        "editor/assets/fonts/wqy-microhei.ttc",
        "libpython3.11.so.1.0",
        "cryptography/hazmat/bindings/_rust.abi3.so",
        "pdfminer/cmap/UniGB-UCS2-H.json.gz",
        "pdfminer/cmap/GBK-EUC-H.json.gz",
        "pdfminer/cmap/GB-EUC-V.json.gz",
        "pdfminer/cmap/to-unicode-Adobe-GB1.json.gz",
        "pdfminer/cmapdb.pyc",
        "docx/templates/default.docx",
        "docx/templates/default-styles.xml",
    ],
)
def test_keep_accepts_what_the_editor_runs_on(dest: str) -> None:
    assert bundle_filter.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6/translations/qtdeclarative_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6",
        "PySide6/Qt6Quick.dll",
        "PySide6/opengl32sw.dll",
        "libgtk-3.so.0",
        "PySide6/QtCore.pyi",
        "pdfminer/cmap/UniJIS-UCS2-H.json.gz",
        "pdfminer/cmap/B5pc-H.json.gz",
        "pdfminer/cmap/UniCNS-UTF16-H.json.gz",
        "pdfminer/cmap/to-unicode-Adobe-Japan1.json.gz",
        "pdfminer\\cmap\\KSC-EUC-H.json.gz",
        "docx/templates/default-docx-template/word/document.xml",
    ],
)
def test_keep_drops_what_the_editor_never_uses(dest: str) -> None:
    assert not bundle_filter.keep(dest)


def test_slim_leaves_system_libraries_to_the_deb_on_linux() -> None:
    toc = [
        ("libfontconfig.so.1", "/lib/x86_64-linux-gnu/libfontconfig.so.1", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/x86_64-linux-gnu/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0", "BINARY"),
        (
            "PySide6/Qt/lib/libQt6Core.so.6",
            "/venv/site-packages/PySide6/Qt/lib/libQt6Core.so.6",
            "BINARY",
        ),
    ]
    linux = [dest for dest, _, _ in bundle_filter.slim(toc)]
    windows = [dest for dest, _, _ in bundle_filter.slim(toc, system_libraries=True)]
    assert linux == ["libpython3.11.so.1.0", "PySide6/Qt/lib/libQt6Core.so.6"]
    assert windows == [dest for dest, _, _ in toc]


def test_keep_on_the_installed_pyside6_keeps_one_platform_pair_and_one_translation() -> None:
    # Against the real wheel: a renamed plugin or translation in a new PySide6 shows up here.
    import PySide6

    root = Path(PySide6.__file__).parent
    kept = {
        p.relative_to(root.parent).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and ("/plugins/" in p.as_posix() or "/translations/" in p.as_posix())
        and bundle_filter.keep(p.relative_to(root.parent).as_posix())
    }
    names = {Path(k).name for k in kept}
    assert {"qtbase_zh_CN.qm"} == {n for n in names if n.endswith(".qm")}
    platforms = {Path(k).name for k in kept if "/platforms/" in k}
    assert platforms <= {"libqxcb.so", "libqoffscreen.so", "qwindows.dll", "qoffscreen.dll"}
    assert any("offscreen" in p for p in platforms)
    assert not any("wayland" in k or "/tls/" in k for k in kept)

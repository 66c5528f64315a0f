"""What packaging/nianbao.spec asks PyInstaller for, on Windows and on Linux.

The spec runs for real (PyInstaller's hooks collect the editor's modules, the filters and the
icons run); only PyInstaller's four build steps are replaced by recorders, so no bundle is built.
The built Linux bundle itself is proven by packaging/smoke-test.sh (run by CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.loader import PACKAGING

ROOT = PACKAGING.parent

pytest.importorskip("PyInstaller", reason="pip install -e '.[dev]' installs PyInstaller")


@dataclass
class Recorded:
    analyses: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    folders: list[dict[str, Any]] = field(default_factory=list)


class _Analysis:
    def __init__(self, scripts: list[str], **options: Any) -> None:
        self.entry = Path(scripts[0]).name
        self.options = options
        # What PyInstaller would find: its run-time hooks first, then the entry script.
        self.scripts = [
            ("pyi_rth_inspect", "/x/pyi_rth_inspect.py", "PYSOURCE"),
            ("pyi_rth_pyside6", "/x/pyi_rth_pyside6.py", "PYSOURCE"),
            (self.entry.removesuffix(".py"), scripts[0], "PYSOURCE"),
        ]
        self.pure: list[Any] = []
        self.binaries: list[Any] = []
        self.datas: list[Any] = []


def _run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Recorded:
    recorded = Recorded()

    def analysis(scripts: list[str], **options: Any) -> _Analysis:
        made = _Analysis(scripts, **options)
        recorded.analyses.append({"entry": made.entry, "object": made, **options})
        return made

    def exe(archive: Any, scripts: list[Any], *_rest: Any, **options: Any) -> str:
        recorded.programs.append({"scripts": [s[0] for s in scripts], **options})
        return str(options["name"])

    def collect(*items: Any, **options: Any) -> None:
        recorded.folders.append({"programs": [i for i in items if isinstance(i, str)], **options})

    monkeypatch.setattr(sys, "platform", platform)
    spec = PACKAGING / "nianbao.spec"
    code = compile(spec.read_text(encoding="utf-8"), str(spec), "exec")
    exec(  # the way PyInstaller runs a spec: its build steps as globals
        code,
        {
            "__file__": str(spec),
            "SPECPATH": str(PACKAGING),
            "workpath": str(tmp_path),
            "Analysis": analysis,
            "EXE": exe,
            "PYZ": lambda pure: ("PYZ", id(pure)),
            "COLLECT": collect,
        },
    )
    return recorded


def test_windows_gets_a_windowed_editor_and_a_console_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = _run_spec("win32", tmp_path, monkeypatch)

    programs = {p["name"]: p for p in recorded.programs}
    assert set(programs) == {"nianbao-editor", "nianbao"}
    assert programs["nianbao-editor"]["console"] is False
    assert programs["nianbao"]["console"] is True
    assert all(p["icon"].endswith("app.ico") and p["upx"] is False for p in programs.values())
    by_entry = {a["entry"]: a for a in recorded.analyses}
    gui, cli = by_entry["entry_gui.py"], by_entry["entry_cli.py"]
    # Loose .pyc files shared by both programs, and a command line without Qt.
    assert gui["noarchive"] is True and cli["noarchive"] is True
    assert {"PySide6", "shiboken6"} <= set(cli["excludes"])
    assert not any(m.startswith(("editor.ui", "editor.app")) for m in cli["hiddenimports"])
    assert "editor.ui.main_window" in gui["hiddenimports"]
    # No UPX anywhere: antivirus engines flag packed executables.
    assert recorded.folders[0]["programs"] == ["nianbao-editor", "nianbao"]
    assert recorded.folders[0]["upx"] is False


def test_linux_gets_one_program_with_archived_modules_and_no_qt_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = _run_spec("linux", tmp_path, monkeypatch)

    assert [p["name"] for p in recorded.programs] == ["nianbao"]
    assert [a["entry"] for a in recorded.analyses] == ["entry.py"]
    analysis = recorded.analyses[0]
    assert analysis.get("noarchive", False) is False  # one compressed archive of the modules
    assert "editor.ui.main_window" in analysis["hiddenimports"]
    # PyInstaller's PySide6 hook would import QtCore at every start of the command line.
    assert recorded.programs[0]["scripts"] == ["pyi_rth_inspect", "entry"]
    assert recorded.programs[0]["strip"] is True and recorded.programs[0]["upx"] is False
    assert recorded.folders[0]["programs"] == ["nianbao"]
    assert recorded.folders[0]["upx"] is False


def test_linux_bundle_has_every_folder_python_docx_climbs_out_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # python-docx reads its templates as `<module folder>/../templates/…`: on Linux the folder
    # must exist in the bundle, so each such module's package has its files collected too.
    import re

    import docx

    root = Path(docx.__file__).parent
    climbing = {
        ".".join(("docx", *module.relative_to(root).parent.parts))
        for module in root.rglob("*.py")
        if re.search(r"__file__\)\[0\],\s*\"\.\.\"", module.read_text(encoding="utf-8"))
    }
    assert climbing, "python-docx no longer reads its templates this way: revisit the spec"

    recorded = _run_spec("linux", tmp_path, monkeypatch)

    modes = recorded.analyses[0]["module_collection_mode"]
    assert {package: modes.get(package) for package in climbing} == dict.fromkeys(
        climbing, "pyz+py"
    )


# With the excluded modules missing, as in the bundle, every module of the editor and the
# libraries it imports only when a command needs them still import (optional imports of the
# libraries, guarded by `except ImportError`, find them missing as they do in the bundle).
_IMPORT_ALL_WITHOUT = """
import importlib, importlib.abc, pkgutil, sys

excluded = sys.argv[1:]

class Excluded(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == e or name.startswith(e + ".") for e in excluded):
            raise ModuleNotFoundError(f"No module named {name!r} (excluded)", name=name)
        return None

sys.meta_path.insert(0, Excluded())
import editor
for module in pkgutil.walk_packages(editor.__path__, "editor."):
    if not module.name.endswith(".__main__"):  # that one starts the window
        importlib.import_module(module.name)
for name in ("pdfplumber", "pdfminer.pdfdocument", "docx", "openpyxl", "reportlab.platypus",
             "pypdfium2", "PIL.Image", "concurrent.futures.process"):
    importlib.import_module(name)
print("imported")
"""


def test_linux_bundle_leaves_out_only_modules_the_editor_can_do_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A module excluded but imported at load time would end the program with ModuleNotFoundError;
    # ones imported later, on a command's path, are caught by packaging/smoke-test.sh.
    recorded = _run_spec("linux", tmp_path, monkeypatch)
    excludes = recorded.analyses[0]["excludes"]
    assert {"unittest", "pydoc", "lxml.sax"} <= set(excludes)

    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL_WITHOUT, *excludes],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )

    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["imported"]

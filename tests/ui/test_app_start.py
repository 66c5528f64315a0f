"""Start-up loads only what the first window shows (benchmarks/startup.py times it).

The window is started in a child process, as a double-click on a report does (`editor.app.start`
with the file), and the modules it loaded are compared with those that only later work needs:
the importers and exporters with their libraries, pydantic (only odd input needs it), 批量检查,
与上年对比, the prose editors and the grid of section tabs not yet shown, the start page when a
file is given. Someone adding an eager import of one of them makes this fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT, SAMPLE

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from editor.app import create_application, start
    app = create_application(["nianbao"])
    window = start(["nianbao", *sys.argv[1:]])
    app.processEvents()
    doc = window.document
    print(json.dumps({
        "modules": sorted(sys.modules),
        "title": window.windowTitle(),
        "findings": None if doc is None else [f.rule for f in doc.findings],
        "counts": window.counts.text(),
        "page": type(window.pages.currentWidget()).__name__,
    }))
    """
)

# Loaded on first use only. A name stands for the module and everything under it.
LATER = (
    "openpyxl",
    "reportlab",
    "pdfplumber",
    "pdfminer",
    "pypdfium2",
    "docx",
    "lxml",
    "pydantic",
    "pydantic_core",
    "editor.domain.report_schema",
    "editor.batch",
    "editor.commands",
    "editor.importers",
    "editor.exporters",
    "editor.domain.comparison",
    "editor.domain.summing",
    "editor.domain.checks.text.similarity",
    "editor.ui.batch_review",
    "editor.ui.comparison_view",
    "editor.ui.source_review",
    "editor.ui.find_replace",
    "editor.ui.help_view",
    "editor.ui.printing",
    "editor.ui.publish",
    "editor.ui.output_options",
    "editor.ui.table_view",
    "editor.ui.table_model",
    "editor.ui.clipboard",
    "editor.ui.tasks",
    "editor.ui.prose_editor",
)


def _start(tmp_path: Path, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        cwd=ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


def _loaded_early(modules: object) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in LATER)]


def test_app_start_with_a_report_loads_only_what_its_first_tab_shows(tmp_path: Path) -> None:
    # A report with a broken total, so that the findings shown prove the checks ran at start.
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    document["tables"]["requests"]["received"]["total"] += 1
    path = tmp_path / "有错误的报告.nianbao"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    started = _start(tmp_path, str(path))
    assert "有错误的报告.nianbao" in str(started["title"])
    assert started["page"] == "QTabWidget"
    findings = started["findings"]
    assert isinstance(findings, list) and findings, "the checks ran and found the broken total"
    assert "错误" in str(started["counts"])
    assert _loaded_early(started["modules"]) == []
    modules = started["modules"]
    assert isinstance(modules, list)
    assert "editor.ui.start_page" not in modules  # a start with a file never shows it


def test_app_start_without_a_file_shows_the_start_page(tmp_path: Path) -> None:
    started = _start(tmp_path)
    assert started["page"] == "StartPage"
    assert started["findings"] is None
    assert _loaded_early(started["modules"]) == []


def test_app_import_pauses_collection_and_restores_it(tmp_path: Path) -> None:
    # The window's imports run without automatic collection; what they built is frozen (no later
    # pass walks it) and a process that only imports the module collects as before.
    code = (
        "import gc; import editor.app; print(gc.isenabled(), gc.get_freeze_count() > 10000, "
        "len(gc.get_objects()) < 10000)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]

"""The window and bad files: a message, never a crash. Bad values show as marked cells; the model
never lets an exception into Qt's paint code; saving and autosaving fail in Chinese; a file given
on the command line (a double-click) that is not a report gets a message in the window."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.domain.forms import CellRef
from editor.domain.validity import MAX_PROSE_CHARS
from editor.ui.document import ReportDocument
from editor.ui.main_window import MainWindow
from editor.ui.prose_editor import ProseFieldEditor
from editor.ui.recovery import RecoveryStore
from editor.ui.table_model import STATE_ROLE, ReportTableModel
from tests.conftest import ROOT

RECEIVED = CellRef("requests", "received", "natural")


def _requests_model(document: ReportDocument) -> ReportTableModel:
    return ReportTableModel(document, document.form.table("requests"))


def test_hostile_ui_a_nan_value_shows_as_a_marked_cell(
    qtmodeltester, document: ReportDocument
) -> None:  # type: ignore[no-untyped-def]
    # Values are validated where they enter; this one is forced in, as a bug elsewhere might.
    document.report.tables["requests"]["received"]["natural"] = float("nan")
    document.report.previous = {"requests": {"received": {"natural": float("inf")}}}
    document.recheck()
    model = _requests_model(document)
    qtmodeltester.check(model)
    index = model.index_of(RECEIVED)
    assert model.data(index) == "（无效）"
    assert model.data(index, STATE_ROLE) == "error"
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "nan" not in tooltip.lower() and "inf" not in tooltip.lower()


def test_hostile_ui_model_data_never_raises(
    document: ReportDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _requests_model(document)

    def broken(*_args: object) -> object:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(model, "_value_data", broken)
    index = model.index_of(RECEIVED)
    assert model.data(index) == "（无效）"
    assert model.data(index, STATE_ROLE) == "error"
    assert model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("此单元格的值无效")


def test_hostile_ui_workbook_with_nan_last_year_opened_as_new_and_painted(
    qtbot: QtBot,
    window: MainWindow,
    hostile_file,  # type: ignore[no-untyped-def]
) -> None:
    """The segfault of the issue: 导入 Excel → 作为新报告打开, then 表三 painted."""
    old = window.document
    window.jobs.import_xlsx(hostile_file("marker-previous-nan.xlsx"), into_current=False)
    qtbot.waitUntil(lambda: window.document is not old, timeout=20_000)
    for box in list(window.messages):
        box.close()
    for tab in window.section_tabs:
        if tab.table_view is not None:
            window.tabs.setCurrentWidget(tab)
            assert not tab.table_view.grab().isNull()  # paints every cell, hint and tooltip
    assert window.document is not None and window.document.report.previous is not None


def test_hostile_ui_opening_a_fifo_is_a_message_at_once(window: MainWindow, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.nianbao"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert not window.open_path(fifo, ask=False)
    assert time.monotonic() - started < 5
    assert "管道" in window.messages[-1].text()


def test_hostile_ui_open_failure_keeps_the_library_words_in_details(
    window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.nianbao"
    bad.write_text('{"format": "nianbao", "schema_version": 1, "meta": [', encoding="utf-8")
    assert not window.open_path(bad, ask=False)
    box = window.messages[-1]
    assert "损坏" in box.text() and "Expecting" not in box.text()
    assert "JSONDecodeError" in box.detailedText()


def test_hostile_ui_save_failure_is_chinese_and_keeps_the_file(
    window: MainWindow, sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sample_copy.read_bytes()
    assert window.document is not None
    window.document.push_cells({RECEIVED: 5}, "输入")

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert not window.save()
    box = window.messages[-1]
    assert "磁盘空间已满" in box.text() and "未被改动" in box.text()
    assert "No space" not in box.text() and "No space" in box.detailedText()
    assert sample_copy.read_bytes() == before
    assert [p.name for p in sample_copy.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert window.document.modified  # the work is still there, unsaved


def test_hostile_ui_autosave_into_an_unwritable_folder_says_so(
    qtbot: QtBot, tmp_path: Path, sample_copy: Path
) -> None:
    from PySide6.QtCore import QSettings

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # the recovery folder would be inside a file: mkdir fails
    store = RecoveryStore(blocker / "recovery")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, store)
    try:
        assert window.open_path(sample_copy)
        assert window.document is not None
        window.document.push_cells({RECEIVED: 5}, "输入")
        window._autosave_pending = True
        assert window.autosave() is None
        assert "自动保存失败" in window.statusBar().currentMessage()
        store.discard()  # and nothing else raises
        assert store.orphans() == []
        assert store.clean_stale() == 0
    finally:
        window.document.undo_stack.setClean()  # type: ignore[union-attr]
        window.close()
        window.deleteLater()


def test_hostile_ui_paste_beyond_the_prose_limit_is_refused_whole(
    qtbot: QtBot, document: ReportDocument
) -> None:
    editor = ProseFieldEditor(document, "overview", "")
    qtbot.addWidget(editor)
    before = editor.text()
    mime = QMimeData()
    mime.setText("字" * (MAX_PROSE_CHARS + 1))
    editor.editor.insertFromMimeData(mime)
    assert editor.text() == before
    box = editor.editor.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "上限" in box.text()
    box.close()
    mime.setText("新的一句。")
    editor.editor.insertFromMimeData(mime)
    assert "新的一句。" in editor.text()


def test_hostile_ui_a_file_name_that_is_not_utf8_opens(
    window: MainWindow, sample_copy: Path, tmp_path: Path
) -> None:
    """年报 in GBK, as a zip made on Windows leaves it on Linux: undecodable bytes."""
    path = tmp_path / ("年报".encode("gbk").decode("utf-8", "surrogateescape") + ".nianbao")
    path.write_bytes(sample_copy.read_bytes())
    assert window.open_path(path, ask=False)
    assert window.document is not None and window.document.path == path.resolve()
    assert not window.grab().isNull()


@pytest.mark.parametrize(
    "kind", ["fifo", "5000-digits", "every-cell-max-double", "xlsx", "gbk-name"]
)
def test_hostile_ui_double_click_on_a_bad_file_shows_the_window(tmp_path: Path, kind: str) -> None:
    """`python -m editor FILE` as a double-click runs it: the window comes up with a message.
    A name that is not UTF-8 crashed QApplication itself (SIGSEGV) before the window."""
    from editor.domain.storage import report_to_json
    from tests.factories import consistent_report

    path = tmp_path / ("bad.xlsx" if kind == "xlsx" else "bad.nianbao")
    if kind == "gbk-name":
        path = tmp_path / ("年报".encode("gbk").decode("utf-8", "surrogateescape") + ".nianbao")
        path.write_text(report_to_json(consistent_report()), encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "xlsx":
        path.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    else:
        text = report_to_json(consistent_report())
        raw = "9" * 5000 if kind == "5000-digits" else "1.797e308"
        import re

        path.write_text(re.sub(r'(": )\d+(?=[,\n])', rf"\g<1>{raw}", text), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "NIANBAO_QUIT_AFTER_SHOW": "1",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "editor", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

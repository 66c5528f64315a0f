"""One undo stack, and its keys work wherever the focus is: prose, 基本信息 fields, the grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.domain.forms import CellRef
from editor.ui.main_window import MainWindow
from tests.ui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def test_shortcuts_ctrl_z_in_prose_undoes_the_typing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = window.section_tabs[0]
    window.tabs.setCurrentWidget(tab)
    editor = tab.editors["overview"].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    before = editor.toPlainText()
    type_text(editor, "本年")
    assert editor.toPlainText() != before
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == before
    assert window.document is not None and window.document.report.prose["overview"] == before
    QTest.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert "本年" in editor.toPlainText()


def test_shortcuts_ctrl_z_in_prose_also_undoes_a_grid_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    doc = window.document
    assert doc is not None
    ref = CellRef("requests", "received", "natural")
    doc.push_cells({ref: 99}, "输入")
    tab = window.section_tabs[0]
    window.tabs.setCurrentWidget(tab)
    editor = tab.editors["overview"].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    QTest.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert doc.report.get(ref) == 27  # one stack: the last step, wherever it was made


def test_shortcuts_ctrl_z_in_a_meta_field_takes_back_the_typing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    meta = window.meta_tab
    assert meta is not None and window.document is not None
    window.tabs.setCurrentWidget(meta)
    organ = meta.lines["organ"]
    organ.setFocus()
    qtbot.waitUntil(organ.hasFocus)
    before = organ.text()
    organ.end(False)
    type_text(organ, "（试）")
    assert window.document.report.meta.organ == before + "（试）"
    assert window.document.undo_stack.count() == 1  # the run of typing is one step
    QTest.keyClick(organ, Qt.Key.Key_Z, CTRL)
    assert organ.text() == before
    assert window.document.report.meta.organ == before

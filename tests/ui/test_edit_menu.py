"""The 编辑 menu as a clerk uses it: totals after a paste, 空白填 0, the clipboard entries on
whatever has the focus, and the keys (Ctrl+Shift+T, Ctrl+P, F1)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.domain.model import new_report
from editor.ui.edit_menu import zero_fill_values
from editor.ui.main_window import MainWindow
from editor.ui.output_options import OutputOptionsDialog
from editor.ui.section_tab import SectionTab
from editor.ui.table_view import ReportTableView
from tests.ui.conftest import answer_next_dialog

CTRL = Qt.KeyboardModifier.ControlModifier
PARTS = ("natural", "business", "research", "social", "legal", "other_org")


def _requests(window: MainWindow) -> ReportTableView:
    tab = next(t for t in window.section_tabs if t.section.table == "requests")
    window.tabs.setCurrentWidget(tab)
    assert tab.table_view is not None
    tab.table_view.setFocus()
    return tab.table_view


def _paste(view: ReportTableView, at: CellRef, text: str) -> None:
    view.setCurrentIndex(view.model().index_of(at))
    mime = QMimeData()
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    QTest.keyClick(view, Qt.Key.Key_V, CTRL)


def test_edit_menu_fill_totals_after_a_paste_fills_the_tables_broken_totals(
    window: MainWindow,
) -> None:
    view = _requests(window)
    doc = window.document
    assert doc is not None
    disclosed = {c: doc.report.get(CellRef("requests", "disclosed", c)) for c in PARTS}
    # The clerk pastes the 予以公开 row from Excel, its own 总计 included and right: the
    # selection now holds a total, but not the ones the paste broke (（七）总计).
    row = [*(v + 1 for v in disclosed.values()), sum(disclosed.values()) + 6]  # type: ignore[operator]
    _paste(view, CellRef("requests", "disclosed", "natural"), "\t".join(map(str, row)) + "\n")
    selected = set(view.selected_refs())
    assert CellRef("requests", "disclosed", "total") in selected
    broken = {f.cells[0] for f in doc.findings if f.rule == "requests.results_sum"}
    assert broken and not broken & selected
    steps = doc.undo_stack.count()
    QTest.keyClick(view, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not [f for f in doc.findings if f.rule == "requests.results_sum"]
    total = CellRef("requests", "results_total", "total")
    assert doc.report.get(total) == sum(
        doc.report.get(CellRef("requests", "results_total", c)) or 0 for c in PARTS
    )
    assert doc.undo_stack.count() == steps + 1
    message = window.statusBar().currentMessage()
    assert "表三" in message and "已按明细填写" in message
    assert "所选单元格中没有与明细不符的合计" in message


def test_edit_menu_fill_totals_with_consistent_totals_selected_says_what_it_looked_at(
    window: MainWindow,
) -> None:
    view = _requests(window)
    doc = window.document
    assert doc is not None
    doc.push_cells({CellRef("requests", "carried_in", "natural"): 2}, "t")  # breaks its total
    fine = CellRef("requests", "received", "total")
    view.select_refs([fine])
    assert window.fill_totals() == 1  # 上年结转·总计, not selected
    assert doc.report.get(CellRef("requests", "carried_in", "total")) == 2
    assert "所选单元格中没有与明细不符的合计" in window.statusBar().currentMessage()
    assert window.fill_totals() == 0
    assert "都与明细一致" in window.statusBar().currentMessage()


def test_edit_menu_fill_blanks_with_zero_in_a_fresh_table(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.new_report(2025)
    view = _requests(window)
    doc = window.document
    assert doc is not None
    doc.push_cells({CellRef("requests", "received", "natural"): 4}, "t")
    view.select_refs([CellRef("requests", "received", "natural")])
    assert window.edit.fill_blanks_with_zero() == 174  # the whole of 表三 but the typed cell
    table = view.model().table
    assert all(doc.report.get(r) is not None for r in table.cells)
    assert doc.report.get(CellRef("requests", "received", "total")) == 4  # a total: its sum
    assert not [f for f in check_report(doc.report) if f.rule.startswith("requests.row")]
    doc.undo_stack.undo()
    assert doc.report.get(CellRef("requests", "carried_in", "natural")) is None


def test_edit_menu_zero_fill_of_a_selection_keeps_totals_consistent() -> None:
    report = new_report(2025)
    table = report.form.table("appeals")
    report.set(CellRef("appeals", "review", "upheld"), 2)
    scope = [CellRef("appeals", "review", c.key) for c in table.columns]
    changes = zero_fill_values(report, table, scope)
    assert changes[CellRef("appeals", "review", "total")] == 2
    assert changes[CellRef("appeals", "review", "pending")] == 0
    assert CellRef("appeals", "suit_direct", "upheld") not in changes  # outside the selection


def test_edit_menu_copy_and_paste_act_on_the_grid_with_focus(window: MainWindow) -> None:
    view = _requests(window)
    doc = window.document
    assert doc is not None
    view.select_refs([CellRef("requests", "received", "natural")])
    window.edit.copy.trigger()
    assert QGuiApplication.clipboard().text().strip() == "27"
    view.setCurrentIndex(view.model().index_of(CellRef("requests", "carried_in", "natural")))
    view.setFocus()
    window.edit.paste.trigger()
    assert doc.report.get(CellRef("requests", "carried_in", "natural")) == 27
    window.edit.clear.trigger()
    assert doc.report.get(CellRef("requests", "carried_in", "natural")) is None


def test_edit_menu_paste_into_prose_with_focus(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = window.section_tabs[0]
    window.tabs.setCurrentWidget(tab)
    editor = tab.editors["overview"].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    QGuiApplication.clipboard().setText("（补）")
    window.edit.paste.trigger()
    assert window.document is not None
    assert window.document.report.prose["overview"].endswith("（补）")


def test_edit_menu_ctrl_p_asks_the_print_options(window: MainWindow) -> None:
    asked = answer_next_dialog(OutputOptionsDialog, lambda d: d.reject())
    assert window.jobs.print_action is not None
    QTest.keyClick(window.tabs.currentWidget(), Qt.Key.Key_P, CTRL)
    assert asked and asked[0].windowTitle() == "打印选项"


def test_edit_menu_f1_opens_the_guide_at_the_current_row(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = _requests(window)
    view.setCurrentIndex(view.model().index_of(CellRef("requests", "withheld_process", "natural")))
    QTest.keyClick(view, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.here == ("requests", "withheld_process")
    text = dialog.browser.toPlainText()
    assert "6.属于四类过程性信息" in text and "过程稿" in text
    # Scrolled to that row: its label is inside the visible part of the guide.
    cursor = dialog.browser.document().find("6.属于四类过程性信息")
    rect = dialog.browser.cursorRect(cursor)
    assert 0 <= rect.top() <= dialog.browser.viewport().height()
    assert isinstance(window.tabs.currentWidget(), SectionTab)

"""The window: findings go to their cells, counts, the unsaved-changes prompt, files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from editor.domain.checks import TextSpan
from editor.domain.forms import CellRef
from editor.domain.storage import load_report
from editor.ui.main_window import MainWindow
from tests.ui.conftest import answer_next_box

TOTAL = CellRef("requests", "received", "total")


def _break_total(window: MainWindow) -> None:
    assert window.document is not None
    window.document.push_cells({TOTAL: 30}, "t")


def test_main_window_counts_in_status_bar_and_tab_title(window: MainWindow) -> None:
    assert window.counts.text() == "未发现问题"
    _break_total(window)
    assert window.document is not None
    errors = sum(1 for f in window.document.findings if f.is_error)
    warnings = len(window.document.findings) - errors
    assert errors == 2  # the row total and the balance
    assert window.counts.text() == f"2 处错误，{warnings} 处提醒"
    requests_tab = 1 + [s.section.key for s in window.section_tabs].index("requests")
    assert window.tabs.tabText(requests_tab).startswith("三、依申请公开（")  # short title
    assert window.tabs.tabToolTip(requests_tab) == "三、收到和处理政府信息公开申请情况"
    assert window.isWindowModified()


def test_main_window_clicking_finding_selects_its_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _break_total(window)
    window.tabs.setCurrentIndex(0)
    panel = window.findings_panel
    finding = next(f for f in panel.findings if f.rule == "requests.row_total")
    item = panel.item_for(finding)
    assert item is not None
    rect = panel.visualItemRect(item)
    QTest.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.current_table_view()
    assert view is not None
    assert view.model().table.key == "requests"
    assert view.currentIndex() == view.model().index_of(TOTAL)
    assert TOTAL in view.selected_refs()


def test_main_window_finding_with_span_selects_text(window: MainWindow) -> None:
    tab = window.section_tabs[0]
    editor = tab.editors["overview"]
    from editor.domain.checks import Finding

    window.go_to_finding(Finding("text.numbers", "x", span=TextSpan("overview", 0, 5)))
    assert window.tabs.currentWidget() is tab
    assert editor.editor.textCursor().selectedText() == editor.text()[:5]


def test_main_window_close_with_changes_asks_and_cancel_keeps_open(window: MainWindow) -> None:
    _break_total(window)
    asked = answer_next_box(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked and "未保存的修改" in asked[0]
    assert window.isVisible()


def test_main_window_close_with_changes_save_writes_file(window: MainWindow) -> None:
    _break_total(window)
    assert window.document is not None and window.document.path is not None
    path = window.document.path
    answer_next_box(QMessageBox.StandardButton.Save)
    assert window.close()
    assert load_report(path).get(TOTAL) == 30


def test_main_window_close_without_changes_does_not_ask(window: MainWindow) -> None:
    assert window.close()


def test_main_window_save_clears_modified_and_undo_marks_again(window: MainWindow) -> None:
    _break_total(window)
    assert window.save()
    assert not window.isWindowModified()
    window.undo_action.trigger()
    assert window.isWindowModified()
    window.redo_action.trigger()
    assert not window.isWindowModified()


def test_main_window_bad_file_gets_message_not_traceback(
    window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.nianbao"
    bad.write_bytes(b"PK\x03\x04 not a report")
    assert not window.open_path(bad)
    assert "不是年报文件" in window.messages[-1].text()
    assert window.document is not None and window.document.path != bad


def test_main_window_recent_files_listed(window: MainWindow, sample_copy: Path) -> None:
    assert window.recent_files()[0] == str(sample_copy.resolve())
    texts = [a.text() for a in window.recent_menu.actions()]
    assert any(str(sample_copy.resolve()) in t for t in texts)


def test_main_window_drop_opens_report(
    window: MainWindow, sample_copy: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.nianbao"
    other.write_bytes(sample_copy.read_bytes())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.document is not None and window.document.path == other.resolve()


def test_main_window_fill_totals_one_step_and_reported(window: MainWindow) -> None:
    _break_total(window)
    assert window.document is not None
    steps = window.document.undo_stack.count()
    assert window.fill_totals() == 1
    assert window.document.report.get(TOTAL) == 27
    assert window.document.undo_stack.count() == steps + 1
    assert "已按明细填写" in window.statusBar().currentMessage()
    assert window.counts.text() == "未发现问题"


def test_main_window_typed_refusal_shows_message(window: MainWindow) -> None:
    window.refuse_input("表三 X：「a」不是数字")
    assert window.messages[-1].text() == "表三 X：「a」不是数字"


def test_main_window_geometry_remembered(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.resize(640, 480)  # inside the offscreen screen (800×600)
    assert window.close()
    from editor.ui.recovery import RecoveryStore

    again = MainWindow(window.settings, RecoveryStore(tmp_path / "r2"))
    try:
        assert (again.width(), again.height()) == (640, 480)
    finally:
        again.deleteLater()


def test_main_window_toolbar_keeps_its_place_whatever_the_undo_text(window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolBar, QToolButton

    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    undo = toolbar.widgetForAction(window.undo_action)
    assert isinstance(undo, QToolButton)
    before = undo.sizeHint().width()
    assert window.document is not None
    window.document.push_cells({TOTAL: 31}, "输入 一、本年新收政府信息公开申请数量·总计")
    assert undo.text() == "撤销" and undo.sizeHint().width() == before
    assert "一、本年新收" in window.undo_action.text()  # the menu still names the step


def test_main_window_toolbar_icons_are_drawn_from_the_packaged_svgs(window: MainWindow) -> None:
    from PySide6.QtWidgets import QToolBar

    toolbar = window.findChild(QToolBar, "main_toolbar")
    assert toolbar is not None
    with_icons = [a for a in toolbar.actions() if not a.isSeparator() and not a.icon().isNull()]
    assert len(with_icons) >= 7  # 新建 打开 保存 撤销 重做 按明细填写合计 检查 (填写说明)
    for action in with_icons:
        # At 150 % scaling a 24 px icon is drawn at 36 px: still something visible, not blank.
        image = action.icon().pixmap(36, 36).toImage()
        assert not image.isNull() and image.width() == 36
        opaque = sum(
            image.pixelColor(x, y).alpha() > 128 for x in range(0, 36, 3) for y in range(0, 36, 3)
        )
        assert opaque > 20, action.iconText()


def test_main_window_clicked_prose_finding_is_scrolled_into_view(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from editor.domain.checks import Finding

    window.resize(1000, 560)
    tab = window.section_tabs[0]
    window.tabs.setCurrentWidget(tab)
    qtbot.wait(20)
    key = "overview.supervision"  # the last field of 一、总体情况, below the fold
    scroll = tab.prose_scroll
    assert scroll is not None
    editor = tab.editors[key].editor
    assert editor.mapTo(scroll.viewport(), editor.rect().topLeft()).y() > scroll.viewport().height()
    window.go_to_finding(Finding("text.numbers", "x", span=TextSpan(key, 2, 6)))
    rect = editor.cursorRect()
    top = editor.viewport().mapTo(scroll.viewport(), rect.topLeft()).y()
    assert 0 <= top <= scroll.viewport().height() - rect.height()
    assert editor.textCursor().selectedText() == tab.editors[key].text()[2:6]

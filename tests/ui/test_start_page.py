"""A first start shows a start page (从上年报告开始, 打开, 新建空白, recent files), not a blank
report with six warnings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore
from tests.ui.conftest import answer_next_dialog, choose_in_file_dialog


@pytest.fixture
def fresh(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, RecoveryStore(tmp_path / "recovery"))
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.document is not None:
        win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def test_start_page_is_what_a_first_start_shows(fresh: MainWindow) -> None:
    assert fresh.document is None
    assert fresh.pages.currentWidget() is fresh.start_page
    page = fresh.start_page
    for button in (page.last_year_button, page.open_button, page.blank_button):
        assert button.isVisible()
    assert page.no_recent.isVisible() and not page.recent.isVisible()
    assert not fresh.findings_dock.isVisible()  # no "6 warnings" about a report nobody started
    assert not fresh.save_action.isEnabled() and not fresh.check_action.isEnabled()
    # Nothing to export, print or copy yet: those entries wait for a report.
    assert fresh.jobs.document_actions
    assert not any(a.isEnabled() for a in fresh.jobs.document_actions)
    names = [a.text() for a in fresh.jobs.document_actions]
    for name in ("导出 Excel", "导出 PDF", "导出 Word", "复制为网页", "打印预览", "打印("):
        assert any(n.startswith(name) for n in names), name
    assert fresh.windowTitle() == "年报编辑器"


def test_start_page_new_blank_asks_the_year(fresh: MainWindow) -> None:
    def answer(box: QInputDialog) -> None:
        box.setIntValue(2025)
        box.accept()

    answer_next_dialog(QInputDialog, answer)
    QTest.mouseClick(fresh.start_page.blank_button, Qt.MouseButton.LeftButton)
    assert fresh.document is not None and fresh.document.report.meta.year == 2025
    assert fresh.pages.currentWidget() is fresh.tabs
    assert fresh.save_action.isEnabled()


def test_start_page_open_and_recent_files(fresh: MainWindow, sample_copy: Path) -> None:
    choose_in_file_dialog(sample_copy)
    QTest.mouseClick(fresh.start_page.open_button, Qt.MouseButton.LeftButton)
    assert fresh.document is not None and fresh.document.path == sample_copy.resolve()
    # A second start lists it; Enter on it opens it.
    again = MainWindow(fresh.settings, RecoveryStore(fresh.recovery.directory / "2"))
    try:
        page = again.start_page
        assert page.recent.count() == 1
        assert sample_copy.name in page.recent.item(0).text()
        page.recent.setCurrentRow(0)
        page.recent.itemActivated.emit(page.recent.item(0))
        assert again.document is not None and again.document.path == sample_copy.resolve()
    finally:
        if again.document is not None:
            again.document.undo_stack.setClean()
        again.close()
        again.deleteLater()


def test_start_page_from_last_year_opens_the_file_dialog(fresh: MainWindow) -> None:
    filters: list[list[str]] = []
    choose_in_file_dialog(None, filters)
    QTest.mouseClick(fresh.start_page.last_year_button, Qt.MouseButton.LeftButton)
    assert filters and any("*.pdf" in f for f in filters[0])
    assert fresh.document is None  # cancelled: still on the start page

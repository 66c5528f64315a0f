"""导出 Word and 复制为网页 in the window: menu entries, file, clipboard, the draft question."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from editor.domain.forms import CellRef
from editor.exporters.draft import DRAFT_MARK
from editor.ui import publish
from editor.ui.main_window import MainWindow
from editor.ui.printing import MARK_DRAFT
from tests.ui.conftest import choose_in_file_dialog


def _file_menu(window: MainWindow) -> QMenu:
    return next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "文件(&F)")


def _answer(button_text: str) -> None:
    """Clicks `button_text` in the next message box."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def test_publish_menu_entries_follow_the_pdf_export(window: MainWindow) -> None:
    texts = [a.text() for a in _file_menu(window).actions()]
    pdf = texts.index("导出 PDF(&D)…")
    assert texts[pdf + 1 : pdf + 3] == ["导出 Word(&W)…", "复制为网页(&H)"]


def test_publish_word_dialog_writes_the_document_with_its_suffix(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    chosen = tmp_path / "给领导审阅v1.2"  # no suffix typed, and a dot in the name
    filters: list[list[str]] = []
    choose_in_file_dialog(chosen, filters)  # the window's own (Chinese) dialog, as for PDF
    action = next(a for a in _file_menu(window).actions() if a.text().startswith("导出 Word"))
    action.trigger()
    out = tmp_path / "给领导审阅v1.2.docx"
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert filters == [[publish.WORD_FILTER]]
    # 导出完成, with 打开文件 and 打开所在文件夹, as after a PDF or Excel export
    qtbot.waitUntil(lambda: bool(window.messages), timeout=20_000)
    box = window.messages[-1]
    assert box.windowTitle() == "导出完成" and str(out) in box.text()
    assert "打开所在文件夹" in [b.text() for b in box.buttons()]
    box.done(0)
    assert len(Document(str(out)).tables) == 3


def test_publish_copy_puts_html_and_text_on_the_clipboard(qtbot: QtBot, window: MainWindow) -> None:
    task = publish.copy_as_web_page(window)  # a clean report: nothing is asked
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    mime = QApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html = mime.html()
    assert html.count("<table") == 3 and "<!--StartFragment-->" in html
    assert "<script" not in html and DRAFT_MARK not in html
    assert window.document is not None
    assert mime.text().splitlines()[0] == window.document.report.title
    assert window.statusBar().currentMessage() == publish.COPIED


def test_publish_copy_of_a_broken_report_asks_and_marks_the_draft(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.document is not None
    window.document.push_cells({CellRef("requests", "received", "natural"): 30}, "t")
    _answer(MARK_DRAFT)
    task = publish.copy_as_web_page(window)
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    mime = QApplication.clipboard().mimeData()
    assert DRAFT_MARK in mime.html() and DRAFT_MARK in mime.text()


def test_publish_cancelled_question_copies_nothing(qtbot: QtBot, window: MainWindow) -> None:
    assert window.document is not None
    window.document.push_cells({CellRef("requests", "received", "natural"): 30}, "t")
    QApplication.clipboard().setText("之前复制的内容")
    _answer("取消")
    assert publish.copy_as_web_page(window) is None
    assert QApplication.clipboard().text() == "之前复制的内容"


def test_publish_suffix_is_added_not_substituted() -> None:
    assert publish.with_suffix(Path("a/报告v1.2"), ".docx") == Path("a/报告v1.2.docx")
    assert publish.with_suffix(Path("a/报告.DOCX"), ".docx") == Path("a/报告.DOCX")

"""导出 Word and 复制为网页: the report for review in Word/WPS and for the portal's CMS editor.

The exporters do the work on the task helper's thread; here are only the dialogs, the draft
question (the same as the PDF's) and the clipboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QStandardItem, QStandardItemModel

from editor.ui.tasks import Task, run_task

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

WORD_FILTER = "Word 文档 (*.docx)"
COPIED = "已复制为网页：可在网站编辑器中粘贴（Ctrl+V），表格和标题一并带过去"


def with_suffix(path: Path, suffix: str) -> Path:
    """`path` ending in `suffix`: added when missing, never replacing a dot in the name
    ("报告v1.2" becomes "报告v1.2.docx")."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _draft_choice(window: MainWindow, action: str) -> bool | None:
    from editor.ui import printing

    assert window.document is not None
    return printing.ask_draft_choice(window, window.document.report, action)


def export_docx_dialog(window: MainWindow) -> None:
    if window.document is None:
        return
    draft = _draft_choice(window, "导出")
    if draft is None:
        return
    # The window's own Chinese file dialog, starting where the other exports do.
    path = window.jobs.choose_file(
        "导出 Word", window.jobs.suggested_path(".docx"), (WORD_FILTER,), save=True
    )
    if path is not None:
        export_docx(window, with_suffix(path, ".docx"), draft)


def export_docx(window: MainWindow, path: Path, draft: bool | None) -> Task:
    from editor.exporters.docx_export import export_docx as write_docx

    assert window.document is not None
    report = window.document.snapshot()
    return run_task(
        window,
        "正在导出 Word",
        lambda progress: write_docx(report, path, draft, progress),
        lambda _r: window.jobs.show_exported(path),  # 导出完成, as for PDF and Excel
    )


def copy_as_web_page(window: MainWindow, draft: bool | None = None) -> Task | None:
    """Puts the report on the clipboard as a web page (text/html) and as plain text."""
    if window.document is None:
        return None
    if draft is None:
        draft = _draft_choice(window, "复制")
        if draft is None:
            return None
    from editor.exporters.html_export import render_html, render_plain_text

    report = window.document.snapshot()
    chosen = draft
    return run_task(
        window,
        "正在生成网页",
        lambda _progress: (
            render_html(report, chosen, fragment=True),
            render_plain_text(report, chosen),
        ),
        lambda result: _put_on_clipboard(window, *result),
    )


def _put_on_clipboard(window: MainWindow, html: str, text: str) -> None:
    mime = qt_made_mime_data()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    window.statusBar().showMessage(COPIED, 10000)


def qt_made_mime_data() -> QMimeData:
    """An empty QMimeData that Qt, not Python, created.

    The clipboard owns what it holds and destroys it when the program ends, after Python has
    shut down; a QMimeData made from Python then calls back into Python and the process
    crashes (see editor.app.hand_clipboard_to_qt, which for that reason leaves only text of
    copied cells). One made by Qt's own item model has no such hook, so the web page stays on
    the clipboard after the editor is closed, ready to paste into the CMS.
    """
    model = QStandardItemModel()
    model.appendRow(QStandardItem())
    mime = model.mimeData([model.index(0, 0)])
    for kind in mime.formats():
        mime.removeFormat(kind)
    return mime

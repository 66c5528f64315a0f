"""导出 PDF and 打印 offer 签字栏, 草稿标记, 页码 and 字体; what is chosen is in the PDF, and
the export ends with a way to the file (打开文件 / 打开所在文件夹)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from editor.exporters.pdf.options import DRAFT_MARK
from editor.ui.jobs import OPEN_FOLDER
from editor.ui.main_window import MainWindow
from editor.ui.output_options import OutputOptionsDialog, saved_options
from editor.ui.printing import FontsDialog
from tests.ui.conftest import answer_next_dialog, choose_in_file_dialog


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in pdf.pages))


class _Opened(QObject):
    """Receives the URLs the window asks the desktop to open (instead of a file manager)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_output_options_signature_and_draft_reach_the_pdf(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "签字.pdf"
    fonts_seen: list[FontsDialog] = []

    def choose(dialog: OutputOptionsDialog) -> None:
        assert "正文" in dialog.fonts_summary.text()  # the faces in use are named
        answer_next_dialog(FontsDialog, lambda d: (fonts_seen.append(d), d.reject()))
        dialog.fonts_button.click()  # 字体… opens the fonts dialog
        dialog.signature.setChecked(True)
        dialog.draft.setCurrentIndex(1)  # 标注 草稿, though the sample has no error
        dialog.ok_button.click()

    answer_next_dialog(OutputOptionsDialog, choose)
    choose_in_file_dialog(out)
    opened = _Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        window.jobs.export_pdf_dialog()
        qtbot.waitUntil(out.exists, timeout=30_000)
        qtbot.waitUntil(lambda: any(b.windowTitle() == "导出完成" for b in window.messages))
        box = next(b for b in window.messages if b.windowTitle() == "导出完成")
        folder = next(b for b in box.buttons() if b.text() == OPEN_FOLDER)
        folder.click()
        assert [u.toLocalFile() for u in opened.urls] == [str(out.parent)]
    finally:
        QDesktopServices.unsetUrlHandler("file")
        for b in list(window.messages):
            b.close()
    assert fonts_seen
    text = _text(out)
    assert "单位负责人（签字）" in text
    assert re.sub(r"\s+", "", DRAFT_MARK) in text
    # The signature choice is kept for next time; the draft mark is not.
    kept = saved_options(window.settings)
    assert kept.signature and kept.draft is None


def test_output_options_cancel_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    answer_next_dialog(OutputOptionsDialog, lambda d: d.reject())
    window.jobs.export_pdf_dialog()
    assert not list(tmp_path.glob("*.pdf"))
    assert not [b for b in window.messages if isinstance(b, QMessageBox)]

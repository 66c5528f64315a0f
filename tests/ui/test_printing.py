"""Printing through QPrinter paints the PDF's own pages; errors are asked about first."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from editor.assets import BUNDLED_CJK_FONT
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.exporters.fonts import FontRole, FontSource
from editor.exporters.pdf import PdfOptions, render_pdf_bytes
from editor.ui.printing import (
    MARK_DRAFT,
    NO_MARK,
    FontsDialog,
    a4_printer,
    ask_draft_choice,
    confirm_options,
    preview_dialog,
    print_report,
    print_report_to,
)

DPI = 100  # enough for 0.6 pt table rules to be a pixel wide on both sides


def _grey_pages(pdf: bytes | Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[i].render(scale=DPI / 72, grayscale=True).to_pil()
            for i in range(len(document))
        ]
    finally:
        document.close()


BLOCK = 8  # pixels: compare the grey of small areas, not single anti-aliased pixels


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference of the blocks' grey over the area both pages cover."""
    box = (0, 0, min(a.width, b.width), min(a.height, b.height))
    small_a, small_b = (im.crop(box).reduce(BLOCK) for im in (a, b))
    return float(ImageStat.Stat(ImageChops.difference(small_a, small_b)).mean[0])


def test_printing_to_a_pdf_file_through_qprinter_gives_the_pdf_pages(
    qapp: QApplication, sample_report: Report, tmp_path: Path
) -> None:
    options = PdfOptions(signature=True, draft=False)
    out = tmp_path / "printed.pdf"
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    seen: list[float] = []
    count = print_report_to(
        printer, sample_report, options, max_dpi=300, progress=lambda f, _w: seen.append(f)
    )

    original = _grey_pages(render_pdf_bytes(sample_report, options))
    printed = _grey_pages(out)
    assert count == len(original) == len(printed)
    assert seen[-1] == 1.0
    document = pdfium.PdfDocument(out)
    try:
        for i in range(len(document)):
            width, height = document[i].get_size()
            assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    finally:
        document.close()
    for i, page in enumerate(printed):
        same = _difference(page, original[i])
        assert same < 4.0, f"page {i + 1} differs from the PDF by {same:.1f}"
        # Not a blank or shifted page: each differs clearly more from its neighbour.
        other = original[(i + 1) % len(original)]
        assert _difference(page, other) > 4 * same + 2.0


def _answer(button_text: str | None) -> None:
    """Clicks a button of the message box once it is shown."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button.text() == button_text or (button_text is None and button.text() == "取消"):
                button.click()
                return

    QTimer.singleShot(0, click)


@pytest.fixture
def broken(sample_report: Report) -> Report:
    ref = CellRef("appeals", "review", "total")
    sample_report.set(ref, int(sample_report.get(ref) or 0) + 1)
    return sample_report


@pytest.mark.parametrize(
    ("button", "expected"), [(MARK_DRAFT, True), (NO_MARK, False), (None, None)]
)
def test_printing_asks_before_a_report_with_errors(
    qapp: QApplication, broken: Report, button: str | None, expected: bool | None
) -> None:
    _answer(button)
    assert ask_draft_choice(None, broken, "打印") is expected


def test_printing_confirmed_options_carry_the_answer(qapp: QApplication, broken: Report) -> None:
    _answer(MARK_DRAFT)
    options = confirm_options(None, broken, PdfOptions(signature=True))
    assert options == PdfOptions(signature=True, draft=True)


def test_printing_clean_report_is_not_asked_about(
    qapp: QApplication, sample_report: Report
) -> None:
    # Nothing is shown: had a box appeared, nobody would click it and exec() would not return.
    assert ask_draft_choice(None, sample_report) is False


def test_printing_preview_shows_every_page_of_the_pdf(
    qtbot,
    sample_report: Report,  # type: ignore[no-untyped-def]
) -> None:
    pdf = render_pdf_bytes(sample_report, PdfOptions(draft=False))
    dialog = preview_dialog(None, pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    document = pdfium.PdfDocument(pdf)
    try:
        assert widget.pageCount() == len(document)
    finally:
        document.close()
    dialog.close()


def test_printing_fonts_dialog_shows_faces_and_stores_a_chosen_file(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = FontsDialog(PdfOptions(system_fonts=False))
    qtbot.addWidget(dialog)
    assert "内置字体" in dialog.face_text(FontRole.BODY)
    chosen = tmp_path / "fangsong.ttc"
    chosen.symlink_to(BUNDLED_CJK_FONT)
    assert dialog.set_font_file(FontRole.BODY, chosen)
    assert "fangsong.ttc" in dialog.face_text(FontRole.BODY)
    options = dialog.options()
    assert options.fonts == {FontRole.BODY: chosen}
    assert options.faces()[FontRole.BODY].source is FontSource.USER


def test_printing_leaves_no_print_dialog_behind_its_printer(
    qapp: QApplication, sample_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A QPrintDialog keeps a pointer to its printer; left as a child of the window it would
    # outlive the printer and touch freed memory when the window closes.
    parent = QWidget()
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert print_report(parent, sample_report, PdfOptions()) is False
    assert parent.findChildren(QPrintDialog) == []


def test_printing_preview_opens_large_and_page_wide(qtbot, sample_report: Report) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(780, 580)
    parent.show()
    dialog = preview_dialog(parent, render_pdf_bytes(sample_report, PdfOptions(draft=False)))
    dialog.show()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() > 0)
    # Not Qt's 692×600 box at 45 %: nearly the window's size, the page as wide as the view.
    assert dialog.width() >= 0.85 * parent.width() and dialog.height() >= 0.85 * parent.height()
    assert widget.zoomMode() == QPrintPreviewWidget.ZoomMode.FitToWidth
    assert widget.zoomFactor() > 0.45
    dialog.close()
    dialog.deleteLater()

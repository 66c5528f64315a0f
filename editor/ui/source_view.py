"""The imported report's source, as the clerk saw it: the PDF page, or the text the import read,
with the place of each cell of interest marked.

A PDF page is rendered with pypdfium2 (the printing path's renderer) and the boxes the extractor
recorded are painted over it; any other source shows the text the importer read, scrolled to the
cell, the marked spans highlighted.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.importers.published.origin import PagePlace, SourceOrigin

# Pages are drawn at this many pixels a point: sharp enough for small table digits.
PAGE_SCALE = 1.6
CURRENT = QColor(230, 81, 0)  # the cell being checked
OTHERS = QColor(255, 193, 7)  # the other cells to confirm
MARGIN = 3.0  # points around a box


class PdfPages:
    """A PDF's pages rendered on demand (kept: paging back and forth redraws nothing)."""

    def __init__(self, path: Path) -> None:
        self._document = pdfium.PdfDocument(str(path))
        self._pages: dict[int, QImage] = {}

    def __len__(self) -> int:
        return len(self._document)

    def image(self, number: int) -> QImage:
        if number not in self._pages:
            page = self._document[number]
            bitmap = page.render(scale=PAGE_SCALE)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_BGR888,
            ).copy()  # the bitmap's memory goes away with it
            bitmap.close()
            page.close()
            self._pages[number] = image
        return self._pages[number]

    def close(self) -> None:
        self._document.close()


def _rect(box: tuple[float, float, float, float]) -> QRectF:
    x0, top, x1, bottom = box
    return QRectF(
        (x0 - MARGIN) * PAGE_SCALE,
        (top - MARGIN) * PAGE_SCALE,
        (x1 - x0 + 2 * MARGIN) * PAGE_SCALE,
        (bottom - top + 2 * MARGIN) * PAGE_SCALE,
    )


class SourceView(QStackedWidget):
    """Shows `origin` and marks places in it: `show(current, others)` takes cell keys."""

    def __init__(self, origin: SourceOrigin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.origin = origin
        self.pages: PdfPages | None = None
        if origin.is_pdf and origin.lines and origin.path.is_file():
            try:
                self.pages = PdfPages(origin.path)
            except pdfium.PdfiumError:
                self.pages = None  # moved or changed since the import: show the text instead
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.image)
        self.page_scroll.setWidgetResizable(True)
        pdf = QWidget()
        pdf_layout = QVBoxLayout(pdf)
        pdf_layout.setContentsMargins(0, 0, 0, 0)
        pdf_layout.addWidget(self.page_label)
        pdf_layout.addWidget(self.page_scroll, 1)
        self.text_view = QPlainTextEdit(origin.text)
        self.text_view.setReadOnly(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.addWidget(pdf)
        self.addWidget(self.text_view)
        self.setCurrentIndex(0 if self.pages is not None else 1)
        self.shown_page: int | None = None

    def show_cells(self, current: str | None, others: list[str]) -> None:
        if self.pages is not None:
            self._show_on_page(current, others)
        else:
            self._show_in_text(current, others)

    def _show_on_page(self, current: str | None, others: list[str]) -> None:
        assert self.pages is not None
        place = self.origin.place_of(current) if current else None
        number = place.page if place else (self.shown_page or 0)
        pixmap = QPixmap.fromImage(self.pages.image(number))
        painter = QPainter(pixmap)
        for key in others:
            other = self.origin.place_of(key)
            if other is not None and other.page == number and key != current:
                painter.fillRect(_rect(other.box), _alpha(OTHERS, 90))
        if place is not None:
            painter.fillRect(_rect(place.box), _alpha(CURRENT, 70))
            painter.setPen(QPen(CURRENT, 2.5))
            painter.drawRect(_rect(place.box))
        painter.end()
        self.image.setPixmap(pixmap)
        self.shown_page = number
        total = len(self.pages)
        where = "" if place is not None or current is None else "（原文中未找到此单元格的位置）"
        self.page_label.setText(
            f"{self.origin.path.name}　第 {number + 1} 页，共 {total} 页{where}"
        )
        if place is not None:
            self._scroll_to(place)

    def _scroll_to(self, place: PagePlace) -> None:
        rect = _rect(place.box)
        # The label centres the page horizontally: add that offset to the box.
        left = max(0, (self.image.width() - self.image.pixmap().width()) // 2)
        self.page_scroll.ensureVisible(
            int(rect.center().x()) + left, int(rect.center().y()), 120, 160
        )

    def _show_in_text(self, current: str | None, others: list[str]) -> None:
        selections = []
        for key in others:
            span = self.origin.cells.get(key)
            if span is not None and key != current:
                selections.append(_selection(self.text_view, span, _alpha(OTHERS, 110), bold=False))
        span = self.origin.span_of(current) if current else None
        if span is not None:
            selections.append(_selection(self.text_view, span, _alpha(CURRENT, 120), bold=True))
            cursor = self.text_view.textCursor()
            cursor.setPosition(qt_position(self.origin.text, span[0]))
            self.text_view.setTextCursor(cursor)
            self.text_view.centerCursor()
        self.text_view.setExtraSelections(selections)

    def close_source(self) -> None:
        if self.pages is not None:
            self.pages.close()
            self.pages = None


def qt_position(text: str, index: int) -> int:
    """A Python string index as Qt's (UTF-16) position: characters beyond the BMP count twice."""
    prefix = text[:index]
    return index + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def _alpha(colour: QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def _selection(
    editor: QPlainTextEdit, span: tuple[int, int], colour: QColor, *, bold: bool
) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    text = editor.toPlainText()
    start, end = qt_position(text, span[0]), qt_position(text, span[1])
    cursor.setPosition(start)
    # A cell printed empty has no width: mark its place by the character after it.
    cursor.setPosition(max(end, start + 1), QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    if bold:
        fmt.setFontWeight(700)
    selection.cursor = cursor
    selection.format = fmt
    return selection

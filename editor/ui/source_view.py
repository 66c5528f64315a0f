"""The imported report's source, as the clerk saw it: the PDF page, or the text the import read,
with the place of each cell of interest marked.

A PDF page is rendered with pypdfium2 (the printing path's renderer) and the boxes the extractor
recorded are painted over it; any other source shows the text the importer read, scrolled to the
cell, the marked spans highlighted.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
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

# Pages are rendered at this many pixels a point, then shown at the width of the view.
RENDER_SCALE = 2.0
CURRENT = QColor(230, 81, 0)  # the cell being checked
OTHERS = QColor(255, 193, 7)  # the other cells to confirm
MARGIN = 3.0  # points around a box
# Least pixels a point a page is shown at: 8 pt table digits stay about 9 px high.
MIN_SCALE = 1.1


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
            bitmap = page.render(scale=RENDER_SCALE)
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


def _rect(box: tuple[float, float, float, float], scale: float) -> QRectF:
    """A box in points as pixels of a page drawn at `scale` pixels a point."""
    x0, top, x1, bottom = box
    return QRectF(
        (x0 - MARGIN) * scale,
        (top - MARGIN) * scale,
        (x1 - x0 + 2 * MARGIN) * scale,
        (bottom - top + 2 * MARGIN) * scale,
    )


_LONGEST_UNWRAPPED_LINE = 200  # characters: a table row copied from a web page is under 120


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
        # Lines as the source has them (a web copy's TAB rows stay rows), unless a line is far
        # wider than any view: a crawled page with everything on one line, read sideways.
        longest = max((len(line) for line in origin.text.splitlines()), default=0)
        wrap = longest > _LONGEST_UNWRAPPED_LINE
        self.text_view.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )
        # A web copy's cells are TAB-separated: wide stops keep its columns apart.
        self.text_view.setTabStopDistance(7 * self.text_view.fontMetrics().horizontalAdvance("0"))
        self.addWidget(pdf)
        self.addWidget(self.text_view)
        self.setCurrentIndex(0 if self.pages is not None else 1)
        self.shown_page: int | None = None
        self.scale = RENDER_SCALE  # pixels a point of the page as shown
        self.left = 0.0  # points cut off the page's left (its margin)
        self._last: tuple[str | None, list[str]] = (None, [])

    def show_cells(self, current: str | None, others: list[str]) -> None:
        self._last = (current, others)
        if self.pages is not None:
            self._show_on_page(current, others)
        else:
            self._show_in_text(current, others)

    def _show_on_page(self, current: str | None, others: list[str]) -> None:
        assert self.pages is not None
        place = self.origin.place_of(current) if current else None
        number = place.page if place else (self.shown_page or 0)
        image = self.pages.image(number)
        # The printed part of the page (its margins cut off) at the width of the view, but never
        # so small that a table's digits cannot be read: then the view scrolls sideways.
        left, right = self._printed_width(number, image.width() / RENDER_SCALE)
        bar = self.page_scroll.verticalScrollBar()
        room = self.page_scroll.viewport().width() - (
            0 if bar.isVisible() else bar.sizeHint().width()
        )
        self.scale = max(MIN_SCALE, (room - 4) / (right - left))
        self.left = left
        crop = image.copy(
            int(left * RENDER_SCALE), 0, int((right - left) * RENDER_SCALE), image.height()
        )
        pixmap = QPixmap.fromImage(
            crop.scaledToWidth(
                int((right - left) * self.scale), Qt.TransformationMode.SmoothTransformation
            )
        )
        painter = QPainter(pixmap)
        for key in others:
            other = self.origin.place_of(key)
            if other is not None and other.page == number and key != current:
                painter.fillRect(self._rect(other.box), _alpha(OTHERS, 90))
        if place is not None:
            painter.fillRect(self._rect(place.box), _alpha(CURRENT, 70))
            painter.setPen(QPen(CURRENT, 2.5))
            painter.drawRect(self._rect(place.box))
        painter.end()
        self.image.setPixmap(pixmap)
        self.shown_page = number
        total = len(self.pages)
        where = "" if place is not None or current is None else "（原文中未找到此单元格的位置）"
        self.page_label.setText(
            f"{self.origin.path.name}　第 {number + 1} 页，共 {total} 页{where}"
        )
        if place is not None:
            # After the layout has settled (a dock just shown has no size yet).
            QTimer.singleShot(0, lambda: self._scroll_to(place))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.pages is not None and self.shown_page is not None:
            # Once the scroll area inside has its new size too.
            QTimer.singleShot(0, self._redraw)
        elif self._last[0] is not None:
            # Wrapped text moves with the width: the cell back in the middle once laid out.
            QTimer.singleShot(0, self.text_view.centerCursor)

    def _redraw(self) -> None:
        if self.pages is not None:
            self._show_on_page(*self._last)

    def _rect(self, box: tuple[float, float, float, float]) -> QRectF:
        """A box in page points as pixels of the page as shown."""
        return _rect(box, self.scale).translated(-self.left * self.scale, 0)

    def _printed_width(self, page: int, page_width: float) -> tuple[float, float]:
        """Points from the left where the page's text begins and ends (its margins cut off)."""
        boxes = [p.box for p in self.origin.lines if p is not None and p.page == page]
        if not boxes:
            return 0.0, page_width
        left = max(0.0, min(b[0] for b in boxes) - 3 * MARGIN)
        right = min(page_width, max(b[2] for b in boxes) + 3 * MARGIN)
        return (left, right) if right - left > 50 else (0.0, page_width)

    def _scroll_to(self, place: PagePlace) -> None:
        rect = self._rect(place.box)
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

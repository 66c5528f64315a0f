"""Column widths and row heights of a grid, fitted to the width the window gives it.

On an office screen of 1024 or 1366 pixels every column of 表三 and 表四 must be in sight without
scrolling sideways: the label columns give way first (their text wraps onto more lines), then the
number columns down to what five digits need. Widths are in units of the font's CJK character,
so a larger font or a 150 % scale keeps the same proportions.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTableView

from editor.domain.forms import TableShape
from editor.domain.layout import CellRole, TableLayout

Span = tuple[float, float]  # (least, preferred) width in characters


@dataclass(frozen=True)
class Widths:
    labels: tuple[Span, ...]  # one per label column
    value: Span  # every number column


SHAPE_WIDTHS: dict[TableShape, Widths] = {
    # 表三: the group, the sub-group, the item; seven number columns.
    TableShape.GRID: Widths(((2.5, 4.5), (4.5, 7.5), (9.0, 24.0)), (4.6, 6.5)),
    # 表二: the item and three number columns (some merged across all three).
    TableShape.BLOCKS: Widths(((7.0, 14.0),), (7.0, 12.0)),
    # 表四: fifteen number columns under a deep header.
    TableShape.STRIP: Widths((), (4.2, 5.5)),
}

CELL_PADDING = 10  # pixels around a cell's text, as the style draws it


GROWTH = 1.35  # on a wide screen, columns grow up to this much beyond their preferred width


def column_widths(widths: Widths, value_columns: int, available: int, char: int) -> list[int]:
    """Pixel widths, labels first: preferred if they fit, grown evenly (to GROWTH) on a wide
    screen, else shrunk evenly towards the least, never below it (then the grid scrolls
    sideways, the only way left)."""
    spans = [*widths.labels, *([widths.value] * value_columns)]
    least = [s[0] * char for s in spans]
    preferred = [s[1] * char for s in spans]
    spare = sum(preferred) - sum(least)
    if available >= sum(preferred):
        grow = min(available / sum(preferred), GROWTH)
        chosen = [w * grow for w in preferred]
    elif spare <= 0:
        chosen = preferred
    elif available <= sum(least):
        chosen = least
    else:
        share = (available - sum(least)) / spare
        chosen = [lo + share * (hi - lo) for lo, hi in zip(least, preferred, strict=True)]
    return [int(w) for w in chosen]


def available_width(view: QTableView) -> int:
    """The width the columns may take: inside the frame, room kept for a vertical scrollbar (so
    the scrollbar coming and going never changes the widths back and forth)."""
    return view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()


def fit_columns_to(view: QTableView, layout: TableLayout, widths: Widths) -> None:
    char = max(view.fontMetrics().horizontalAdvance("中"), 8)
    values = layout.column_count - layout.label_column_count
    chosen = column_widths(widths, values, available_width(view), char)
    for column, width in enumerate(chosen):
        if view.columnWidth(column) != width:
            view.setColumnWidth(column, width)


def fit_rows(view: QTableView, layout: TableLayout, lines: int = 1) -> None:
    """Row heights that show every wrapped label whole (merged cells share their rows' height);
    at least `lines` lines of text (2 when last year's values are shown under this year's)."""
    metrics = view.fontMetrics()
    one_line = metrics.height() + CELL_PADDING
    # Only rows with numbers need the second line; header rows keep their own height.
    numbers = {c.row for c in layout.cells if c.role is CellRole.VALUE}
    heights = [
        metrics.height() * lines + CELL_PADDING if row in numbers else one_line
        for row in range(layout.row_count)
    ]
    flags = int(Qt.TextFlag.TextWordWrap)
    for cell in layout.cells:
        if cell.row_span != 1 or not cell.text:
            continue
        width = sum(view.columnWidth(c) for c in range(cell.column, cell.column + cell.column_span))
        needed = metrics.boundingRect(
            QRect(0, 0, max(width - CELL_PADDING, 20), 10_000), flags, cell.text
        )
        heights[cell.row] = max(heights[cell.row], needed.height() + CELL_PADDING)
    for row, height in enumerate(heights):
        if view.rowHeight(row) != height:
            view.setRowHeight(row, height)

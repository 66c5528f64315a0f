"""Looks of the exported workbook: fonts, borders, column widths and row heights fitted to text.

openpyxl cannot measure text, so widths are estimated: a CJK character at 10.5 pt is about two
Excel width units, a Latin one about one. Rows are given explicit heights because neither Excel
nor WPS grows a row for wrapped text in a merged cell.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle

from editor.domain.layout import CellRole, TableLayout

# 仿宋/宋体/黑体 are on every Chinese office PC; elsewhere Excel/WPS substitute a CJK face.
BODY_FONT = "宋体"
PROSE_FONT = "仿宋"
TITLE_FONT = "黑体"
TABLE_SIZE = 10.5
LINE_POINTS = 14.0  # one line of 10.5 pt text, with leading
PAD_POINTS = 4.0
MAX_ROW_POINTS = 409.0  # Excel's limit

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

TITLE = Font(name=TITLE_FONT, size=14)
NOTE = Font(name=BODY_FONT, size=9, color="555555")
HEADER = Font(name=BODY_FONT, size=TABLE_SIZE, bold=True)
CELL = Font(name=BODY_FONT, size=TABLE_SIZE)
PROSE = Font(name=PROSE_FONT, size=12)
PROSE_HEADING = Font(name=TITLE_FONT, size=12)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)

ROLE_FONT = {
    CellRole.CORNER: CELL,
    CellRole.HEADER: HEADER,
    CellRole.BLOCK_HEADING: HEADER,
    CellRole.LABEL: CELL,
    CellRole.VALUE: CELL,
    CellRole.EMPTY: CELL,
}
ROLE_ALIGNMENT = {
    CellRole.CORNER: LEFT,
    CellRole.HEADER: CENTER,
    CellRole.BLOCK_HEADING: CENTER,
    CellRole.LABEL: LEFT,
    CellRole.VALUE: CENTER,
    CellRole.EMPTY: CENTER,
}

# What a broken total looks like in Excel/WPS (a formula-based conditional format).
BROKEN = DifferentialStyle(
    font=Font(color="C00000", bold=True),
    fill=PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid"),
)

VALUE_WIDTH = 8.0  # fits a seven-digit number
LABEL_MIN_WIDTH = 8.0
LABEL_MAX_WIDTH = 30.0
HEADER_MAX_WIDTH = 10.0  # longer headers wrap to two lines, as printed
_CELL_PADDING = 1.5


def text_units(text: str) -> float:
    """Estimated width of one line of `text` in Excel column-width units."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def line_count(text: str, width: float) -> int:
    """Lines `text` wraps to in a cell `width` units wide."""
    usable = max(width - _CELL_PADDING, 1.0)
    return sum(max(1, math.ceil(text_units(part) / usable)) for part in text.split("\n"))


def column_widths(layout: TableLayout) -> list[float]:
    """Widths so that every label reads in a few lines and every number fits."""
    widths = [
        LABEL_MIN_WIDTH if j < layout.label_column_count else VALUE_WIDTH
        for j in range(layout.column_count)
    ]
    for cell in layout.cells:
        if cell.column_span != 1 or not cell.text:
            continue
        cap = HEADER_MAX_WIDTH if cell.role is CellRole.HEADER else LABEL_MAX_WIDTH
        # A cell several rows tall may wrap into that many lines without growing the rows.
        need = text_units(cell.text) / cell.row_span + _CELL_PADDING
        widths[cell.column] = max(widths[cell.column], min(need, cap))
    for cell in layout.cells:
        if cell.column_span == 1 or not cell.text:
            continue
        span = range(cell.column, cell.column + cell.column_span)
        need = min(text_units(cell.text) + _CELL_PADDING, LABEL_MAX_WIDTH)
        have = sum(widths[j] for j in span)
        if have < need:
            widths[span[-1]] += need - have
    return widths


def row_heights(layout: TableLayout, widths: list[float]) -> list[float]:
    """Heights in points so that wrapped labels, merged or not, show every line."""
    heights = [LINE_POINTS + PAD_POINTS] * layout.row_count
    spanning = []
    for cell in layout.cells:
        if not cell.text:
            continue
        width = sum(widths[cell.column : cell.column + cell.column_span])
        need = line_count(cell.text, width) * LINE_POINTS + PAD_POINTS
        if cell.row_span == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanning.append((cell.row, cell.row_span, need))
    for row, span, need in spanning:
        have = sum(heights[row : row + span])
        if have < need:
            heights[row + span - 1] += need - have
    return [min(h, MAX_ROW_POINTS) for h in heights]

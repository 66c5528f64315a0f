"""How an official table is set on paper, whatever writes it: type size, column widths,
alignment, the text of each cell, and where a page may end inside the table.

The PDF, the Word document and the web page all take their tables from `table_layout()` and
these rules, so the three look alike and no exporter decides a width or a merge of its own.
"""

from __future__ import annotations

import re

from editor.domain.forms import TableShape
from editor.domain.layout import CellRole, LayoutCell, TableLayout
from editor.domain.model import Report
from editor.domain.values import format_value

# Smaller type where the columns are many (spec §6: 小4号 12 pt or 5号 10.5 pt).
TYPE_SIZE = {TableShape.BLOCKS: 12.0, TableShape.GRID: 10.5, TableShape.STRIP: 10.5}
CELL_PADDING = 2.5  # points, each side
TEXT_WIDTH_PT = 156 / 25.4 * 72  # the GB/T 9704 text block, 156 mm (spec §6)

# "（三）不予公开": the enumerator of a stacked group name goes on a line of its own.
_ENUMERATOR = re.compile(r"^（[一二三四五六七八九十]+）")


def type_size(layout: TableLayout) -> float:
    return TYPE_SIZE[layout.table.shape]


def column_widths(
    layout: TableLayout, text_width: float, padding: float = CELL_PADDING
) -> list[float]:
    """Widths (in the unit of `text_width`) that fill the text block.

    Data columns share what the label columns leave. Outer label columns of 表三 only hold group
    names ("三、本年度办理结果") that can stack two or three characters a line, so they stay narrow
    and the innermost label column takes the rest.
    """
    size = type_size(layout)
    labels = layout.label_column_count
    data = layout.column_count - labels
    pad = 2 * padding
    if layout.table.shape is TableShape.BLOCKS:
        label_width = text_width * 0.31
        return [label_width] + [(text_width - label_width) / data] * data
    if labels == 0:
        return [text_width / data] * data
    data_width = max(3 * size, 6 * size * 0.55) + pad + 1  # 3 characters, or a 6-digit number
    # Group names span many rows, so they stack: two characters a line for the outermost
    # ("三、" must not break), four for the next, whose "（三）" takes a line of its own.
    outer = [(2 if i == 0 else 4) * size + pad + 1 for i in range(labels - 1)]
    inner = text_width - data * data_width - sum(outer)
    return [*outer, inner, *([data_width] * data)]


def column_shares(layout: TableLayout) -> list[float]:
    """The columns' shares of the table's width (summing to 1), as on paper: for a page whose
    width is not the paper's."""
    widths = column_widths(layout, TEXT_WIDTH_PT)
    return [w / TEXT_WIDTH_PT for w in widths]


def alignment(layout: TableLayout, cell: LayoutCell, *, numbers: str = "centre") -> str:
    """ "left", "centre" or "right": leaf labels of 表三 read as text, group names and headings
    are centred in their span, values take `numbers` (the PDF centres them, Word and the web page
    right-align them so that digits line up)."""
    if cell.role is CellRole.VALUE:
        return numbers
    if cell.role is CellRole.LABEL and layout.table.shape is TableShape.GRID and cell.row_span == 1:
        return "left"
    return "centre"


def cell_text(report: Report, cell: LayoutCell) -> str:
    """What the cell shows: the formatted value, or the label or heading of the form."""
    if cell.role is CellRole.VALUE and cell.ref is not None:
        return format_value(report.get(cell.ref))
    return cell.text


def cell_lines(report: Report, cell: LayoutCell) -> list[str]:
    """The cell's text as lines: a stacked group name ("（三）" / "不予公开") in a narrow label
    column gets its enumerator on a line of its own; everything else is one line."""
    text = cell_text(report, cell)
    if cell.role is CellRole.LABEL and cell.row_span > 1 and cell.column > 0:
        m = _ENUMERATOR.match(text)
        if m and m.end() < len(text):
            return [m.group(0), text[m.end() :]]
    return [text]


def row_role(layout: TableLayout, row: int) -> CellRole | None:
    cell = layout.anchor_at(row, 0) or layout.cell_at(row, 0)
    return cell.role if cell else None


def is_blocks(layout: TableLayout) -> bool:
    return any(c.role is CellRole.BLOCK_HEADING for c in layout.cells)


def page_may_end_before(layout: TableLayout, row: int, *, blocks: bool | None = None) -> bool:
    """Whether a page may end right before layout row `row` (0 < row < row_count): between
    表二's blocks only; elsewhere anywhere but right after a header row."""
    if blocks if blocks is not None else is_blocks(layout):
        return row_role(layout, row) is CellRole.BLOCK_HEADING
    return row_role(layout, row - 1) not in (CellRole.HEADER, CellRole.CORNER)


def rows_kept_with_next(layout: TableLayout) -> list[int]:
    """The rows after which a page must not end (for writers that mark rows, not cut tables)."""
    blocks = is_blocks(layout)
    return [
        r
        for r in range(layout.row_count - 1)
        if not page_may_end_before(layout, r + 1, blocks=blocks)
    ]

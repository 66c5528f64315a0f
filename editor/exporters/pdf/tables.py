"""The statistical tables as reportlab Tables, drawn from `table_layout()` with its merged cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from editor.domain.forms import TableDef, TableShape
from editor.domain.layout import CellRole, LayoutCell, TableLayout, table_layout
from editor.domain.model import Report
from editor.domain.values import format_value
from editor.exporters.fonts import FontRole
from editor.exporters.pdf.styles import PAGE_HEIGHT, TEXT_WIDTH, Styles

# Smaller type where the columns are many (spec §6: 小4号 12 pt or 5号 10.5 pt).
_TYPE_SIZE = {TableShape.BLOCKS: 12.0, TableShape.GRID: 10.5, TableShape.STRIP: 10.5}
_PADDING = 2.5


def _column_widths(layout: TableLayout, size: float) -> list[float]:
    """Widths that fill the text block.

    Data columns share what the label columns leave. Outer label columns of 表三 only hold group
    names ("三、本年度办理结果") that can stack two or three characters a line, so they stay narrow
    and the innermost label column takes the rest.
    """
    labels = layout.label_column_count
    data = layout.column_count - labels
    pad = 2 * _PADDING
    if layout.table.shape is TableShape.BLOCKS:
        label_width = TEXT_WIDTH * 0.31
        return [label_width] + [(TEXT_WIDTH - label_width) / data] * data
    if labels == 0:
        return [TEXT_WIDTH / data] * data
    data_width = max(3 * size, 6 * size * 0.55) + pad + 1  # 3 characters, or a 6-digit number
    # Group names span many rows, so they stack: two characters a line for the outermost
    # ("三、" must not break), four for the next, whose "（三）" takes a line of its own.
    outer = [(2 if i == 0 else 4) * size + pad + 1 for i in range(labels - 1)]
    inner = TEXT_WIDTH - data * data_width - sum(outer)
    return [*outer, inner, *([data_width] * data)]


def _align(layout: TableLayout, cell: LayoutCell) -> str:
    if cell.role is CellRole.LABEL and layout.table.shape is TableShape.GRID and cell.row_span == 1:
        return "left"  # leaf labels read as text; group names are centred in their span
    return "centre"


_ENUMERATOR = re.compile(r"^（[一二三四五六七八九十]+）")


def _markup(report: Report, cell: LayoutCell) -> str:
    if cell.role is CellRole.VALUE and cell.ref is not None:
        return escape(format_value(report.get(cell.ref)))
    text = escape(cell.text)
    if cell.role is CellRole.LABEL and cell.row_span > 1 and cell.column > 0:
        # A stacked group name: "（三）" on its own line, then "不予公开".
        text = _ENUMERATOR.sub(lambda m: m.group(0) + "<br/>", text)
    return text


@dataclass(frozen=True)
class _TableBuilder:
    """Builds the reportlab Table for the header rows plus a slice of the body rows."""

    report: Report
    layout: TableLayout
    styles: Styles

    @cached_property
    def size(self) -> float:
        return _TYPE_SIZE[self.layout.table.shape]

    @cached_property
    def widths(self) -> list[float]:
        return _column_widths(self.layout, self.size)

    @cached_property
    def cell_styles(self) -> dict[str, ParagraphStyle]:
        return {a: self.styles.table_cell(self.size, a) for a in ("centre", "left")}

    @cached_property
    def has_blocks(self) -> bool:
        return any(c.role is CellRole.BLOCK_HEADING for c in self.layout.cells)

    def row_role(self, row: int) -> CellRole | None:
        cell = self.layout.anchor_at(row, 0) or self.layout.cell_at(row, 0)
        return cell.role if cell else None

    def build(self, start: int, end: int) -> Table:
        """Header rows, then layout rows [start, end); a merged group cut by the slice is clipped
        to it and keeps its text, so "三、本年度办理结果" shows on both sides of a page break."""
        layout, head = self.layout, self.layout.header_row_count
        kept = [*range(head), *range(start, end)]
        new_row = {r: i for i, r in enumerate(kept)}
        grid: list[list[object]] = [[""] * layout.column_count for _ in kept]
        commands: list[Any] = [  # reportlab's command tuples are too varied to type
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            # Empty cells are drawn as strings too; in reportlab's default Helvetica they would
            # add a font that is not embedded.
            ("FONTNAME", (0, 0), (-1, -1), self.styles.fonts[FontRole.BODY]),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), _PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PADDING + 1),
        ]
        for cell in layout.cells:
            rows = [new_row[r] for r in range(cell.row, cell.row + cell.row_span) if r in new_row]
            if not rows:
                continue
            markup = _markup(self.report, cell)
            grid[rows[0]][cell.column] = Paragraph(markup, self.cell_styles[_align(layout, cell)])
            if len(rows) > 1 or cell.column_span > 1:
                end_cell = (cell.column + cell.column_span - 1, rows[-1])
                commands.append(("SPAN", (cell.column, rows[0]), end_cell))
        return Table(grid, colWidths=self.widths, style=TableStyle(commands), hAlign="CENTER")


class OfficialTable(Flowable):
    """One official table that may break between any two body rows, repeating its header rows.

    reportlab's own Table refuses to break inside a row span, and 表三's "三、本年度办理结果"
    spans 22 of its 25 rows, so the table is cut here from the layout instead.
    """

    def __init__(self, builder: _TableBuilder, start: int, end: int) -> None:
        super().__init__()
        self.builder, self.start, self.end = builder, start, end
        self.table = builder.build(start, end)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(aW, aH)
        return self.width, self.height

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)

    def _can_end_before(self, row: int) -> bool:
        """Where a page may end: between 表二's blocks only; elsewhere not after a header row."""
        if self.builder.has_blocks:
            return self.builder.row_role(row) is CellRole.BLOCK_HEADING
        return self.builder.row_role(row - 1) not in (CellRole.HEADER, CellRole.CORNER)

    def min_height(self, aW: float, rows: int = 2) -> float:
        """The height of the header and the first few rows: less than this left on a page, the
        table (and its heading) had better start on the next one."""
        end = min(self.start + rows, self.end)
        if self.builder.has_blocks:
            end = self.end  # 表二 is short; its first block alone would look lost
        return OfficialTable(self.builder, self.start, end).wrap(aW, PAGE_HEIGHT)[1]

    def split(self, aW: float, aH: float) -> list[Flowable]:
        # Leave at least two rows for the next page: a lone row under repeated headers looks lost.
        last_cut = self.end - 2 if self.end - self.start > 3 else self.end - 1
        # Start from what this piece's own row heights say fits, then check the real slice
        # (its merged cells are clipped, so its heights can differ slightly).
        self.wrap(aW, aH)  # reportlab caches the layout: cheap when already wrapped
        heights: list[float | None] = getattr(self.table, "_rowHeights", [])
        head = self.builder.layout.header_row_count
        used: float = sum(h or 0.0 for h in heights[:head])
        fits = self.start
        for i, h in enumerate(heights[head:]):
            used += h or 0
            if used > aH:
                break
            fits = self.start + i + 1
        for cut in range(min(last_cut, fits + 1), self.start, -1):
            if not self._can_end_before(cut):
                continue
            first = OfficialTable(self.builder, self.start, cut)
            if first.wrap(aW, aH)[1] <= aH:
                return [first, OfficialTable(self.builder, cut, self.end)]
        return []


def build_table(report: Report, table: TableDef, styles: Styles) -> OfficialTable:
    """One official table with its values; header rows repeat when it crosses a page."""
    layout = table_layout(table)
    return OfficialTable(
        _TableBuilder(report, layout, styles), layout.header_row_count, layout.row_count
    )

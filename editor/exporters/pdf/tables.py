"""The statistical tables as reportlab Tables, drawn from `table_layout()` with its merged cells."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from editor.domain.forms import TableDef
from editor.domain.layout import CellRole, LayoutCell, TableLayout, table_layout
from editor.domain.model import Report
from editor.exporters.fonts import FontRole
from editor.exporters.pdf.styles import PAGE_HEIGHT, TEXT_WIDTH, Styles
from editor.exporters.table_geometry import (
    CELL_PADDING,
    alignment,
    cell_lines,
    column_widths,
    is_blocks,
    page_may_end_before,
    row_role,
    type_size,
)


def _markup(report: Report, cell: LayoutCell) -> str:
    # A stacked group name: "（三）" on its own line, then "不予公开".
    return "<br/>".join(escape(line) for line in cell_lines(report, cell))


@dataclass(frozen=True)
class _TableBuilder:
    """Builds the reportlab Table for the header rows plus a slice of the body rows."""

    report: Report
    layout: TableLayout
    styles: Styles

    @cached_property
    def size(self) -> float:
        return type_size(self.layout)

    @cached_property
    def widths(self) -> list[float]:
        return column_widths(self.layout, TEXT_WIDTH)

    @cached_property
    def cell_styles(self) -> dict[str, ParagraphStyle]:
        return {a: self.styles.table_cell(self.size, a) for a in ("centre", "left")}

    @cached_property
    def has_blocks(self) -> bool:
        return is_blocks(self.layout)

    def row_role(self, row: int) -> CellRole | None:
        return row_role(self.layout, row)

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
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ]
        for cell in layout.cells:
            rows = [new_row[r] for r in range(cell.row, cell.row + cell.row_span) if r in new_row]
            if not rows:
                continue
            markup = _markup(self.report, cell)
            grid[rows[0]][cell.column] = Paragraph(
                markup, self.cell_styles[alignment(layout, cell)]
            )
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
        return page_may_end_before(self.builder.layout, row)

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

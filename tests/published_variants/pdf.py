"""A published PDF drawn with reportlab: with ruling lines or without, labels wrapped or not,
表三 broken across a page (its header repeated), page numbers "— N —", a slanted watermark."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph

from editor.domain.forms import TableShape
from editor.domain.layout import CellRole
from editor.exporters.fonts import bundled_face, font_name, load_font
from tests.published_variants.document import Closing, Document, Heading, Paragraph, TableBlock
from tests.published_variants.grid import Grid, GridCell

MARGIN = 25 * mm
WIDTH = A4[0] - 2 * MARGIN


def _font() -> str:
    face = bundled_face()
    load_font(face)
    return font_name(face)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER),
        "heading": ParagraphStyle("h", fontName=font, fontSize=14, leading=22, spaceBefore=6),
        "body": ParagraphStyle("b", fontName=font, fontSize=11, leading=18, firstLineIndent=22),
        "right": ParagraphStyle("r", fontName=font, fontSize=11, leading=18, alignment=TA_RIGHT),
        "cell": ParagraphStyle("c", fontName=font, fontSize=8, leading=9.5, alignment=TA_CENTER),
    }


def _label_widths(grid: Grid, narrow: bool) -> list[float]:
    if grid.table.shape is TableShape.GRID:
        return [34, 46, 84] if narrow else [40, 60, 140]
    if grid.table.shape is TableShape.BLOCKS:
        return [60] if narrow else [110]
    return []


def _table(grid: Grid, styles: dict[str, ParagraphStyle], *, ruled: bool, narrow: bool) -> Table:
    labels = _label_widths(grid, narrow)
    rest = (WIDTH - sum(labels)) / (grid.columns - len(labels))
    widths = labels + [rest] * (grid.columns - len(labels))
    data: list[list[Any]] = [[""] * grid.columns for _ in range(grid.rows)]
    # Numbers never overflow their cells (as a careful office's table): a smaller size if needed.
    font = styles["cell"].fontName
    widest = max(
        (stringWidth(c.text, font, 8) for c in grid.cells if c.role is CellRole.VALUE),
        default=0.0,
    )
    size = min(8.0, 8.0 * (rest - 6) / widest) if widest else 8.0
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]
    for cell in grid.cells:
        # Numbers as plain strings (never wrapped); words as paragraphs (wrapped to the cell).
        if cell.role is CellRole.VALUE or cell.text == "/":
            data[cell.row][cell.column] = cell.text
        else:
            data[cell.row][cell.column] = PdfParagraph(cell.text, styles["cell"])
        if cell.row_span > 1 or cell.column_span > 1:
            end = (cell.column + cell.column_span - 1, cell.row + cell.row_span - 1)
            commands.append(("SPAN", (cell.column, cell.row), end))
    if ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    return Table(data, colWidths=widths, repeatRows=grid.header_rows, style=TableStyle(commands))


def _page_number(canvas: Any, doc: Any) -> None:
    canvas.saveState()
    canvas.setFont(_font(), 10)
    canvas.drawCentredString(A4[0] / 2, 15 * mm, f"— {doc.page} —")
    canvas.restoreState()


@dataclass(frozen=True)
class Watermark:
    """A faint slanted mark over each page (草稿, 样稿, a portal's or an office's stamp), as
    WPS, Word and the portals draw them: the text repeated in a lattice, drawn over the text."""

    text: str
    angle: float = 45.0  # degrees, counter-clockwise; never a multiple of 90
    size: float = 40.0
    tiles: int = 1  # copies per side of the lattice (1: one mark in the middle)


def _watermarker(mark: Watermark) -> Callable[[Any, Any], None]:
    def draw(canvas: Any, doc: Any) -> None:
        _page_number(canvas, doc)
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.6, 0.6, 0.6))
        canvas.setFillAlpha(0.25)
        canvas.setFont(_font(), mark.size)
        for i in range(mark.tiles):
            for j in range(mark.tiles):
                canvas.saveState()
                canvas.translate(A4[0] * (i + 0.5) / mark.tiles, A4[1] * (j + 0.5) / mark.tiles)
                canvas.rotate(mark.angle)
                canvas.drawCentredString(0, 0, mark.text)
                canvas.restoreState()
        canvas.restoreState()

    return draw


def split_grid(grid: Grid, at: int) -> list[Grid]:
    """The grid as two tables, rows [0, at) and the header rows plus rows [at, end): a table
    broken across a page, a label spanning the break printed on the first part only."""
    head = [c for c in grid.cells if c.row < grid.header_rows]
    first: list[GridCell] = []
    second: list[GridCell] = list(head)
    offset = at - grid.header_rows
    for c in grid.cells:
        if c.row < grid.header_rows:
            first.append(c)
            continue
        end = c.row + c.row_span
        if c.row < at:
            span = min(end, at) - c.row
            first.append(GridCell(c.row, c.column, span, c.column_span, c.text, c.role, c.ref))
            if end > at:  # the rest of a label spanning the break: an empty cell
                rest = end - at
                second.append(GridCell(grid.header_rows, c.column, rest, c.column_span, "", c.role))
        else:
            second.append(
                GridCell(c.row - offset, c.column, c.row_span, c.column_span, c.text, c.role, c.ref)
            )
    return [
        Grid(grid.table, at, grid.columns, grid.header_rows, first),
        Grid(grid.table, grid.rows - offset, grid.columns, grid.header_rows, second),
    ]


def render_pdf(
    document: Document,
    path: Path,
    *,
    ruled: bool,
    narrow: bool,
    broken: bool = False,
    watermark: Watermark | None = None,
    running: tuple[str, str] = ("", ""),
) -> None:
    """`running`: a header and a footer line printed in the margins of every page (页眉/页脚)."""
    styles = _styles(_font())
    story: list[Flowable] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            story.append(
                PdfParagraph(block.text, styles["title" if block.level == 0 else "heading"])
            )
        elif isinstance(block, Paragraph):
            story.append(PdfParagraph(block.text, styles["body"]))
        elif isinstance(block, TableBlock):
            parts = [block.grid]
            if broken and block.grid.table.shape is TableShape.GRID:
                parts = split_grid(block.grid, block.grid.header_rows + block.grid.rows // 3)
            for i, part in enumerate(parts):
                if i:
                    story.append(PageBreak())
                story += [Spacer(1, 4), _table(part, styles, ruled=ruled, narrow=narrow)]
        elif isinstance(block, Closing):
            story += [Spacer(1, 18)]
            story += [PdfParagraph(t, styles["right"]) for t in (block.signer, block.date) if t]
    pdf = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    marks = _watermarker(watermark) if watermark else _page_number

    def on_page(canvas: Any, doc: Any) -> None:
        marks(canvas, doc)
        header, footer = running
        canvas.saveState()
        canvas.setFont(_font(), 9)
        if header:
            canvas.drawRightString(A4[0] - MARGIN, A4[1] - MARGIN + 8 * mm, header)
        if footer:
            canvas.drawString(MARGIN, 9 * mm, footer)
        canvas.restoreState()

    pdf.build(story, onFirstPage=on_page, onLaterPages=on_page)

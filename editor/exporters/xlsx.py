"""Excel export: one sheet per statistical table in the official layout, one comparing with last
year (when its values are known), one for meta and prose.

Values are written as values (openpyxl computes no formulas); the checks travel as formula-based
conditional formats, so a total broken later in Excel or WPS turns red there too.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from editor.domain.atomic_write import write_atomic
from editor.domain.errors import UserError
from editor.domain.forms import CellRef, TableDef
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.exporters import xlsx_style as style
from editor.exporters.writing import writing
from editor.exporters.xlsx_comparison import write_comparison_sheet
from editor.exporters.xlsx_marker import (
    FORMAT_ID,
    MARKER_EXTRAS_ROW,
    MARKER_FORMAT_ROW,
    MARKER_SHEET,
    MARKER_VERSION,
    MARKER_VERSION_ROW,
    meta_name,
    prose_name,
    value_name,
)

TABLE_TOP = 3  # row 1: the section title, row 2: organ and year, then the table
PROSE_SHEET = "基本信息和正文"
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_LANDSCAPE_FROM = 125.0  # wider tables (in width units) print across the page (表四)


def export_xlsx(report: Report, path: Path, progress: Progress | None = None) -> None:
    """Writes `report` as an .xlsx workbook at `path` (atomically: all or nothing)."""
    progress = progress or no_progress
    wb = Workbook()
    default = wb.active
    if default is not None:
        wb.remove(default)
    tables = report.form.tables
    for i, table in enumerate(tables):
        progress(i / (len(tables) + 2), f"正在写入{table.number}")
        _write_table_sheet(wb, report, table)
    write_comparison_sheet(wb, report)  # when last year's values are known
    progress(len(tables) / (len(tables) + 2), "正在写入正文")
    _write_prose_sheet(wb, report)
    _write_marker_sheet(wb, report)
    wb.properties.title = report.title
    wb.properties.creator = "年报编辑器"
    buffer = io.BytesIO()
    with writing(Path(path)):  # openpyxl writes each sheet to a temporary file first
        wb.save(buffer)
    write_atomic(Path(path), buffer.getvalue())  # WriteFileError in Chinese on failure
    progress(1.0, "导出完成")


def sheet_title(table: TableDef, report: Report) -> str:
    """ "表三 收到和处理政府信息公开申请情况": the number, and the section title without "三、"."""
    section = report.form.section_by_key[table.section].title
    return f"{table.number} {section.split('、', 1)[-1]}"[:31]


def _put_text(cell: Cell | MergedCell, text: str) -> None:
    """A string cell, whatever the text starts with ("=" would otherwise make a formula)."""
    cleaned = excel_text(text)
    if len(cleaned) > MAX_CELL_TEXT:
        raise UserError(f"有一段文字超过 {MAX_CELL_TEXT} 字（Excel 单元格的上限），无法导出。")
    cell.value = cleaned
    cell.data_type = "s"


def excel_text(text: str) -> str:
    """Text a cell can hold: Word's line and page breaks become newlines, other controls go."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL.sub("", text.replace("\x0c", "\n"))


def _name(wb: Workbook, name: str, ws: Worksheet, first: str, last: str | None = None) -> None:
    target = f"{quote_sheetname(ws.title)}!{_absolute(first)}"
    if last is not None and last != first:
        target += f":{_absolute(last)}"
    wb.defined_names[name] = DefinedName(name, attr_text=target, hidden=True)


def _absolute(coordinate: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
    assert m is not None
    return f"${m[1]}${m[2]}"


def _write_table_sheet(wb: Workbook, report: Report, table: TableDef) -> None:
    layout = table_layout(table)
    ws = wb.create_sheet(sheet_title(table, report))
    width = layout.column_count
    section = report.form.section_by_key[table.section].title
    _title_row(ws, 1, width, section, style.TITLE)
    organ = f"填报机关：{report.meta.organ}　　" if report.meta.organ else ""
    _title_row(ws, 2, width, f"{organ}报告年度：{report.meta.year}年", style.NOTE)

    for cell in layout.cells:
        top, left = TABLE_TOP + cell.row, 1 + cell.column
        bottom, right = top + cell.row_span - 1, left + cell.column_span - 1
        if bottom > top or right > left:
            ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        # Borders on every cell of a merged range, or Excel draws only the anchor's.
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                ws.cell(row=r, column=c).border = style.BORDER
        anchor = ws.cell(row=top, column=left)
        anchor.font = style.ROLE_FONT[cell.role]
        anchor.alignment = style.ROLE_ALIGNMENT[cell.role]
        if cell.role is CellRole.VALUE and cell.ref is not None:
            anchor.value = report.get(cell.ref)
            anchor.number_format = "General"
            _name(wb, value_name(cell.ref), ws, anchor.coordinate)
        elif cell.text:
            _put_text(anchor, cell.text)

    widths = style.column_widths(layout)
    for j, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = round(w, 1)
    for i, h in enumerate(style.row_heights(layout, widths)):
        ws.row_dimensions[TABLE_TOP + i].height = round(h, 1)
    ws.row_dimensions[1].height = 24

    last_row = TABLE_TOP + layout.row_count - 1
    if _add_checks(ws, table):
        note = (
            "注：底纹变红的单元格与其明细之和或勾稽关系不符"
            "（在 Excel、WPS 中修改数字后自动重新判断）。"
        )
        _title_row(ws, last_row + 1, width, note, style.NOTE)
        ws.row_dimensions[last_row + 1].height = 2 * style.LINE_POINTS
    _page_setup(ws, sum(widths), last_row, width, layout.header_row_count)
    if layout.header_row_count:
        ws.freeze_panes = ws.cell(
            row=TABLE_TOP + layout.header_row_count, column=1 + layout.label_column_count
        )


def _title_row(ws: Worksheet, row: int, width: int, text: str, font: Font) -> None:
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    cell = ws.cell(row=row, column=1)
    _put_text(cell, text)
    cell.font = font
    cell.alignment = style.CENTER if font is style.TITLE else style.LEFT


def _add_checks(ws: Worksheet, table: TableDef) -> bool:
    """Conditional formats that turn a broken total or balance red in Excel and WPS."""
    layout = table_layout(table)

    def at(ref: CellRef) -> str:
        r, c = layout.position_of(ref)
        return f"{get_column_letter(c + 1)}{TABLE_TOP + r}"

    def total(refs: tuple[CellRef, ...]) -> str:
        return f"SUM({','.join(at(r) for r in refs)})"

    for s in table.sums:
        # Blank is not 0, but a blank total with non-blank parts is broken all the same.
        formula = f"ROUND({total(s.parts)}-SUM({at(s.total)}),6)<>0"
        _red_when(ws, at(s.total), formula)
    for b in table.balances:
        formula = f"ROUND({total(b.left)}-{total(b.right)},6)<>0"
        for ref in (*b.left, *b.right):
            _red_when(ws, at(ref), formula)
    return bool(table.sums or table.balances)


def _red_when(ws: Worksheet, coordinate: str, formula: str) -> None:
    rule = Rule(type="expression", dxf=style.BROKEN, formula=[formula], stopIfTrue=False)
    ws.conditional_formatting.add(coordinate, rule)


def _page_setup(ws: Worksheet, width_units: float, last_row: int, columns: int, heads: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    landscape = width_units > _LANDSCAPE_FROM
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_area = f"A1:{get_column_letter(columns)}{last_row + 1}"
    if heads:
        ws.print_title_rows = f"{TABLE_TOP}:{TABLE_TOP + heads - 1}"


def _write_prose_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet(PROSE_SHEET)
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 90
    _title_row(ws, 1, 2, report.title, style.TITLE)
    ws.row_dimensions[1].height = 30
    meta = report.meta
    form = report.form
    row = 2
    fields: list[tuple[str, str, list[str | int]]] = [
        ("organ", "机关名称", [meta.organ]),
        ("year", "报告年度", [meta.year]),
        ("", "表格格式", [f"{form.version.value} 年格式（{form.document}）"]),
        ("signer", "落款", [meta.signer]),
        ("date", "成文日期", [meta.date]),
        ("contact", "联系方式", list(meta.contact) or [""]),
    ]
    for key, heading, lines in fields:
        row = _labelled_rows(wb, ws, row, heading, lines, meta_name(key) if key else "", True)
    row += 1
    opening = form.opening
    row = _labelled_rows(
        wb, ws, row, "开头", report.prose.get(opening.key, "").split("\n"), prose_name(opening.key)
    )
    for section in form.sections:
        _title_row(ws, row, 2, section.title, style.PROSE_HEADING)
        ws.cell(row=row, column=1).alignment = style.LEFT
        ws.row_dimensions[row].height = 22
        row += 1
        for field in section.prose:
            paragraphs = report.prose.get(field.key, "").split("\n")
            row = _labelled_rows(wb, ws, row, field.heading, paragraphs, prose_name(field.key))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _labelled_rows(
    wb: Workbook,
    ws: Worksheet,
    row: int,
    heading: str,
    lines: list[str] | list[str | int],
    name: str,
    boxed: bool = False,
) -> int:
    """A heading in column A beside one row per line or paragraph in column B; the next row."""
    last = row + len(lines) - 1
    if last > row:
        ws.merge_cells(start_row=row, start_column=1, end_row=last, end_column=1)
    head = ws.cell(row=row, column=1)
    if heading:
        _put_text(head, heading)
    head.font = style.PROSE_HEADING if not boxed else style.HEADER
    head.alignment = style.TOP_LEFT
    for i, line in enumerate(lines):
        cell = ws.cell(row=row + i, column=2)
        if isinstance(line, int):
            cell.value = line
        elif line:
            _put_text(cell, line)
        cell.font = style.PROSE if not boxed else style.CELL
        cell.alignment = style.TOP_LEFT
        if boxed:
            cell.border = ws.cell(row=row + i, column=1).border = style.BORDER
        text = str(line)
        lines_needed = style.line_count(text, 90) if text else 1
        height = lines_needed * (style.LINE_POINTS * 1.15) + style.PAD_POINTS
        ws.row_dimensions[row + i].height = round(min(height, style.MAX_ROW_POINTS), 1)
    if name:
        _name(wb, name, ws, f"B{row}", f"B{last}")
    return last + 1


def _write_marker_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet(MARKER_SHEET)
    ws.sheet_state = "veryHidden"
    ws.cell(row=MARKER_FORMAT_ROW, column=1, value="format")
    ws.cell(row=MARKER_FORMAT_ROW, column=2, value=FORMAT_ID)
    ws.cell(row=MARKER_VERSION_ROW, column=1, value="version")
    ws.cell(row=MARKER_VERSION_ROW, column=2, value=MARKER_VERSION)
    extras = {
        "form_version": report.meta.form_version.value,
        "prose_keys": sorted(report.prose),
        "previous": report.previous,
        "previous_form": report.previous_form.value if report.previous_form else None,
        "draft_prose": report.draft_prose,
        "flagged_cells": report.flagged_cells,
        "previous_prose": report.previous_prose,
    }
    text = json.dumps(extras, ensure_ascii=False, separators=(",", ":"))
    ws.cell(row=MARKER_EXTRAS_ROW, column=1, value="extras")
    # Split across cells: one cell holds at most 32,767 characters.
    chunk = 30_000
    for i in range(0, max(len(text), 1), chunk):
        _put_text(ws.cell(row=MARKER_EXTRAS_ROW, column=2 + i // chunk), text[i : i + chunk])

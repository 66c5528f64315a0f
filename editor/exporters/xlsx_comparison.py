"""The workbook's 与上年对比 sheet: each table's figures this year and last year, and the change.

Written whenever last year's values are known. Plain values, not formulas: openpyxl computes no
formulas, and a previewer that does not either (mail, phone) would show empty cells. The sheet
says so, and an AutoFilter lets Excel and WPS sort and filter it.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from editor.domain.comparison import ComparisonLine, comparison_lines
from editor.domain.model import Report
from editor.exporters import xlsx_style as style

COMPARISON_SHEET = "与上年对比"
HEADERS = ("表格", "项目", "本年", "上年", "增减（件）", "增减（%）")
_WIDTHS = (8.0, 56.0, 10.0, 10.0, 11.0, 11.0)
_HEADER_ROW = 3  # rows 1–2: the title and a note


def write_comparison_sheet(wb: Workbook, report: Report) -> bool:
    """Adds the sheet when last year's values are known; says whether it did."""
    lines = comparison_lines(report)
    if not lines:
        return False
    ws = wb.create_sheet(COMPARISON_SHEET)
    last_column = get_column_letter(len(HEADERS))
    ws.merge_cells(f"A1:{last_column}1")
    ws["A1"] = f"{report.title}：与上年对比"
    ws["A1"].font = style.TITLE
    ws["A1"].alignment = style.CENTER
    ws.row_dimensions[1].height = 24
    ws.merge_cells(f"A2:{last_column}2")
    ws["A2"] = (
        f"本年为 {report.meta.year} 年数字，上年为 {report.meta.year - 1} 年报告的数字"
        "（导出时的数值；两年格式含义不同的单元格不作比较）。"
        "增减（%）以上年为基数，上年为 0 时不计。"
    )
    ws["A2"].font = style.NOTE
    ws["A2"].alignment = style.LEFT
    ws.row_dimensions[2].height = 2 * style.LINE_POINTS
    for j, (text, width) in enumerate(zip(HEADERS, _WIDTHS, strict=True), start=1):
        cell = ws.cell(row=_HEADER_ROW, column=j, value=text)
        cell.font = style.HEADER
        cell.alignment = style.CENTER
        cell.border = style.BORDER
        ws.column_dimensions[get_column_letter(j)].width = width
    for i, line in enumerate(lines, start=_HEADER_ROW + 1):
        _write_line(ws, i, line)
    last_row = _HEADER_ROW + len(lines)
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{last_column}{last_row}"
    ws.freeze_panes = ws.cell(row=_HEADER_ROW + 1, column=3)
    ws.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    return True


def _write_line(ws: Worksheet, row: int, line: ComparisonLine) -> None:
    percent = line.percent
    values: tuple[str | int | float | None, ...] = (
        line.table,
        line.item,
        line.this,
        line.last,
        line.change,
        None if percent is None else round(percent / 100, 4),
    )
    for j, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=j, value=value)
        cell.font = style.CELL
        cell.border = style.BORDER
        cell.alignment = style.LEFT if j <= 2 else style.CENTER
    ws.cell(row=row, column=6).number_format = "+0.0%;-0.0%;0.0%"
    # Counts as "+3"; amounts (万元) keep two decimals.
    whole = isinstance(line.change, int)
    ws.cell(row=row, column=5).number_format = "+0;-0;0" if whole else "+0.00;-0.00;0"
    lines_needed = style.line_count(line.item, _WIDTHS[1])
    ws.row_dimensions[row].height = lines_needed * style.LINE_POINTS + style.PAD_POINTS

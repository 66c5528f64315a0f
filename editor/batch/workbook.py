"""The 审核结果 workbook: one row per report (worst first), and every finding on a second sheet.

Made for the reviewer who sorts, filters and prints: a frozen header with autofilter on both
sheets, A4 landscape fitted to the page width with the header repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from editor.batch.review import ROW_HEADINGS, ReviewedFile, RowValue, summarize
from editor.domain.atomic_write import write_atomic
from editor.domain.checks import RULES, SEVERITY_NAMES, Finding
from editor.domain.forms import FormDef
from editor.exporters import xlsx_style as style
from editor.exporters.writing import writable_text, writing
from editor.exporters.xlsx import excel_text

REPORTS_SHEET = "审核结果"
FINDINGS_SHEET = "问题明细"
HEADER_ROW = 2  # row 1: the title with the counts
CellValue = RowValue
_WIDEST_UNITS = 2.1  # a CJK character, in Excel width units (xlsx_style.text_units)
_ASCII_UNITS = 1.1

# Widths in Excel units; the key figures 9 each.
_WIDTHS = {"序号": 5, "文件": 28, "机关": 28, "年度": 6, "格式": 10, "错误": 6, "提醒": 6}
_WIDTHS |= {"待确认": 7, "状态": 12, "说明": 48}
REPORT_COLUMNS: tuple[tuple[str, float], ...] = tuple(
    (heading, _WIDTHS.get(heading, 9)) for heading in ("序号", *ROW_HEADINGS)
)
FINDING_COLUMNS: tuple[tuple[str, float], ...] = (
    ("文件", 28),
    ("机关", 28),
    ("类别", 6),
    ("规则", 38),
    ("位置", 26),
    ("应为", 8),
    ("实为", 8),
    ("说明", 56),
)

_WRAP = Alignment(wrap_text=True)  # bottom, as every unstyled cell in the row
_CENTRED = Alignment(horizontal="center")
_WRAPPED = "wrapped"
_STATUS_COLOURS = {"无法读取": "D9D9D9", "有错误": "FFC7CE", "待确认": "FFEB9C", "通过": "C6EFCE"}
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
# The workbook's default face throughout (the cells without a style have it too), bold where
# it heads something.
_TITLE = Font(size=12, bold=True)
_HEADING = Font(bold=True)


def sorted_worst_first(files: Sequence[ReviewedFile]) -> list[ReviewedFile]:
    return sorted(files, key=lambda f: f.worst_first())


def export_review(files: Sequence[ReviewedFile], path: Path) -> None:
    """Writes the review of `files` to `path` (atomically). Raises UserError if it cannot."""
    ordered = sorted_worst_first(files)
    wb = Workbook()
    _add_styles(wb)
    reports = wb.active
    assert reports is not None
    reports.title = REPORTS_SHEET
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    _write_reports(reports, ordered, f"年度报告审核结果：{summarize(ordered).text()}（{stamp}）")
    findings = wb.create_sheet(FINDINGS_SHEET)
    count = sum(len(f.findings) for f in ordered)
    _write_findings(findings, ordered, f"问题明细：共 {count} 条（先错误后提醒，报告顺序同第一页）")
    wb.properties.title = "年度报告审核结果"
    wb.properties.creator = "年报编辑器"
    writable_text(wb)  # file names read on Linux may hold undecodable bytes (GBK from a zip)
    buffer = io.BytesIO()
    with writing(Path(path)):
        wb.save(buffer)
    write_atomic(Path(path), buffer.getvalue())  # WriteFileError in Chinese on failure


def report_row(number: int, item: ReviewedFile) -> list[CellValue]:
    """One row of the first sheet: 序号, then what the window's table shows."""
    return [number, *item.row()]


def place_of(finding: Finding, form: FormDef) -> str:
    """Where a finding points: a cell by its printed name, or a part of the prose."""
    if finding.cells:
        try:
            return form.cell_name(finding.cells[0])
        except KeyError:
            return ".".join(finding.cells[0])
    if finding.span is not None:
        return _prose_place(finding.span.prose, form)
    return ""


def _prose_place(key: str, form: FormDef) -> str:
    if key == form.opening.key:
        return "正文 开头"
    for section in form.sections:
        for field in section.prose:
            if field.key == key:
                return f"正文 {section.title} {field.heading}".rstrip()
    return f"正文 {key}"


def _add_styles(wb: Workbook) -> None:
    """Named styles, given only to the cells that need one: text that wraps, a coloured status.
    Everything else keeps the default look (the sheets print with gridlines, not borders):
    styling cell by cell is most of openpyxl's time for a thousand rows."""
    wb.add_named_style(NamedStyle(_WRAPPED, alignment=_WRAP))
    for status, colour in _STATUS_COLOURS.items():
        fill = PatternFill("solid", start_color=colour, end_color=colour)
        wb.add_named_style(NamedStyle(status, alignment=_CENTRED, fill=fill))


def _write_reports(ws: Worksheet, files: list[ReviewedFile], title: str) -> None:
    _header(ws, REPORT_COLUMNS, title)
    status_column = [h for h, _w in REPORT_COLUMNS].index("状态") + 1
    for i, item in enumerate(files, 1):
        row = HEADER_ROW + i
        _write_row(ws, row, report_row(i, item), REPORT_COLUMNS)
        status = item.status.split("，")[0]
        if status in _STATUS_COLOURS:
            ws.cell(row=row, column=status_column).style = status
    _finish(ws, REPORT_COLUMNS, HEADER_ROW + len(files))


def _write_findings(ws: Worksheet, files: list[ReviewedFile], title: str) -> None:
    _header(ws, FINDING_COLUMNS, title)
    row = HEADER_ROW
    for item in files:
        if item.report is None:
            continue
        form = item.report.form
        for finding in item.findings:
            row += 1
            rule = RULES[finding.rule]
            values: list[CellValue] = [
                item.name,
                item.organ,
                SEVERITY_NAMES[finding.severity],
                f"{finding.rule}（{rule.title}）",
                place_of(finding, form),
                finding.expected,
                finding.actual,
                finding.message,
            ]
            _write_row(ws, row, values, FINDING_COLUMNS)
            if finding.is_error:
                ws.cell(row=row, column=3).style = "有错误"
    _finish(ws, FINDING_COLUMNS, row)


def _write_row(
    ws: Worksheet, row: int, values: list[CellValue], columns: tuple[tuple[str, float], ...]
) -> None:
    """The values of one row; text that may not fit its column wraps, and the row grows to show
    it (neither Excel nor WPS grows a row on opening the file)."""
    lines = 1
    for column, (value, (_heading, width)) in enumerate(zip(values, columns, strict=True), 1):
        if not isinstance(value, str):
            if value is not None:
                ws.cell(row=row, column=column, value=value)
            continue
        if not value:
            continue
        cell = ws.cell(row=row, column=column, value=excel_text(value)[:32_000])
        # As text, whatever it starts with: a file named "=1+1.pdf" is not a formula.
        cell.data_type = "s"
        # Short enough for one line even at the widest characters: left as it is.
        widest = _ASCII_UNITS if value.isascii() else _WIDEST_UNITS
        if "\n" in value or len(value) * widest > width - 2:
            cell.style = _WRAPPED
            lines = max(lines, style.line_count(value, width))
    if lines > 1:
        ws.row_dimensions[row].height = min(lines * style.LINE_POINTS + 2, style.MAX_ROW_POINTS)


def _header(ws: Worksheet, columns: tuple[tuple[str, float], ...], title: str) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    head = ws.cell(row=1, column=1, value=excel_text(title))
    head.font = _TITLE
    head.alignment = Alignment(vertical="center")
    ws.row_dimensions[1].height = 24
    for j, (label, width) in enumerate(columns, 1):
        cell = ws.cell(row=HEADER_ROW, column=j, value=label)
        cell.font = _HEADING
        cell.fill = _HEADER_FILL
        cell.border = style.BORDER
        cell.alignment = style.CENTER
        ws.column_dimensions[get_column_letter(j)].width = width


def _finish(ws: Worksheet, columns: tuple[tuple[str, float], ...], last_row: int) -> None:
    last_column = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_row, HEADER_ROW)}"
    ws.freeze_panes = f"C{HEADER_ROW + 1}"  # the header, and 序号 and 文件 (or 文件 and 机关)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_column}{max(last_row, HEADER_ROW)}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.gridLines = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = "第 &P 页，共 &N 页"

"""Excel import of workbooks that are not ours: templates laid out differently, read by labels."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion, TableDef, form_for
from editor.domain.model import Report
from editor.exporters.xlsx import export_xlsx
from editor.importers.result import NoteKind
from editor.importers.xlsx import import_xlsx
from tests.factories import consistent_report

# Labels as circulated templates write them: half-width brackets, stray spaces, known typos.
VARIANTS = {
    "withheld_prohibited": "2.其他法律行政止公开",
    "withheld_internal": "5、属于三类内容事务信息",
    "disclosed": "(一) 予以公开",
    "partly_disclosed": "(二)部分公开",
    "withheld_state_secret": "1. 属于国家秘密",
}
TYPOS = {"2.其他法律行政止公开", "5、属于三类内容事务信息", "行政法复议", "(二)部分公开"}


def _write_blocks(ws: Worksheet, top: int, table: TableDef, report: Report) -> int:
    """表二 as templates draw it: block heading rows, one header row each, merged value cells."""
    ws.cell(row=top, column=1, value="二、主动公开政府信息情况")
    r = top + 1
    for block in table.blocks:
        ws.cell(row=r, column=1, value=block.heading.replace("（", "(").replace("）", ")"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.cell(row=r + 1, column=1, value="信息内容")
        for j, key in enumerate(block.columns):
            ws.cell(row=r + 1, column=2 + j, value=f" {table.column_by_key[key].label} ")
        if len(block.columns) == 1:
            ws.merge_cells(start_row=r + 1, start_column=2, end_row=r + 1, end_column=4)
        r += 2
        for row_key in block.rows:
            ws.cell(row=r, column=1, value=table.row_by_key[row_key].label)
            for j, key in enumerate(block.columns):
                ws.cell(row=r, column=2 + j, value=report.get(CellRef(table.key, row_key, key)))
            if len(block.columns) == 1:
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
            r += 1
    return r + 1


def _write_grid(ws: Worksheet, top: int, table: TableDef, report: Report) -> int:
    """表三 in two label columns (group, item) and one header row, starting in column B."""
    ws.cell(row=top, column=2, value="三、收到和处理政府信息公开申请情况")
    ws.cell(row=top + 1, column=4, value="申请人情况")
    ws.merge_cells(start_row=top + 1, start_column=4, end_row=top + 1, end_column=10)
    for j, column in enumerate(table.columns):
        ws.cell(row=top + 2, column=4 + j, value=column.label + ("  " if j % 2 else ""))
    r = top + 3
    group_start: dict[str, int] = {}
    for row in table.rows:
        label = VARIANTS.get(row.key, row.label)
        if len(row.label_path) == 1:
            ws.cell(row=r, column=2, value=label)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        else:
            group = row.label_path[0]
            if group not in group_start:
                group_start[group] = r
                ws.cell(row=r, column=2, value=group)
            ws.cell(row=r, column=3, value=label)
        for j, column in enumerate(table.columns):
            ws.cell(row=r, column=4 + j, value=report.get(CellRef(table.key, row.key, column.key)))
        r += 1
    for start in group_start.values():
        ends = [i for i in range(start, r) if ws.cell(row=i, column=3).value]
        ws.merge_cells(start_row=start, start_column=2, end_row=max(ends), end_column=2)
    return r + 1


def _write_strip(ws: Worksheet, top: int, table: TableDef, report: Report) -> int:
    """表四 with a typo in 行政复议 and its outcome headers not merged down, from column B."""
    ws.cell(row=top, column=1, value="四、政府信息公开行政复议、行政诉讼情况")
    width = len(table.columns)
    col = 2
    suit_left = 2 + width
    ws.cell(row=top + 1, column=suit_left, value="行政诉讼")
    ws.merge_cells(
        start_row=top + 1,
        start_column=suit_left,
        end_row=top + 1,
        end_column=suit_left + 2 * width - 1,
    )
    for row in table.rows:
        label_row = top + 1 if len(row.label_path) == 1 else top + 2
        ws.cell(row=label_row, column=col, value="行政法复议" if row.key == "review" else row.label)
        ws.merge_cells(
            start_row=label_row, start_column=col, end_row=label_row, end_column=col + width - 1
        )
        for j, column in enumerate(table.columns):
            ws.cell(row=label_row + 1, column=col + j, value=column.label)
            value = report.get(CellRef(table.key, row.key, column.key))
            ws.cell(row=top + 4, column=col + j, value=value)
        col += width
    return top + 6


def _template(path: Path, report: Report) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "统计表"
    ws["A1"] = "测试县人民政府办公室 2023 年政府信息公开工作年度报告"
    ws["A2"] = "（统计表，请勿改动表格结构）"
    form = report.form
    r = _write_blocks(ws, 4, form.table("proactive"), report)
    r = _write_grid(ws, r, form.table("requests"), report)
    _write_strip(ws, r, form.table("appeals"), report)
    wb.create_sheet("说明")["A1"] = "填表说明：数字请填阿拉伯数字。"
    wb.save(path)


@pytest.fixture
def expected() -> Report:
    return consistent_report(FormVersion.V2021, seed=7)


def test_import_xlsx_reads_a_stacked_template_cell_by_cell(
    expected: Report, tmp_path: Path
) -> None:
    path = tmp_path / "template.xlsx"
    _template(path, expected)
    result = import_xlsx(path)
    got = result.report
    assert got.meta.year == 2023
    assert got.meta.organ == "测试县人民政府办公室"
    assert got.meta.form_version is FormVersion.V2021
    for ref in expected.form.cells:
        assert got.get(ref) == expected.get(ref), ref.key
    assert not [n for n in result.notes if n.kind is NoteKind.ASK]
    variants = {f.actual for f in result.findings}
    assert variants == TYPOS
    assert all(f.rule == "label.variant" for f in result.findings)
    read = [n.message for n in result.notes if n.kind is NoteKind.READ]
    assert sum("找到" in m for m in read) == 3


def test_import_xlsx_reports_missing_rows_odd_labels_and_unreadable_cells(
    expected: Report, tmp_path: Path
) -> None:
    path = tmp_path / "template.xlsx"
    _template(path, expected)
    wb = openpyxl.load_workbook(path)
    ws = wb["统计表"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    cells["3.要求提供公开出版物"].value = "（八）其他情形说明"  # a row that is not on the form
    received = cells["一、本年新收政府信息公开申请数量"]
    ws.cell(row=received.row, column=received.column + 2, value="１２")  # full-width, as text
    ws.cell(row=received.row, column=received.column + 3, value="/")
    wb.save(path)
    result = import_xlsx(path)
    report = result.report
    assert report.get(CellRef("requests", "received", "natural")) == 12
    slash = CellRef("requests", "received", "business")
    assert report.get(slash) is None and slash.key in report.flagged_cells
    unmatched = " ".join(n.message for n in result.notes if n.kind is NoteKind.UNMATCHED)
    assert "3.要求提供公开出版物" in unmatched
    assert "（八）其他情形说明" in unmatched
    assert report.get(CellRef("requests", "rejected_publication", "natural")) is None
    assert report.get(CellRef("requests", "rejected_excessive", "natural")) == expected.get(
        CellRef("requests", "rejected_excessive", "natural")
    )


def test_import_xlsx_reads_our_layout_by_labels_when_the_marker_is_gone(
    expected: Report, tmp_path: Path
) -> None:
    path = tmp_path / "ours.xlsx"
    export_xlsx(expected, path)
    wb = openpyxl.load_workbook(path)
    del wb["_nianbao"]
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    wb.save(path)
    result = import_xlsx(path)
    assert result.report.tables == expected.tables
    assert result.report.meta.year == expected.meta.year
    assert not result.findings


def test_import_xlsx_reads_a_2019_format_workbook(tmp_path: Path) -> None:
    expected = consistent_report(FormVersion.V2019, seed=2)
    path = tmp_path / "old.xlsx"
    export_xlsx(expected, path)
    wb = openpyxl.load_workbook(path)
    del wb["_nianbao"]
    wb.save(path)
    result = import_xlsx(path)
    assert result.report.meta.form_version is FormVersion.V2019
    for ref in form_for(FormVersion.V2019).cells:
        assert result.report.get(ref) == expected.get(ref), ref.key


def test_import_xlsx_without_tables_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.active["A1"] = "会议签到表"
    wb.save(path)
    with pytest.raises(UserError, match="没有找到年报的统计表"):
        import_xlsx(path)


def test_import_xlsx_assumes_a_year_out_loud_when_none_is_written(
    expected: Report, tmp_path: Path
) -> None:
    path = tmp_path / "template.xlsx"
    _template(path, expected)
    wb = openpyxl.load_workbook(path)
    wb["统计表"]["A1"] = "统计表"
    wb.save(path)
    result = import_xlsx(path)
    assumed = [n.message for n in result.notes if n.kind is NoteKind.ASSUMED]
    assert any("报告年度" in m for m in assumed)
    assert any("机关名称" in m for m in assumed)

"""Excel export: the workbook written, re-opened with openpyxl and checked against the layout."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.exporters.xlsx import PROSE_SHEET, TABLE_TOP, export_xlsx, sheet_title
from editor.exporters.xlsx_marker import MARKER_SHEET
from tests.factories import consistent_report


def _export(report: Report, tmp_path: Path) -> openpyxl.Workbook:
    out = tmp_path / "out.xlsx"
    export_xlsx(report, out)
    return openpyxl.load_workbook(out)


def test_export_xlsx_writes_one_sheet_per_table_then_prose_then_hidden_marker(
    sample_report: Report, tmp_path: Path
) -> None:
    wb = _export(sample_report, tmp_path)
    titles = [sheet_title(t, sample_report) for t in sample_report.form.tables]
    assert wb.sheetnames == [*titles, PROSE_SHEET, MARKER_SHEET]
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"
    assert all(wb[t].sheet_state == "visible" for t in titles)


@pytest.mark.parametrize("version", list(FormVersion))
def test_export_xlsx_draws_every_layout_cell_with_its_spans_borders_and_value(
    version: FormVersion, tmp_path: Path
) -> None:
    report = consistent_report(version, seed=3)
    blank = report.form.tables[1].cells[4]
    report.set(blank, None)
    wb = _export(report, tmp_path)
    for table in report.form.tables:
        ws = wb[sheet_title(table, report)]
        layout = table_layout(table)
        merged = {str(r) for r in ws.merged_cells.ranges}
        for cell in layout.cells:
            top, left = TABLE_TOP + cell.row, 1 + cell.column
            bottom, right = top + cell.row_span - 1, left + cell.column_span - 1
            if cell.row_span > 1 or cell.column_span > 1:
                rng = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
                assert rng in merged
            # The outline Excel draws comes from the edge cells of a merged range.
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    border = ws.cell(row=r, column=c).border
                    assert c != left or border.left.style == "thin"
                    assert c != right or border.right.style == "thin"
                    assert r != top or border.top.style == "thin"
                    assert r != bottom or border.bottom.style == "thin"
            anchor = ws.cell(row=top, column=left)
            if cell.role is CellRole.VALUE:
                assert cell.ref is not None
                expected = report.get(cell.ref)
                assert anchor.value == expected
                assert type(anchor.value) is type(expected)  # numbers stay numbers, blank None
            else:
                assert anchor.value == (cell.text or None)
                assert anchor.font.name in {"宋体", "仿宋", "黑体"}
    assert report.get(blank) is None


def test_export_xlsx_sets_a4_fit_to_width_and_repeats_header_rows(
    sample_report: Report, tmp_path: Path
) -> None:
    wb = _export(sample_report, tmp_path)
    for table in sample_report.form.tables:
        ws = wb[sheet_title(table, sample_report)]
        heads = table_layout(table).header_row_count
        assert int(ws.page_setup.paperSize or 0) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr is not None
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        if heads:
            assert ws.print_title_rows == f"${TABLE_TOP}:${TABLE_TOP + heads - 1}"


def test_export_xlsx_makes_every_label_readable_by_width_and_height(
    sample_report: Report, tmp_path: Path
) -> None:
    from editor.exporters.xlsx_style import LINE_POINTS, line_count

    wb = _export(sample_report, tmp_path)
    for table in sample_report.form.tables:
        ws = wb[sheet_title(table, sample_report)]
        for cell in table_layout(table).cells:
            if not cell.text:
                continue
            width = sum(
                ws.column_dimensions[get_column_letter(1 + cell.column + k)].width
                for k in range(cell.column_span)
            )
            height = sum(
                ws.row_dimensions[TABLE_TOP + cell.row + k].height or 15
                for k in range(cell.row_span)
            )
            assert ws.cell(row=TABLE_TOP + cell.row, column=1 + cell.column).alignment.wrap_text
            assert height >= line_count(cell.text, width) * LINE_POINTS, cell.text


def test_export_xlsx_turns_broken_totals_red_with_formulas_over_the_parts(
    sample_report: Report, tmp_path: Path
) -> None:
    wb = _export(sample_report, tmp_path)
    table = sample_report.form.table("requests")
    ws = wb[sheet_title(table, sample_report)]
    layout = table_layout(table)
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    for s in table.sums:
        r, c = layout.position_of(s.total)
        formulas = rules[f"{get_column_letter(c + 1)}{TABLE_TOP + r}"]
        parts = [layout.position_of(p) for p in s.parts]
        wanted = ",".join(f"{get_column_letter(pc + 1)}{TABLE_TOP + pr}" for pr, pc in parts)
        assert any(f"SUM({wanted})" in f for f in formulas)
    for rule in ws.conditional_formatting:
        for r in rule.rules:
            assert r.type == "expression"
            assert r.dxf is not None and r.dxf.fill is not None


def test_export_xlsx_writes_meta_and_every_paragraph_as_text(
    sample_report: Report, tmp_path: Path
) -> None:
    sample_report.prose["other"] = "=SUM(A1)\n\n第二段"
    wb = _export(sample_report, tmp_path)
    ws = wb[PROSE_SHEET]
    texts = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert sample_report.title in texts
    assert sample_report.meta.organ in texts
    assert sample_report.meta.year in texts
    for key, text in sample_report.prose.items():
        for paragraph in text.split("\n"):
            if paragraph:
                assert paragraph in texts, key
    formula_like = next(c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1)")
    assert formula_like.data_type == "s"


def test_export_xlsx_refuses_unwritable_target_in_chinese(
    sample_report: Report, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="无法写入"):
        export_xlsx(sample_report, tmp_path / "missing-folder" / "out.xlsx")


def test_export_xlsx_reports_progress_to_the_end(sample_report: Report, tmp_path: Path) -> None:
    seen: list[float] = []
    export_xlsx(sample_report, tmp_path / "o.xlsx", lambda f, _what: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_export_xlsx_names_every_value_cell_for_the_round_trip(
    sample_report: Report, tmp_path: Path
) -> None:
    wb = _export(sample_report, tmp_path)
    for ref in sample_report.form.cells:
        dn = wb.defined_names[f"nianbao.{ref.key}"]
        assert dn.hidden
        ((sheet, coordinate),) = list(dn.destinations)
        assert wb[sheet][coordinate.replace("$", "")].value == sample_report.get(ref)
    assert CellRef.parse("requests.received.total") in sample_report.form.cells


def test_export_xlsx_comparison_sheet_when_last_years_values_are_known(tmp_path: Path) -> None:
    from editor.exporters.xlsx_comparison import COMPARISON_SHEET, HEADERS
    from editor.importers.last_year import new_from_last_year
    from tests.conftest import SAMPLE

    report = new_from_last_year(SAMPLE, 2024).report
    report.set(CellRef("requests", "received", "total"), 30)
    wb = _export(report, tmp_path)
    titles = [sheet_title(t, report) for t in report.form.tables]
    assert wb.sheetnames == [*titles, COMPARISON_SHEET, PROSE_SHEET, MARKER_SHEET]
    assert "上年" in COMPARISON_SHEET or "对比" in COMPARISON_SHEET
    ws = wb[COMPARISON_SHEET]
    header = [c.value for c in ws[3]]
    assert tuple(header) == HEADERS
    rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    received = rows["一、本年新收政府信息公开申请数量·总计"]
    assert received == ("表三", "一、本年新收政府信息公开申请数量·总计", 30, 27, 3, 0.1111)
    assert ws.auto_filter.ref == f"A3:F{ws.max_row}"
    assert ws.cell(row=4, column=6).number_format.startswith("+0.0%")


def test_export_xlsx_no_comparison_sheet_without_last_year(
    sample_report: Report, tmp_path: Path
) -> None:
    from editor.exporters.xlsx_comparison import COMPARISON_SHEET

    assert COMPARISON_SHEET not in _export(sample_report, tmp_path).sheetnames

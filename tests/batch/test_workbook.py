"""The 审核结果 workbook: text stays text, long explanations get tall rows, worst first."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from editor.batch.inputs import InputFile
from editor.batch.review import ReviewedFile, review_file
from editor.batch.workbook import FINDINGS_SHEET, HEADER_ROW, REPORTS_SHEET, export_review
from editor.domain.storage import save_report
from tests.batch.pile import department


def test_export_review_formula_like_names_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "=1+1.nianbao"
    save_report(department(1, '=HYPERLINK("http://example.com","点我")', broken=True), path)
    export_review([review_file(InputFile(path, path.name))], tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    for sheet, columns in ((REPORTS_SHEET, (2, 3)), (FINDINGS_SHEET, (1, 2))):
        ws = wb[sheet]
        file_cell, organ_cell = (ws.cell(row=HEADER_ROW + 1, column=c) for c in columns)
        assert (file_cell.value, file_cell.data_type) == ("=1+1.nianbao", "s")
        assert organ_cell.data_type == "s" and str(organ_cell.value).startswith("=HYPERLINK")


def test_export_review_rows_grow_for_long_text_and_worst_come_first(tmp_path: Path) -> None:
    clean, broken = tmp_path / "clean.nianbao", tmp_path / "broken.nianbao"
    save_report(department(1, "好局"), clean)
    save_report(department(2, "错局", broken=True), broken)
    long_problem = "“x.pdf”不是可读取的 PDF 文件：" + "很长的说明" * 40
    files = [
        review_file(InputFile(clean, clean.name)),
        review_file(InputFile(broken, broken.name)),
        ReviewedFile(tmp_path / "x.pdf", "x.pdf", problem=long_problem),
    ]
    export_review(files, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")[REPORTS_SHEET]
    names = [ws.cell(row=r, column=2).value for r in range(HEADER_ROW + 1, HEADER_ROW + 4)]
    assert names == ["x.pdf", "broken.nianbao", "clean.nianbao"]
    assert ws.row_dimensions[HEADER_ROW + 1].height > 3 * 14  # the long explanation, wrapped
    assert ws.row_dimensions[HEADER_ROW + 3].height is None  # one line: left to Excel

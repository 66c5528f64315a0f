"""`nianbao review`: a folder in every format, clean and broken, with a damaged file: the rows, the
counts, the findings sheet, the exit code; and the files around it left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from editor.batch.workbook import FINDINGS_SHEET, HEADER_ROW, REPORTS_SHEET
from editor.cli import main
from tests.batch.pile import BROKEN_ERRORS, Pile

COLUMNS = ["序号", "文件", "机关", "年度", "格式", "错误", "提醒", "待确认"]
QUICK = (".nianbao", ".html", ".txt")  # formats read in milliseconds, for the other tests


def _rows(ws: Worksheet) -> list[dict[str, object]]:
    header = [c.value for c in ws[HEADER_ROW]]
    return [
        dict(zip(header, row, strict=True))
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]


def _listing(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in folder.rglob("*")}


def test_review_mixed_folder_rows_counts_findings_and_exit_two(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "审核结果.xlsx"
    before = _listing(pile.folder)
    assert main(["review", str(pile.folder), "-o", str(out)]) == 2
    assert _listing(pile.folder) == before  # nothing written beside the reports
    printed = capsys.readouterr()
    assert "共 14 份，1 份无法读取，6 份有错误" in printed.out
    assert "damaged.pdf" in printed.out
    assert "1 个其他文件" in printed.err  # the photo of the sealed page

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [REPORTS_SHEET, FINDINGS_SHEET]
    rows = _rows(wb[REPORTS_SHEET])
    assert [c.value for c in wb[REPORTS_SHEET][HEADER_ROW]][: len(COLUMNS)] == COLUMNS
    by_file = {r["文件"]: r for r in rows}
    assert set(by_file) == {*pile.clean, *pile.broken, pile.damaged}
    # Worst first: the file that cannot be read, then every broken one, then the rest.
    assert rows[0]["文件"] == pile.damaged and rows[0]["状态"] == "无法读取"
    assert "PDF" in str(rows[0]["说明"]) and rows[0]["错误"] is None
    assert {r["文件"] for r in rows[1 : 1 + len(pile.broken)]} == set(pile.broken)
    assert [r["序号"] for r in rows] == list(range(1, len(rows) + 1))
    for name in pile.broken:
        row = by_file[name]
        assert (row["错误"], row["待确认"], row["状态"]) == (BROKEN_ERRORS, 0, "有错误"), name
        assert row["机关"] == pile.organs[name] and row["年度"] == 2023
        assert "（七）总计" in str(row["说明"])
    for name in pile.clean:
        row = by_file[name]
        assert (row["错误"], row["待确认"]) == (0, 0), name
        assert row["机关"] == pile.organs[name]
        assert isinstance(row["新收申请"], int) and isinstance(row["行政复议"], int)
    formats = {name: by_file[name]["格式"] for name in pile.broken}
    assert sorted(formats.values()) == sorted(["年报文件", "Excel", "PDF", "Word", "网页", "文本"])

    findings = _rows(wb[FINDINGS_SHEET])
    errors = [f for f in findings if f["类别"] == "错误"]
    assert {f["文件"] for f in errors} == set(pile.broken)
    for name in pile.broken:
        mine = [f for f in errors if f["文件"] == name]
        assert len(mine) == BROKEN_ERRORS
        assert {str(f["规则"]).split("（")[0] for f in mine} == {
            "requests.results_sum",
            "requests.row_total",
            "requests.balance",
        }
        results_sum = next(f for f in mine if str(f["规则"]).startswith("requests.results_sum"))
        assert results_sum["位置"] == "表三 （七）总计·自然人"
        assert results_sum["实为"] == results_sum["应为"] + 5  # type: ignore[operator]
        assert results_sum["机关"] == pile.organs[name]

    # For sorting, filtering and printing: both sheets.
    for ws in wb.worksheets:
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
        assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize(("which", "code"), [("clean", 0), ("broken", 1)])
def test_review_exit_code_follows_the_worst_report(
    pile: Pile, tmp_path: Path, which: str, code: int
) -> None:
    names = [str(pile.folder / n) for n in getattr(pile, which) if n.endswith(QUICK)]
    assert main(["review", *names, "-o", str(tmp_path / "out.xlsx")]) == code


def test_review_second_run_does_not_read_its_own_result(pile: Pile, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in [n for n in pile.clean if n.endswith(QUICK)]:
        shutil.copy(pile.folder / name, folder / Path(name).name)
    out = folder / "审核结果.xlsx"
    assert main(["review", str(folder), "-o", str(out)]) == 0
    assert main(["review", str(folder), "-o", str(out)]) == 0
    rows = _rows(openpyxl.load_workbook(out)[REPORTS_SHEET])
    assert len(rows) == 3


def test_review_names_a_missing_file_in_its_row(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xlsx"
    missing = tmp_path / "没有这个文件.nianbao"
    assert main(["review", str(pile.folder / pile.clean[0]), str(missing), "-o", str(out)]) == 2
    rows = _rows(openpyxl.load_workbook(out)[REPORTS_SHEET])
    assert rows[0]["文件"] == str(missing) and "找不到文件" in str(rows[0]["说明"])


def test_review_refuses_an_output_that_is_not_a_workbook(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(pile.folder), "-o", str(tmp_path / "out.pdf")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_review_empty_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "readme.md").write_text("not a report", encoding="utf-8")
    assert main(["review", str(tmp_path), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "没有找到可读取的报告文件" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()

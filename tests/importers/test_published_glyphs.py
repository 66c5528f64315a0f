"""Class 3: a stray "/" before a row's numbers (an empty label cell, or a diagonal) is skipped when
the numbers fill the row's cells exactly; the import report says so; no error is invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.domain.checks import check_report
from editor.domain.forms import FORM_2021, CellRef
from editor.importers.published import import_published
from editor.importers.result import NoteKind
from tests.conftest import SHARED_SAMPLES
from tests.published_variants import Style, available, check_cells, publish, sample_report

PDF_MEDIA = ["pdf-ruled", "pdf-ruled-wrapped", "pdf-plain"]


def _skipped_notes(result: object) -> list[str]:
    notes = getattr(result, "notes")  # noqa: B009
    return [n.message for n in notes if n.kind is NoteKind.ASSUMED and "已跳过" in n.message]


@pytest.mark.parametrize(
    ("medium", "zeros", "broken"),
    [
        ("pdf-ruled", "0", False),
        ("pdf-ruled", "", True),  # 表三 broken across a page, empty zero cells
        ("pdf-ruled-wrapped", "/", False),
        ("pdf-plain", "0", True),
        ("pdf-plain-wrapped", "0", False),
    ],
)
def test_import_published_pdf_stray_slash_skipped(
    tmp_path: Path, medium: str, zeros: str, broken: bool
) -> None:
    report = sample_report(seed=5, zero_share=0.4)
    style = Style(zeros=zeros, stray_slash=True, full_width=medium == "pdf-ruled-wrapped")
    result, expected = publish(report, style, medium, tmp_path, broken_table=broken)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []
    notes = _skipped_notes(result)
    assert any("（七）总计" in n for n in notes)
    assert not [f for f in check_report(result.report) if f.is_error]


@pytest.mark.parametrize("medium", [m for m in available(["layout", "tabs", "html"])])
def test_import_published_text_stray_slash_skipped(tmp_path: Path, medium: str) -> None:
    report = sample_report(seed=6, zero_share=0.3)
    result, expected = publish(report, Style(stray_slash=True), medium, tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []
    assert _skipped_notes(result)


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")
def test_import_published_issue_total_row_with_slash(tmp_path: Path) -> None:
    """（七）总计 read as "/ 21 0 0 0 0 0 21" (the issue), in the 淮安 layout text."""
    text = (SHARED_SAMPLES / "huaian-2024.txt").read_text(encoding="utf-8")
    text = re.sub(r"（七）总计(\s+)", r"（七）总计 / ", text, count=1)
    path = tmp_path / "slash.txt"
    path.write_text(text, encoding="utf-8")
    result = import_published(path)
    original = import_published(SHARED_SAMPLES / "huaian-2024.txt")
    row = [CellRef("requests", "results_total", c.key) for c in FORM_2021.table("requests").columns]
    assert [result.report.get(r) for r in row] == [original.report.get(r) for r in row]
    assert result.report.flagged_cells == []
    assert any("（七）总计" in n for n in _skipped_notes(result))
    assert not [f for f in check_report(result.report) if f.is_error]


def test_import_published_slash_in_a_cell_is_a_blank_not_skipped(tmp_path: Path) -> None:
    """A "/" that takes a cell's place (the row has one number fewer) is that cell, blank."""
    report = sample_report(seed=8, zero_share=0.5)
    result, expected = publish(report, Style(zeros="/"), "pdf-ruled", tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []
    assert not _skipped_notes(result)

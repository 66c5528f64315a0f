"""Class 2: web copies keep cells apart with TABs and often leave zero cells empty. A TAB is a cell
boundary and an empty field an empty cell: every cell is read as printed, in every variant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.domain.checks import check_report
from editor.domain.forms import FORM_2021, CellRef, FormVersion
from editor.importers.published import import_published
from editor.importers.result import NoteKind
from tests.conftest import SHARED_SAMPLES
from tests.published_variants import Style, assumed_cells, check_cells, publish, sample_report

WEB_MEDIA = ["tabs", "tabs-spans", "tabs-trimmed", "html", "html-wrapped"]
EMPTY_ZEROS = ["", "/", "—"]


@pytest.mark.parametrize("zeros", EMPTY_ZEROS)
@pytest.mark.parametrize("medium", WEB_MEDIA)
@pytest.mark.parametrize("version", list(FormVersion))
def test_import_published_web_copy_empty_zero_cells_read_exactly(
    tmp_path: Path, medium: str, zeros: str, version: FormVersion
) -> None:
    report = sample_report(version, seed=len(medium) + len(zeros), zero_share=0.6)
    result, expected = publish(report, Style(zeros=zeros), medium, tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []
    blanks = {ref for ref, v in expected.values.items() if v is None}
    assert blanks  # the variant has empty cells, and each is reported as a blank kept
    assert blanks <= assumed_cells(result)
    assert not [f for f in check_report(result.report) if f.is_error]


@pytest.mark.parametrize("full_width", [False, True])
def test_import_published_web_copy_full_width_and_spans(tmp_path: Path, full_width: bool) -> None:
    report = sample_report(seed=9, zero_share=0.5, high=400)
    style = Style(zeros="", full_width=full_width, stray_slash=True)
    result, expected = publish(report, style, "tabs-spans", tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")
def test_import_published_issue_row_with_empty_fields(tmp_path: Path) -> None:
    """The row of the issue, put into the 龙亭 web copy in place of its own."""
    text = (SHARED_SAMPLES / "longting-2023.txt").read_text(encoding="utf-8")
    row = "一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859"
    text = re.sub(r"一、本年新收政府信息公开申请数量\t[^\n]*", row, text)
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    result = import_published(path)
    got = [
        result.report.get(CellRef("requests", "received", c.key))
        for c in FORM_2021.table("requests").columns
    ]
    assert got == [821, 35, None, None, 2, 1, 859]
    assert "requests.received.natural" not in result.report.flagged_cells
    blank = CellRef("requests", "received", "research")
    assert any(
        blank in n.cells and "空白" in n.message for n in result.notes if n.kind is NoteKind.ASSUMED
    )

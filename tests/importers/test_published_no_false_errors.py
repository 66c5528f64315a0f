"""Class 5: an import never invents an error the source does not have. The checks of an imported
report find exactly the errors of the report it was printed from; a cell the importer could not
read is flagged and the rules touching it are 待确认 (value.unconfirmed), never errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.domain.checks import Finding, check_report
from editor.domain.forms import CellRef
from editor.importers.result import NoteKind
from tests.published_variants import Style, available, check_cells, publish, sample_report

MEDIA = available(["pdf-ruled", "pdf-plain", "html", "tabs", "tabs-spans", "layout", "crawl"])


def _errors(findings: list[Finding]) -> list[tuple[str, tuple[CellRef, ...]]]:
    return sorted((f.rule, f.cells[:1]) for f in findings if f.is_error)


@pytest.mark.parametrize("medium", MEDIA)
def test_import_published_errors_are_the_sources_own(tmp_path: Path, medium: str) -> None:
    report = sample_report(seed=12, zero_share=0.5)
    # Two errors real reports have: a row total and a column total that do not add up.
    row_total = CellRef("requests", "disclosed", "total")
    column_total = CellRef("requests", "results_total", "natural")
    report.set(row_total, (report.get(row_total) or 0) + 2)
    report.set(column_total, (report.get(column_total) or 0) + 1)
    source_errors = _errors(check_report(report))
    assert source_errors
    result, expected = publish(report, Style(), medium, tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == []
    imported = check_report(result.report)
    if check.flagged:  # a crawl may leave a row undecided: its rules wait, nothing is invented
        assert set(_errors(imported)) <= set(source_errors)
    else:
        assert _errors(imported) == source_errors


@pytest.mark.parametrize("medium", available(["tabs", "html", "pdf-ruled", "pdf-plain", "layout"]))
def test_import_published_unread_cell_is_unconfirmed_not_error(tmp_path: Path, medium: str) -> None:
    report = sample_report(seed=13)
    unread = CellRef("requests", "disclosed", "natural")
    result, expected = publish(report, Style(words=frozenset({unread.key})), medium, tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == []
    assert result.report.get(unread) is None
    assert unread.key in result.report.flagged_cells
    asks = [n for n in result.notes if n.kind is NoteKind.ASK and unread in n.cells]
    # Cells apart (TABs, a ruled table) name the word; text lines cannot tell it from a
    # label's second line, and leave the whole row to the clerk.
    assert asks and ("若干" in asks[0].message or "予以公开" in asks[0].message)
    if medium in ("tabs", "html", "pdf-ruled"):
        assert "若干" in asks[0].message
    findings = check_report(result.report)
    assert not [f for f in findings if f.is_error]
    held = [f for f in findings if f.rule == "value.unconfirmed" and unread in f.cells]
    # The row total and the column total (（七）总计) wait for the clerk, naming the cell.
    assert len(held) >= 2
    assert all("予以公开·自然人" in f.message for f in held)

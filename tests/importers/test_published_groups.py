"""Class 4: （六）其他处理 printed as one row (an older template) in a 2021 report. A column total
of 0 pins each item to 0 (filled, and said so); an empty total leaves the items empty; any other
total leaves them blank and flagged — never shared out by guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.domain.checks import check_report
from editor.domain.forms import FORM_2021, CellRef
from editor.domain.model import Report
from editor.importers.result import ImportResult, NoteKind
from tests.published_variants import Style, available, check_cells, publish, sample_report

ITEMS = ("other_no_correction", "other_no_fee", "other_misc")
COLUMNS = [c.key for c in FORM_2021.table("requests").columns]


def _with_other_columns(seed: int, zero_columns: set[str]) -> Report:
    """A consistent report whose （六） items are 0 in `zero_columns` and not all 0 elsewhere."""
    from editor.domain.checks import sum_fill_values

    report = sample_report(seed=seed, zero_share=0.5)
    parts = [c for c in COLUMNS if c != "total"]
    for i, column in enumerate(parts):
        for j, row in enumerate(ITEMS):
            value = 0 if column in zero_columns else (i + j) % 3
            report.set(CellRef("requests", row, column), value)
        if column not in zero_columns:
            report.set(CellRef("requests", ITEMS[0], column), 1 + i % 2)
    # Totals and the balance again: raise 新收 by what the items added.
    for column in parts:
        answered = sum(
            report.get(CellRef("requests", r.key, column)) or 0
            for r in FORM_2021.table("requests").rows
            if r.label_path[0] == "三、本年度办理结果" and r.key != "results_total"
        )
        carried_in = report.get(CellRef("requests", "carried_in", column)) or 0
        carried_out = report.get(CellRef("requests", "carried_out", column)) or 0
        report.set(CellRef("requests", "received", column), answered + carried_out - carried_in)
    report.set_values(sum_fill_values(report, report.form))
    assert not [f for f in check_report(report) if f.is_error]
    return report


def _notes(result: ImportResult, kind: NoteKind, word: str) -> list[tuple[str, set[CellRef]]]:
    return [(n.message, set(n.cells)) for n in result.notes if n.kind is kind and word in n.message]


@pytest.mark.parametrize(
    ("medium", "zeros"),
    [
        ("pdf-ruled", "0"),
        ("pdf-plain", "0"),
        ("html", ""),
        ("tabs", "0"),
        ("tabs-spans", "/"),
        *[(m, "0") for m in available(["layout"])],
        ("crawl", "0"),
    ],
)
def test_import_published_other_as_one_row(tmp_path: Path, medium: str, zeros: str) -> None:
    zero_columns = {"business", "research", "legal"}
    report = _with_other_columns(seed=len(medium), zero_columns=zero_columns)
    style = Style(zeros=zeros, other_as_one_row=True)
    result, expected = publish(report, style, medium, tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == []
    items = {CellRef("requests", r, c) for r in ITEMS for c in COLUMNS}
    pinned = {r for r in items if r.column in zero_columns}
    open_cells = items - pinned
    assert open_cells <= set(check.flagged)
    for ref in pinned:
        assert result.report.get(ref) == (0 if zeros == "0" else None)
        assert ref.key not in result.report.flagged_cells
    # The import report says what arithmetic filled and what is left open.
    said = _notes(result, NoteKind.ASSUMED, "（六）其他处理")
    assert said and pinned <= set().union(*(cells for _m, cells in said))
    asked = _notes(result, NoteKind.ASK, "（六）其他处理")
    assert asked and open_cells <= set().union(*(cells for _m, cells in asked))
    assert "自然人合计" in asked[0][0]
    # No error is made of the unread items: the rules touching them are 待确认.
    findings = check_report(result.report)
    assert not [f for f in findings if f.is_error]
    assert [f for f in findings if f.rule == "value.unconfirmed"]


def test_import_published_other_as_one_row_all_zero_is_read_whole(tmp_path: Path) -> None:
    report = _with_other_columns(seed=3, zero_columns=set(COLUMNS))
    result, expected = publish(report, Style(other_as_one_row=True), "pdf-ruled", tmp_path)
    check = check_cells(result, expected)
    assert check.wrong == [] and check.missing == [] and check.flagged == []
    assert result.report.tables == report.tables
    assert not check_report(result.report)

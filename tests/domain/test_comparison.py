"""与上年对比 lines: which figures, last year's as `check` sees them, the change in 件 and %."""

from __future__ import annotations

import pytest

from editor.domain.comparison import (
    ComparisonLine,
    comparison_lines,
    format_percent,
    has_last_year_values,
)
from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import nested_values, values_of
from editor.domain.storage import load_report
from editor.importers.last_year import new_from_last_year
from tests.conftest import SAMPLE

RECEIVED = CellRef("requests", "received", "total")


def test_comparison_lines_totals_of_tables_three_and_four_every_cell_of_two() -> None:
    report = load_report(SAMPLE)
    report.previous = nested_values(values_of(report))
    report.previous_form = FormVersion.V2021
    lines = comparison_lines(report)
    by_table = {t.number: [ln for ln in lines if ln.table == t.number] for t in report.form.tables}
    assert all(ln.ref.column == "total" for ln in by_table["表三"] + by_table["表四"])
    assert len(by_table["表四"]) == 3
    proactive = report.form.table("proactive")
    assert {ln.ref for ln in by_table["表二"]} == {
        ref for ref in proactive.cells if report.get(ref) is not None
    }
    assert all(ln.change == 0 for ln in lines)


def test_comparison_line_change_and_percent() -> None:
    line = ComparisonLine(RECEIVED, "表三", "新收", 27, 20)
    assert line.change == 7 and line.percent == pytest.approx(35.0)
    assert format_percent(line.percent) == "+35.0%"
    assert format_percent(ComparisonLine(RECEIVED, "表三", "x", 15, 20).percent) == "−25.0%"
    assert ComparisonLine(RECEIVED, "表三", "x", 5, 0).percent is None
    assert ComparisonLine(RECEIVED, "表三", "x", None, 3).change is None
    assert format_percent(None) == ""


def test_comparison_lines_of_a_report_started_from_last_year() -> None:
    report = new_from_last_year(SAMPLE, 2024).report
    assert has_last_year_values(report)
    report.set(RECEIVED, 30)
    line = next(ln for ln in comparison_lines(report) if ln.ref == RECEIVED)
    assert (line.this, line.last, line.change) == (30, 27, 3)
    # Blank this year, known last year: listed, with no change.
    blank = next(ln for ln in comparison_lines(report) if ln.ref.row == "results_total")
    assert blank.this is None and blank.last == 27 and blank.change is None


def test_comparison_lines_empty_without_last_years_values() -> None:
    report = load_report(SAMPLE)
    assert not has_last_year_values(report)
    assert comparison_lines(report) == []


def test_comparison_lines_from_a_previous_report_of_the_other_format() -> None:
    report = load_report(SAMPLE)
    previous = load_report(SAMPLE)
    previous.meta.year, previous.meta.form_version = 2020, FormVersion.V2019
    previous.tables = {
        "requests": {"received": {"total": 20}},
        "proactive": {"rules": {"in_force": 4}},
    }
    refs = {ln.ref for ln in comparison_lines(report, previous) if ln.last is not None}
    assert refs == {RECEIVED}  # 2019's 对外公开总数量 is not compared with 现行有效件数

"""`cross_year.jump`: figures that changed far more than usual, for a look."""

from __future__ import annotations

import pytest

from editor.domain.checks import Finding, check_report
from editor.domain.checks.jumps import is_jump
from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import Report, nested_values, values_of
from editor.domain.storage import load_report
from tests.conftest import SAMPLE


def _jumps(report: Report) -> list[Finding]:
    return [f for f in check_report(report) if f.rule == "cross_year.jump"]


def _same_as_last_year() -> Report:
    report = load_report(SAMPLE)
    report.previous = nested_values(values_of(report))
    report.previous_form = FormVersion.V2021
    return report


@pytest.mark.parametrize(
    ("this", "last", "jump"),
    [
        (80, 8, True),
        (8, 80, True),
        (25, 0, True),
        (0, 42, True),
        (100, 20, True),
        (99, 20, False),  # less than 5×
        (15, 0, False),  # by less than 20
        (11, 2, False),
        (27, 27, False),
    ],
)
def test_jumps_threshold(this: int, last: int, jump: bool) -> None:
    assert is_jump(this, last) is jump


def test_jumps_same_figures_as_last_year_say_nothing() -> None:
    assert _jumps(_same_as_last_year()) == []


def test_jumps_one_finding_per_row_when_its_total_jumps() -> None:
    report = _same_as_last_year()
    # 新收 27 (all natural persons) last year; this year 270 natural persons, total 270.
    report.set(CellRef("requests", "received", "natural"), 270)
    report.set(CellRef("requests", "received", "total"), 270)
    found = _jumps(report)
    assert [f.cells for f in found] == [(CellRef("requests", "received", "total"),)]
    assert "本年 270，上年 27" in found[0].message and "10.0 倍" in found[0].message
    assert found[0].severity.value == "warning"


def test_jumps_a_column_alone_is_reported_when_the_total_is_steady() -> None:
    report = _same_as_last_year()
    report.previous = nested_values(
        {**values_of(report), CellRef("proactive", "normative_docs", "in_force"): 100}
    )
    report.set(CellRef("proactive", "normative_docs", "in_force"), 4)
    found = _jumps(report)
    assert [f.cells[0] for f in found] == [CellRef("proactive", "normative_docs", "in_force")]


def test_jumps_amounts_are_not_compared() -> None:
    report = _same_as_last_year()
    fees = CellRef("proactive", "fees", "amount")
    report.previous = nested_values({**values_of(report), fees: 1.0})
    report.set(fees, 500.0)
    assert _jumps(report) == []


def test_jumps_unknown_last_year_says_nothing() -> None:
    report = load_report(SAMPLE)
    report.set(CellRef("requests", "received", "total"), 2700)
    assert _jumps(report) == []

"""value.unconfirmed: cells an import could not read are 待确认; rules touching them wait."""

from __future__ import annotations

import random

import pytest

from editor.domain.checks import RULES, Severity, check_report
from editor.domain.forms import FORMS, CellRef, FormVersion, form_for
from editor.domain.model import Report
from tests.factories import consistent_report

CELLS = [(f.version, ref) for f in FORMS.values() for ref in f.cells]
# Every cell of both forms would be 400 cases; a seeded sample keeps the run short.
SOME_CELLS = random.Random(11).sample(CELLS, 40)


def _unread(report: Report, ref: CellRef) -> None:
    """What an import leaves for a cell it could not read: blank and flagged."""
    report.set(ref, None)
    report.flagged_cells.append(ref.key)


def _relations_of(report: Report, ref: CellRef) -> list[str]:
    table = report.form.table(ref.table)
    rules = [s.rule for s in table.sums if ref == s.total or ref in s.parts]
    rules += [b.rule for b in table.balances if ref in (*b.left, *b.right)]
    return rules


def test_unconfirmed_rule_is_a_warning() -> None:
    assert RULES["value.unconfirmed"].severity is Severity.WARNING


@pytest.mark.parametrize(("version", "ref"), SOME_CELLS, ids=lambda x: getattr(x, "key", x))
def test_unconfirmed_unread_cell_never_makes_an_error(version: FormVersion, ref: CellRef) -> None:
    report = consistent_report(version, seed=4)
    if report.get(ref) == 0:
        report.set(ref, 1)  # so that a blank breaks the sums it is in (they break already)
    _unread(report, ref)
    findings = check_report(report)
    assert not [f for f in findings if f.is_error]
    assert not [f for f in findings if f.rule == "value.blank" and ref in f.cells]
    held = [f for f in findings if f.rule == "value.unconfirmed"]
    listing = [f for f in held if f.cells == (ref,)]
    assert len(listing) == 1 and form_for(version).cell_name(ref) in listing[0].message
    # Each rule the blank broke is there as a 待确认 warning naming the unread cell.
    for f in held:
        if f is not listing[0]:
            assert ref in f.cells and "待确认" in f.message
            assert f.expected is None and f.actual is None


@pytest.mark.parametrize(("version", "ref"), SOME_CELLS, ids=lambda x: getattr(x, "key", x))
def test_unconfirmed_clerks_own_blank_keeps_todays_rules(
    version: FormVersion, ref: CellRef
) -> None:
    report = consistent_report(version, seed=4)
    if report.get(ref) == 0:
        report.set(ref, 1)
    before = {f.rule for f in check_report(report)}
    report.set(ref, None)  # blanked by the clerk, not flagged
    rules = [f.rule for f in check_report(report)]
    assert "value.unconfirmed" not in rules
    assert "value.blank" in rules
    for rule in _relations_of(report, ref):
        if rule not in before:
            assert rule in rules, rule


def test_unconfirmed_confirming_brings_the_error_back() -> None:
    report = consistent_report(FormVersion.V2021, seed=2)
    ref = CellRef("requests", "disclosed", "natural")
    report.set(ref, (report.get(ref) or 0) + 3)
    report.flagged_cells.append(ref.key)  # a flagged value (an import's guess) that is wrong
    assert not [f for f in check_report(report) if f.is_error]
    report.flagged_cells.remove(ref.key)
    rules = {f.rule for f in check_report(report) if f.is_error}
    assert {"requests.row_total", "requests.results_sum"} <= rules


def test_unconfirmed_text_numbers_keep_their_span() -> None:
    report = consistent_report(FormVersion.V2021, seed=2)
    total = report.get(CellRef("requests", "received", "total"))
    report.prose["overview.requests"] = f"本年度共收到政府信息公开申请 {total} 件。"
    assert not [f for f in check_report(report) if f.rule == "text.numbers"]
    ref = CellRef("requests", "received", "total")
    report.set(ref, (total or 0) + 5)  # an import's flagged value the text disagrees with
    report.flagged_cells.append(ref.key)
    assert "text.numbers" not in [f.rule for f in check_report(report)]
    held = [f for f in check_report(report) if f.rule == "value.unconfirmed" and f.span]
    assert held and held[0].span is not None and held[0].span.prose == "overview.requests"


def test_unconfirmed_invalid_value_stays_an_error() -> None:
    report = consistent_report(FormVersion.V2021, seed=2)
    ref = CellRef("requests", "disclosed", "natural")
    report.set(ref, -1)
    report.flagged_cells.append(ref.key)
    assert "value.invalid" in [f.rule for f in check_report(report) if f.is_error]


def test_unconfirmed_stale_or_foreign_keys_are_ignored() -> None:
    report = consistent_report(FormVersion.V2021, seed=2)
    report.flagged_cells = [
        "requests.nope.natural",
        "not a key",
        "proactive.other_services.prev_count",
    ]
    assert check_report(report) == []

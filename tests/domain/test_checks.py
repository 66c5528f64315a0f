"""Each rule of spec §4: a passing and a failing case, generated from the form definitions."""

from __future__ import annotations

import pytest

from editor.domain.checks import RULES, Severity, check_report, sum_fill_values
from editor.domain.forms import (
    FORMS,
    BalanceRelation,
    CellRef,
    FormVersion,
    SumRelation,
    form_for,
)
from editor.domain.model import Report
from tests.factories import consistent_report

SUMS = [(f.version, s) for f in FORMS.values() for t in f.tables for s in t.sums]
BALANCES = [(f.version, b) for f in FORMS.values() for t in f.tables for b in t.balances]


def _rules(report: Report, previous: Report | None = None) -> list[str]:
    return [f.rule for f in check_report(report, previous)]


@pytest.mark.parametrize("version", list(FormVersion))
def test_checks_consistent_report_has_no_findings(version: FormVersion) -> None:
    for seed in range(5):
        assert check_report(consistent_report(version, seed)) == []


@pytest.mark.parametrize(("version", "relation"), SUMS, ids=lambda x: getattr(x, "total", x))
def test_checks_sum_broken_total_is_found(version: FormVersion, relation: SumRelation) -> None:
    report = consistent_report(version)
    good = report.get(relation.total)
    assert isinstance(good, int)
    report.set(relation.total, good + 1)
    findings = [f for f in check_report(report) if f.cells and f.cells[0] == relation.total]
    mine = [f for f in findings if f.rule == relation.rule]
    assert len(mine) == 1
    finding = mine[0]
    assert finding.severity is Severity.ERROR
    assert (finding.expected, finding.actual) == (good, good + 1)
    assert set(relation.parts) <= set(finding.cells)
    assert f"应为 {good}" in finding.message and f"实为 {good + 1}" in finding.message
    assert form_for(version).table(relation.total.table).cell_name(relation.total) in (
        finding.message
    )


@pytest.mark.parametrize(("version", "relation"), SUMS, ids=lambda x: getattr(x, "total", x))
def test_checks_sum_blank_total_with_parts_is_error(
    version: FormVersion, relation: SumRelation
) -> None:
    report = consistent_report(version)
    report.set(relation.parts[0], (report.get(relation.parts[0]) or 0) + 1)
    report.set(relation.total, None)
    mine = [
        f for f in check_report(report) if f.rule == relation.rule and f.cells[0] == relation.total
    ]
    assert len(mine) == 1 and mine[0].actual is None and "实为 空白" in mine[0].message


@pytest.mark.parametrize(("version", "relation"), BALANCES, ids=lambda x: getattr(x, "left", x))
def test_checks_balance_broken_is_found(version: FormVersion, relation: BalanceRelation) -> None:
    report = consistent_report(version)
    # Raise 结转下年 alone: every sum still holds for this column except the row total.
    carried_out = relation.right[1]
    report.set(carried_out, (report.get(carried_out) or 0) + 2)
    balance = [f for f in check_report(report) if f.rule == "requests.balance"]
    assert len(balance) == 1
    assert balance[0].expected is not None and balance[0].actual == balance[0].expected + 2
    assert carried_out in balance[0].cells


def test_checks_results_sum_message_reads_like_a_clerk(sample_report: Report) -> None:
    ref = CellRef("requests", "results_total", "natural")
    sample_report.set(ref, 26)
    messages = [f.message for f in check_report(sample_report) if f.rule == "requests.results_sum"]
    assert messages == ["表三 （七）总计·自然人 应为 27（（一）至（六）各项之和），实为 26"]


@pytest.mark.parametrize("version", list(FormVersion))
def test_checks_value_invalid(version: FormVersion) -> None:
    form = form_for(version)
    report = consistent_report(version)
    assert "value.invalid" not in _rules(report)
    for table in form.tables:
        for ref in table.cells:
            kind = table.kind_of(ref).value
            for bad, valid in ((-1, kind == "signed"), (1.5, kind == "money"), (2.0, True)):
                old = report.set(ref, bad)
                found = [f for f in check_report(report) if f.rule == "value.invalid"]
                assert (found == []) == valid, (ref, bad)
                if found:
                    assert found[0].cells == (ref,) and found[0].actual == bad
                report.set(ref, old)


def test_checks_value_blank_names_each_blank_cell() -> None:
    report = consistent_report()
    report.set(CellRef("appeals", "review", "pending"), None)
    report.set(CellRef("appeals", "review", "upheld"), None)
    blank = [f for f in check_report(report) if f.rule == "value.blank"]
    assert len(blank) == 1 and blank[0].severity is Severity.WARNING
    assert set(blank[0].cells) == {
        CellRef("appeals", "review", "pending"),
        CellRef("appeals", "review", "upheld"),
    }


def test_checks_empty_report_only_warns() -> None:
    from editor.domain.model import new_report

    findings = check_report(new_report(2024, "某局"))
    assert findings and all(f.severity is Severity.WARNING for f in findings)


def test_checks_cross_year_carry_over() -> None:
    last = consistent_report(seed=3)
    this = consistent_report(seed=4)
    assert "cross_year.carry_over" not in _rules(this)  # runs only with a previous report
    for c in form_for(FormVersion.V2021).table("requests").columns:
        this.set(
            CellRef("requests", "carried_in", c.key),
            last.get(CellRef("requests", "carried_out", c.key)),
        )
    # Rebalance so only the cross-year rule is under test.
    this.set_values(sum_fill_values(this, this.form))
    carry = [f for f in check_report(this, last) if f.rule == "cross_year.carry_over"]
    assert carry == []
    ref = CellRef("requests", "carried_in", "natural")
    this.set(ref, (this.get(ref) or 0) + 1)
    carry = [f for f in check_report(this, last) if f.rule == "cross_year.carry_over"]
    assert len(carry) == 1 and carry[0].cells == (ref,)
    assert carry[0].expected == last.get(CellRef("requests", "carried_out", "natural"))


def test_checks_cross_year_uses_reference_values_kept_in_report() -> None:
    last = consistent_report(seed=3)
    this = consistent_report(seed=4)
    this.previous = last.tables
    this.previous_form = FormVersion.V2021
    assert "cross_year.carry_over" in _rules(this)


def test_checks_cross_year_in_force_chain() -> None:
    last = consistent_report(seed=1)
    this = consistent_report(seed=2)
    for row in ("rules", "normative_docs"):
        in_force = CellRef("proactive", row, "in_force")
        issued = this.get(CellRef("proactive", row, "issued")) or 0
        repealed = this.get(CellRef("proactive", row, "repealed")) or 0
        this.set(in_force, (last.get(in_force) or 0) + issued - repealed)
    assert "cross_year.in_force" not in _rules(this, last)
    this.set(CellRef("proactive", "rules", "in_force"), 999)
    found = [f for f in check_report(this, last) if f.rule == "cross_year.in_force"]
    assert len(found) == 1 and found[0].actual == 999
    assert found[0].severity is Severity.WARNING


def test_checks_in_force_never_chained_across_formats() -> None:
    last = consistent_report(FormVersion.V2019, seed=1)
    this = consistent_report(FormVersion.V2021, seed=2)
    this.set(CellRef("proactive", "rules", "in_force"), 999)
    assert "cross_year.in_force" not in _rules(this, last)


def test_checks_section6_fee() -> None:
    report = consistent_report()
    report.prose["other"] = "无其他需要报告的事项。"
    assert "section6.fee" in _rules(report)
    report.prose["other"] = "本年度未收取信息处理费。"
    no_fee = CellRef("requests", "other_no_fee", "total")
    assert (report.get(no_fee) or 0) > 0
    assert "section6.fee" in _rules(report)  # fees were charged, yet no amount is stated
    report.prose["other"] = "本年度收取信息处理费 300 元。"
    assert "section6.fee" not in _rules(report)


def test_checks_form_version() -> None:
    report = consistent_report(FormVersion.V2019)
    assert "form.version" not in _rules(report)
    report.meta.year = 2022
    found = [f for f in check_report(report) if f.rule == "form.version"]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    report = consistent_report(FormVersion.V2021)
    report.meta.year = 2020
    assert "form.version" in _rules(report)


@pytest.mark.parametrize("section", ["overview", "problems", "other"])
def test_checks_section_empty(section: str) -> None:
    report = consistent_report()
    for p in report.form.section_by_key[section].prose:
        report.prose[p.key] = ""
    assert "section.empty" in _rules(report)


def test_checks_section_five_just_wu() -> None:
    report = consistent_report()
    report.prose["problems"] = "无。"
    found = [f for f in check_report(report) if f.rule == "section.empty"]
    assert len(found) == 1 and "无" in found[0].message


def test_checks_every_finding_rule_is_registered(sample_report: Report) -> None:
    sample_report.set(CellRef("requests", "received", "total"), 1)
    sample_report.prose["problems"] = ""
    for f in check_report(sample_report):
        assert f.rule in RULES


def test_with_dependent_totals_is_closed_over_every_sum_of_each_table() -> None:
    from editor.domain.checks import with_dependent_totals
    from editor.domain.forms import FORM_2021

    for table in FORM_2021.tables:
        for total in table.total_cells:
            chosen = with_dependent_totals(table, {total})
            assert total in chosen and chosen <= table.total_cells
            # Closed: a total built on a chosen cell is chosen too (filling stays consistent).
            for relation in table.sums:
                if chosen.intersection(relation.parts):
                    assert relation.total in chosen, (total, relation.total)
            # Minimal: nothing that does not rest on `total`, directly or through others.
            for other in chosen - {total}:
                assert any(other == r.total and chosen.intersection(r.parts) for r in table.sums), (
                    other
                )


def test_with_dependent_totals_reaches_the_grand_total_from_a_row_total() -> None:
    from editor.domain.checks import with_dependent_totals
    from editor.domain.forms import FORM_2021

    requests = next(t for t in FORM_2021.tables if t.key == "requests")
    grown = with_dependent_totals(requests, {CellRef("requests", "withheld_state_secret", "total")})
    assert CellRef("requests", "results_total", "total") in grown

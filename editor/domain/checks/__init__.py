"""The consistency checks (勾稽关系) of spec §4: pure functions from a report to findings."""

from __future__ import annotations

from editor.domain.checks.copied_prose import check_copied_prose
from editor.domain.checks.findings import (
    RULES,
    SEVERITY_NAMES,
    Finding,
    RuleInfo,
    Severity,
    TextSpan,
    count_by_severity,
    summary_text,
)
from editor.domain.checks.jumps import check_jumps
from editor.domain.checks.prose import check_fee, check_form_version, check_sections
from editor.domain.checks.tables import (
    check_relations,
    check_values,
    sum_fill_values,
    with_dependent_totals,
)
from editor.domain.checks.text_change import check_text_change
from editor.domain.checks.text_numbers import check_text_numbers
from editor.domain.checks.text_period import check_text_period
from editor.domain.checks.unconfirmed import hold_unconfirmed
from editor.domain.checks.yardstick import last_year_of
from editor.domain.checks.year import check_cross_year
from editor.domain.model import Report

__all__ = [
    "RULES",
    "SEVERITY_NAMES",
    "Finding",
    "RuleInfo",
    "Severity",
    "TextSpan",
    "check_report",
    "count_by_severity",
    "sum_fill_values",
    "summary_text",
    "with_dependent_totals",
]


def check_report(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for `report`, errors first.

    Cross-year rules use `previous` when given, otherwise the last-year values the report keeps
    as a reference (`report.previous`, filled by "new from last year").
    """
    form = report.form
    values = report.flat_values()
    findings = [
        *check_form_version(report, form),
        *check_relations(values, form),
        *check_values(values, form),
        *check_sections(report, form),
        *check_fee(report, form),
        *check_text_numbers(report, form),
    ]
    if previous is not None:
        findings += check_cross_year(report, form, previous.tables, previous.meta.form_version)
    elif report.previous is not None:
        last_form = report.previous_form or form.version
        findings += check_cross_year(report, form, report.previous, last_form)
    # Against last year as the yardstick: copied prose, claims of change, unusual jumps.
    last = last_year_of(report, form, previous)
    findings += check_copied_prose(report, form, last)
    findings += check_text_change(report, form, last)
    findings += check_jumps(report, form, last)
    findings += check_text_period(report, form)
    if report.flagged_cells:  # cells an import could not read: 待确认, not errors
        findings = hold_unconfirmed(report, findings)
    findings.sort(key=lambda f: not f.is_error)
    return findings

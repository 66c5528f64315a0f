"""What a check reports, and the rules it can report under: ids, severities and their wording."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from editor.domain.forms import CellRef


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "提醒"}


class RuleInfo(NamedTuple):
    id: str
    severity: Severity
    title: str  # the rule in words, for tooltips and the findings panel


RULES: dict[str, RuleInfo] = {
    r.id: r
    for r in (
        RuleInfo("requests.balance", Severity.ERROR, "新收 + 上年结转 = 办理结果总计 + 结转下年"),
        RuleInfo("requests.results_sum", Severity.ERROR, "（七）总计 = （一）至（六）各项之和"),
        RuleInfo("requests.row_total", Severity.ERROR, "总计 = 自然人与各类法人或其他组织之和"),
        RuleInfo("appeals.total", Severity.ERROR, "总计 = 维持 + 纠正 + 其他结果 + 尚未审结"),
        RuleInfo("value.invalid", Severity.ERROR, "数值无效"),
        RuleInfo("value.blank", Severity.WARNING, "单元格空白（空白不等于 0）"),
        RuleInfo("value.unconfirmed", Severity.WARNING, "导入时未能读取的单元格待确认"),
        RuleInfo(
            "cross_year.carry_over", Severity.ERROR, "上年结转 = 上年报告的结转下年度继续办理"
        ),
        RuleInfo(
            "cross_year.in_force",
            Severity.WARNING,
            "现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
        ),
        RuleInfo("section6.fee", Severity.WARNING, "第六部分应说明信息处理费收取情况"),
        RuleInfo("form.version", Severity.ERROR, "报告年度与表格格式不符"),
        RuleInfo("section.empty", Severity.WARNING, "部分内容为空"),
        RuleInfo("text.numbers", Severity.WARNING, "正文中的数字与表格不符"),
        RuleInfo("label.variant", Severity.WARNING, "表格标签与官方格式不一致"),
        RuleInfo("prose.last_year", Severity.WARNING, "正文大部分沿用上年报告（内容雷同）"),
        RuleInfo("text.change", Severity.WARNING, "正文所述同比变化与两年表格不符"),
        RuleInfo("cross_year.jump", Severity.WARNING, "数字与上年相比变化异常"),
        RuleInfo("text.period", Severity.WARNING, "正文中的统计期限或报告年度不是本年"),
    )
}


class TextSpan(NamedTuple):
    """Where in the prose a finding points: a prose key and a character range."""

    prose: str
    start: int
    end: int


class Finding(NamedTuple):
    """One broken rule. `cells[0]` is the cell the finding is about; the rest are its parts."""

    rule: str
    message: str
    cells: tuple[CellRef, ...] = ()
    expected: int | float | str | None = None
    actual: int | float | str | None = None
    span: TextSpan | None = None

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [{"table": c.table, "row": c.row, "column": c.column} for c in self.cells],
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.span is not None:
            out["span"] = {"prose": self.span.prose, "start": self.span.start, "end": self.span.end}
        return out


def count_by_severity(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def summary_text(findings: list[Finding]) -> str:
    errors, warnings = count_by_severity(findings)
    if not findings:
        return "未发现问题"
    return f"{errors} 处错误，{warnings} 处提醒"

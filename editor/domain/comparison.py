"""与上年对比: this year's figures beside last year's, with the change in 件 and in per cent.

One line per figure a reader compares: in a table with a 总计 column (表三, 表四) the 总计 of each
row, otherwise every cell (表二). Last year's figures are those `check` compares with: from
`--previous` or what a report started from last year keeps, only cells meaning the same in both
years' forms. Used by the window's comparison view and the workbook's comparison sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.domain.checks.yardstick import LastYear, last_year_of
from editor.domain.forms import CellRef, TableDef
from editor.domain.model import Report

_TOTAL = "total"


@dataclass(frozen=True)
class ComparisonLine:
    ref: CellRef
    table: str  # "表三"
    item: str  # the cell in words, without the table: "一、本年新收政府信息公开申请数量·总计"
    this: int | float | None
    last: int | float | None

    @property
    def change(self) -> int | float | None:
        if self.this is None or self.last is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> float | None:
        """The change as a share of last year's figure; None when last year's is 0 or unknown."""
        change = self.change
        if change is None or not self.last:
            return None
        return change / self.last * 100


def has_last_year_values(report: Report, previous: Report | None = None) -> bool:
    last = last_year_of(report, report.form, previous)
    return last is not None and bool(last.values)


def comparison_lines(report: Report, previous: Report | None = None) -> list[ComparisonLine]:
    """The lines of every table, in the form's order; empty when last year's values are unknown."""
    last = last_year_of(report, report.form, previous)
    if last is None or not last.values:
        return []
    lines: list[ComparisonLine] = []
    for table in report.form.tables:
        lines += table_lines(report, table, last)
    return lines


def table_lines(report: Report, table: TableDef, last: LastYear) -> list[ComparisonLine]:
    has_total = any(c.key == _TOTAL for c in table.columns)
    out: list[ComparisonLine] = []
    for ref in table.cells:
        if has_total and ref.column != _TOTAL:
            continue
        this, before = report.get(ref), last.get(ref)
        if this is None and before is None:
            continue
        out.append(ComparisonLine(ref, table.number, table.cell_name(ref), this, before))
    return out


def format_percent(value: float | None) -> str:
    """ "+12.5%", "−3.0%", "" when there is no percentage (last year 0 or unknown)."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{abs(value):.1f}%"

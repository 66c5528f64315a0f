"""`cross_year.jump`: a figure that changed far more than figures usually do from one year to the
next — a typo (an extra digit), a different scope, or a real event worth one sentence in the text.

Never an error: a new 12345 channel or a one-off campaign can multiply a count. Only counts are
compared (amounts in 万元 and the 2019 signed change are not), only cells meaning the same in both
years' forms, and within a row a jumping 总计 stands for its columns (one finding, not seven).
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.domain.checks.findings import Finding
from editor.domain.checks.yardstick import LastYear
from editor.domain.forms import CellRef, FormDef, ValueKind
from editor.domain.model import Report
from editor.domain.values import format_value

RULE = "cross_year.jump"
# At least five times (or a fifth) of last year's figure, and by at least 20: a count going from
# 2 to 11 is ordinary noise in a small office; 8 to 80 is not.
MIN_FACTOR = 5
MIN_DIFFERENCE = 20
_TOTAL_COLUMN = "total"


def is_jump(this: int | float, last: int | float) -> bool:
    high, low = max(this, last), min(this, last)
    return high - low >= MIN_DIFFERENCE and high >= MIN_FACTOR * low


def check_jumps(report: Report, form: FormDef, last: LastYear | None) -> Iterator[Finding]:
    if last is None or not last.values:
        return
    values = report.tables
    for table in form.tables:
        rows = values.get(table.key)
        if not rows:
            continue
        for row_key, columns in rows.items():
            jumps = [
                (CellRef(table.key, row_key, column), value, before)
                for column, value in columns.items()
                if table.kind_of(CellRef(table.key, row_key, column)) is ValueKind.COUNT
                and (before := last.get(CellRef(table.key, row_key, column))) is not None
                and is_jump(value, before)
            ]
            totals = [j for j in jumps if j[0].column == _TOTAL_COLUMN]
            for ref, value, before in totals or jumps:
                yield _finding(form, ref, value, before)


def _finding(form: FormDef, ref: CellRef, value: int | float, before: int | float) -> Finding:
    if not before:
        change = "上年为 0"
    elif not value:
        change = "本年为 0"
    elif value > before:
        change = f"为上年的 {value / before:.1f} 倍"
    else:
        change = f"仅为上年的 {value / before:.0%}"
    return Finding(
        RULE,
        f"{form.cell_name(ref)} 本年 {format_value(value)}，上年 {format_value(before)}，"
        f"{change}，变化远超往常：请核对是否录入有误；如属实，宜在正文中说明原因",
        (ref,),
        before,
        value,
    )

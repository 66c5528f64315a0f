"""`cross_year.jump`: a figure that changed far more than figures usually do from one year to the
next — a typo (an extra digit), a different scope, or a real event worth one sentence in the text.

Never an error: a new 12345 channel or a one-off campaign can multiply a count. Only counts are
compared (amounts in 万元 and the 2019 signed change are not), only cells meaning the same in both
years' forms, and within a row a jumping 总计 stands for its columns (one finding, not seven).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from editor.domain.checks.findings import Finding
from editor.domain.checks.yardstick import LastYear
from editor.domain.forms import CellRef, FormDef, FormVersion, ValueKind, form_for
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
    # Read straight from both years' nested values: this runs after every keystroke, and most
    # cells stop at the first comparison (a difference under MIN_DIFFERENCE).
    for table in form.tables:
        rows, last_rows = report.tables.get(table.key), last.values.get(table.key)
        if not rows or not last_rows:
            continue
        counts = _count_columns(form.version, table.key)
        for row_key, columns in rows.items():
            last_columns = last_rows.get(row_key)
            if not last_columns:
                continue
            jumps: list[tuple[CellRef, int | float, int | float]] = []
            for column, value in columns.items():
                before = last_columns.get(column)
                if before is None or abs(value - before) < MIN_DIFFERENCE:
                    continue
                ref = CellRef(table.key, row_key, column)
                if column in counts and last.get(ref) is not None and is_jump(value, before):
                    jumps.append((ref, value, before))
            if not jumps:
                continue
            totals = [j for j in jumps if j[0].column == _TOTAL_COLUMN]
            for ref, value, before in totals or jumps:
                yield _finding(form, ref, value, before)


@lru_cache(maxsize=16)
def _count_columns(version: FormVersion, table: str) -> frozenset[str]:
    columns = form_for(version).table(table).columns
    return frozenset(c.key for c in columns if c.kind is ValueKind.COUNT)


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

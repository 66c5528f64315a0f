"""Rules across years: carry-over and the chain of 现行有效件数."""

from __future__ import annotations

from collections.abc import Iterator

from editor.domain.checks.findings import Finding
from editor.domain.forms import REQUESTS_COLUMNS, CellRef, FormDef, FormVersion
from editor.domain.model import Report, TableValues
from editor.domain.values import format_value


def _get(values: TableValues, ref: CellRef) -> int | float | None:
    return values.get(ref.table, {}).get(ref.row, {}).get(ref.column)


def check_cross_year(
    report: Report, form: FormDef, previous: TableValues, previous_version: FormVersion
) -> Iterator[Finding]:
    for column in REQUESTS_COLUMNS:
        this = CellRef("requests", "carried_in", column.key)
        last = CellRef("requests", "carried_out", column.key)
        expected, actual = _get(previous, last), report.get(this)
        if expected is None or expected == actual:
            continue
        shown = "空白" if actual is None else format_value(actual)
        yield Finding(
            "cross_year.carry_over",
            f"{form.cell_name(this)} 应为 {format_value(expected)}"
            f"（上年报告“四、结转下年度继续办理”），实为 {shown}",
            (this,),
            expected,
            actual,
        )
    # 2019 对外公开总数量 and 2021 现行有效件数 are different quantities: never chain them.
    if form.version is not FormVersion.V2021 or previous_version is not FormVersion.V2021:
        return
    for row in ("rules", "normative_docs"):
        refs = [CellRef("proactive", row, c) for c in ("in_force", "issued", "repealed")]
        last_in_force = _get(previous, refs[0])
        in_force, issued, repealed = (report.get(r) for r in refs)
        if last_in_force is None or in_force is None:
            continue
        expected = last_in_force + (issued or 0) - (repealed or 0)
        if expected == in_force:
            continue
        yield Finding(
            "cross_year.in_force",
            f"{form.cell_name(refs[0])} 应为 {format_value(expected)}（上年 "
            f"{format_value(last_in_force)} + 本年制发 {format_value(issued or 0)} − 本年废止 "
            f"{format_value(repealed or 0)}），实为 {format_value(in_force)}；"
            "如经清理，请在正文中说明",
            tuple(refs),
            expected,
            in_force,
        )

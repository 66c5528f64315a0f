"""Rules on the table values alone: sums, the 表三 balance, invalid and blank cells."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from editor.domain.checks.findings import Finding
from editor.domain.forms import BalanceRelation, CellRef, FormDef, SumRelation, TableDef
from editor.domain.model import Report
from editor.domain.values import format_value, value_problem

# What the parts of each sum are, in a clerk's words, for "应为 27（明细之和）".
SUM_PARTS_WORDING = {
    "requests.row_total": "各类申请人之和",
    "requests.results_sum": "（一）至（六）各项之和",
    "appeals.total": "维持、纠正、其他结果、尚未审结之和",
}


def _show(value: int | float | None) -> str:
    return "空白" if value is None else format_value(value)


def _sum(values: list[int | float | None]) -> int | float:
    return sum(v for v in values if v is not None)


Values = Mapping[CellRef, int | float]


def check_sum(values: Values, form: FormDef, relation: SumRelation) -> Finding | None:
    get = values.get
    actual = get(relation.total)
    try:
        # No blank part, the common case: summed in C (a reviewer checks hundreds of files).
        expected: int | float = sum(map(get, relation.parts))  # type: ignore[arg-type]
    except TypeError:  # a blank part (None)
        parts = [get(p) for p in relation.parts]
        if actual is None and all(p is None for p in parts):
            return None
        expected = _sum(parts)
    if actual is None and expected == 0:
        return None  # nothing to add up; the blank itself is a value.blank warning
    if actual == expected:
        return None
    message = (
        f"{form.cell_name(relation.total)} 应为 {format_value(expected)}"
        f"（{SUM_PARTS_WORDING[relation.rule]}），实为 {_show(actual)}"
    )
    return Finding(relation.rule, message, (relation.total, *relation.parts), expected, actual)


def check_balance(values: Values, form: FormDef, relation: BalanceRelation) -> Finding | None:
    left = [values.get(c) for c in relation.left]
    right = [values.get(c) for c in relation.right]
    if all(v is None for v in left + right):
        return None
    expected, actual = _sum(left), _sum(right)
    if expected == actual:
        return None
    table = form.table(relation.left[0].table)
    column = table.column_by_key[relation.left[0].column].label
    message = (
        f"{table.number} {column}：新收 {_show(left[0])} + 上年结转 {_show(left[1])} = "
        f"{format_value(expected)}，应等于办理结果总计 {_show(right[0])} + "
        f"结转下年 {_show(right[1])} = {format_value(actual)}"
    )
    return Finding(relation.rule, message, (*relation.right, *relation.left), expected, actual)


def check_relations(values: Values, form: FormDef) -> Iterator[Finding]:
    for table in form.tables:
        for s in table.sums:
            found = check_sum(values, form, s)
            if found:
                yield found
        for b in table.balances:
            found_balance = check_balance(values, form, b)
            if found_balance:
                yield found_balance


def check_values(values: Values, form: FormDef) -> Iterator[Finding]:
    """value.invalid for values that do not fit their column, value.blank per table."""
    for key, value in values.items():
        if type(value) is int and value >= 0:
            continue  # fits every kind of column; most cells take this path
        ref = CellRef(*key)
        table = form.table_by_key.get(ref.table)
        if table is None or ref not in table.cell_set:
            continue
        problem = value_problem(value, table.kind_of(ref))
        if problem:
            yield Finding(
                "value.invalid",
                f"{form.cell_name(ref)} 的值 {format_value(value)} 无效：{problem}",
                (ref,),
                None,
                value,
            )
    keys = values.keys()
    for table in form.tables:
        if keys >= table.cell_set:
            continue  # every cell filled: one set comparison, done in C
        blanks = tuple(c for c in table.cells if c not in values)
        if blanks:
            yield Finding("value.blank", blank_message(table.number, len(blanks)), blanks)


def blank_message(table_number: str, count: int) -> str:
    return f"{table_number}有 {count} 个单元格空白（空白不等于 0；没有发生请填 0）"


def with_dependent_totals(table: TableDef, totals: set[CellRef]) -> set[CellRef]:
    """`totals` and every total of `table` whose parts include one of them, transitively
    (（七）总计 is built on the rows' totals: filling those alone would break it)."""
    chosen = set(totals)
    grown = True
    while grown:
        grown = False
        for relation in table.sums:
            if relation.total not in chosen and chosen.intersection(relation.parts):
                chosen.add(relation.total)
                grown = True
    return chosen


def sum_fill_values(
    report: Report, form: FormDef, only: set[CellRef] | None = None
) -> dict[CellRef, int | float]:
    """New values for total cells whose parts disagree with them (the "fill totals" command).

    Row totals are filled before the results sum so that a filled 总计 column is consistent.
    """
    changes: dict[CellRef, int | float] = {}
    values = report.flat_values()
    for table in form.tables:
        for s in table.sums:
            if only is not None and s.total not in only:
                continue
            parts = [changes.get(p, values.get(p)) for p in s.parts]
            if all(p is None for p in parts):
                continue
            expected = _sum(parts)
            if values.get(s.total) != expected:
                changes[s.total] = expected
    return changes

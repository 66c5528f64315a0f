"""Rows that fit their own sums in several ways, decided by the table's other sums (column
totals, the 表三 balance): a reading is taken only when every combination that passes them agrees
on it; the other rows are flagged for the clerk."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from editor.domain.forms import BalanceRelation, CellRef, SumRelation, TableDef
from editor.importers.published.alignment import Cell, Choice, RowOutcome, Unread
from editor.importers.published.reading import TableReading, listed, show_cells
from editor.importers.published.rows import PrintedRow, row_name

Value = int | float
# Most combinations of ambiguous rows tried against the column totals.
COMBINATION_LIMIT = 20_000


def column_rules(table: TableDef, refs: tuple[CellRef, ...]) -> bool:
    """Whether any sum or balance of the table ties these cells to other rows."""
    mine = set(refs)
    relations: list[SumRelation | BalanceRelation] = [*table.sums, *table.balances]
    return any(mine & set(_cells_of(r)) and not set(_cells_of(r)) <= mine for r in relations)


def resolve_by_columns(
    table: TableDef,
    rows: list[PrintedRow],
    outcomes: Mapping[int, RowOutcome],
    reading: TableReading,
) -> None:
    """Rows with several fitting readings: keep what every combination passing the table's
    other sums (column totals, the balance) agrees on; flag the rest."""
    if not outcomes:
        return
    order = sorted(outcomes)
    relations: list[SumRelation | BalanceRelation] = [*table.sums, *table.balances]
    involved = {ref for i in order for ref in rows[i].refs}
    relevant = [r for r in relations if involved & set(_cells_of(r))]
    size = 1
    for i in order:
        size *= len(outcomes[i].choices)
    passing: list[tuple[Choice, ...]] = []
    if size <= COMBINATION_LIMIT and relevant:
        for combo in itertools.product(*(outcomes[i].choices for i in order)):
            values: dict[CellRef, Cell] = {**reading.values, **dict.fromkeys(reading.blanks)}
            for i, choice in zip(order, combo, strict=True):
                values.update(zip(rows[i].refs, choice.cells, strict=True))
            if all(_holds(r, values) for r in relevant):
                passing.append(combo)
    for k, i in enumerate(order):
        row, choices = rows[i], outcomes[i].choices
        name = row_name(table, row)
        word = "拆分" if all(c.how == "split" for c in choices) else "读法"
        options = {combo[k].cells: combo[k] for combo in passing}
        if len(options) == 1:
            chosen = next(iter(options.values()))
            reading.take(row.refs, chosen.cells)
            reading.splits.append(
                f"{name}数字连写，本行有 {len(choices)} 种{word}（{listed(choices)}），"
                f"只有 {show_cells(chosen.cells)} 符合各栏合计，已采用"
            )
            continue
        if size > COMBINATION_LIMIT or not relevant:
            why = "可能的组合过多，无法由各栏合计确定"
        else:
            why = "都不符合各栏合计" if not passing else "无法由各栏合计确定"
        reading.asks.append(
            (
                f"{name}数字连写，有 {len(choices)} 种{word}符合本行合计（{listed(choices)}），"
                f"{why}。未猜测，请对照原文填写",
                row.refs,
            )
        )
        reading.flag(*row.refs)


def _cells_of(relation: SumRelation | BalanceRelation) -> tuple[CellRef, ...]:
    if isinstance(relation, SumRelation):
        return (relation.total, *relation.parts)
    return (*relation.left, *relation.right)


def _holds(relation: SumRelation | BalanceRelation, values: Mapping[CellRef, Cell]) -> bool:
    """True when the relation holds (a blank counting as 0), or cannot be judged (a cell is not
    known or not readable)."""
    cells = _cells_of(relation)
    if any(c not in values or isinstance(values[c], Unread) for c in cells):
        return True

    def number(ref: CellRef) -> Value:
        value = values[ref]
        return value if isinstance(value, int | float) else 0

    if isinstance(relation, SumRelation):
        return number(relation.total) == sum(number(p) for p in relation.parts)
    return sum(number(c) for c in relation.left) == sum(number(c) for c in relation.right)

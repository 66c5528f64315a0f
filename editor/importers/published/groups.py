"""A row group printed as one row ("（六）其他处理" with no items, as an older template prints it).

The one row holds, per column, the total of the group's items. Only arithmetic that pins a cell
down fills it: a column total of 0 makes every item 0 (counts are never negative); a blank
total leaves the items blank, as printed. Any other total cannot be shared out among the items:
those cells are left blank and flagged for the clerk, with the total in the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.domain.forms import CellRef, TableDef
from editor.domain.values import format_value
from editor.importers.published.alignment import RowOutcome, Unread
from editor.importers.published.rows import PrintedRow

if TYPE_CHECKING:
    from editor.importers.published.reading import TableReading


def read_group(
    table: TableDef,
    label: str,
    members: list[PrintedRow],
    outcome: RowOutcome,
    reading: TableReading,
) -> None:
    where = f"{table.number}“{label}”按一行印出，没有分项"
    everything = tuple(ref for m in members for ref in m.refs)
    if len(outcome.choices) != 1 or outcome.exhausted:
        reading.asks.append((f"{where}，且读不出这一行的各栏，分项留空，待确认", everything))
        reading.flag(*everything)
        return
    totals = outcome.choices[0].cells
    zero: list[CellRef] = []
    blank: list[CellRef] = []
    open_columns: list[str] = []
    for j, total in enumerate(totals):
        column = [m.refs[j] for m in members]
        name = table.column_by_key[column[0].column].label
        if isinstance(total, Unread):
            reading.flag(*column)
            open_columns.append(f"{name}（读不出）")
        elif total is None:
            blank.extend(column)
            reading.blanks.extend(column)
        elif total == 0:
            zero.extend(column)
            reading.values.update(dict.fromkeys(column, 0))
        else:
            reading.flag(*column)
            open_columns.append(f"{name}合计 {format_value(total)}")
    if zero:
        reading.assumed.append(
            (
                f"{where}：合计为 0 的栏，各分项必为 0，已按此填写（{_columns(table, zero)}）",
                tuple(zero),
            )
        )
    if blank:
        reading.assumed.append(
            (f"{where}：合计空白的栏，各分项按空白导入（{_columns(table, blank)}）", tuple(blank))
        )
    if open_columns:
        cells = tuple(ref for ref in everything if ref in reading.flagged)
        reading.asks.append(
            (
                f"{where}：{'、'.join(open_columns)}，无法分到各分项，这些单元格留空，待确认",
                cells,
            )
        )


def _columns(table: TableDef, refs: list[CellRef]) -> str:
    seen: list[str] = []
    for ref in refs:
        label = table.column_by_key[ref.column].label
        if label not in seen:
            seen.append(label)
    return "、".join(seen)

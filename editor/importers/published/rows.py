"""A table's printed rows and row groups, as the form's layout draws them (never listed here)."""

from __future__ import annotations

from dataclasses import dataclass

from editor.domain.forms import CellRef, TableDef
from editor.domain.layout import CellRole, table_layout
from editor.importers.published.digits import Rule
from editor.importers.published.locate import needle_of


@dataclass(frozen=True)
class PrintedRow:
    refs: tuple[CellRef, ...]
    label: str  # the row's own label as printed on the form; "" for 表四's single row


@dataclass(frozen=True)
class RowGroup:
    """A label spanning several printed rows ("（六）其他处理" over its three items). An older
    template prints such a group as one row of column totals."""

    label: str
    rows: tuple[int, ...]  # indices into printed_rows()


def printed_rows(table: TableDef) -> list[PrintedRow]:
    """The table's value rows as printed, each with its cells in order and its own label."""
    layout = table_layout(table)
    by_row: dict[int, list[tuple[int, CellRef]]] = {}
    for cell in layout.cells:
        if cell.role is CellRole.VALUE and cell.ref is not None:
            by_row.setdefault(cell.row, []).append((cell.column, cell.ref))
    rows: list[PrintedRow] = []
    for row in sorted(by_row):
        cells = sorted(by_row[row])
        first = cells[0][0]
        label_cell = layout.cell_at(row, first - 1) if first > 0 else None
        label = label_cell.text if label_cell and label_cell.role is CellRole.LABEL else ""
        rows.append(PrintedRow(tuple(ref for _c, ref in cells), label))
    return rows


def row_groups(table: TableDef) -> list[RowGroup]:
    """Labels spanning two or more printed rows that have labels of their own, with those rows;
    only groups of plain items (a group holding a column total, such as "三、本年度办理结果"
    over "（七）总计", does not add up to one row)."""
    layout = table_layout(table)
    rows = printed_rows(table)
    column_totals = {
        s.total
        for s in table.sums
        if not any(s.total in r.refs and all(p in r.refs for p in s.parts) for r in rows)
    }
    value_rows = sorted(
        {c.row for c in layout.cells if c.role is CellRole.VALUE and c.ref is not None}
    )
    position = {row: i for i, row in enumerate(value_rows)}
    own = {r.label for r in rows}
    groups: list[RowGroup] = []
    for cell in layout.cells:
        if cell.role is not CellRole.LABEL or cell.row_span < 2 or cell.text in own:
            continue
        covered = tuple(
            position[r] for r in range(cell.row, cell.row + cell.row_span) if r in position
        )
        if len(covered) >= 2 and not any(set(rows[i].refs) & column_totals for i in covered):
            groups.append(RowGroup(cell.text, covered))
    return sorted(groups, key=lambda g: g.rows)


def furniture(table: TableDef) -> tuple[str, ...]:
    """Printed texts of the table that are not a row's own label (headers, group labels)."""
    own = {r.label for r in printed_rows(table)}
    texts = {
        needle_of(c.text)
        for c in table_layout(table).cells
        if c.role is not CellRole.VALUE and c.text and c.text not in own
    }
    return tuple(sorted(texts, key=len, reverse=True))


def row_rules(table: TableDef, refs: tuple[CellRef, ...]) -> list[Rule]:
    """The table's sums that lie within one printed row, as (total index, part indices)."""
    where = {ref: i for i, ref in enumerate(refs)}
    return [
        (where[s.total], [where[p] for p in s.parts])
        for s in table.sums
        if s.total in where and all(p in where for p in s.parts)
    ]


def row_name(table: TableDef, row: PrintedRow) -> str:
    return f"{table.number}“{row.label}”" if row.label else table.number

"""A report's tables as an office might print them: the official layout, then the variations.

Variations (see Style): zero cells printed as "0", empty, "/" or "—"; full-width digits; a "/"
in the spare part of a label that spans label columns (a diagonal or an empty label cell);
（六）其他处理 as one row of column totals (an older template). `expected` says what the printed
table lets a reader know of each cell: its number, blank (printed empty), or nothing (a cell of a
group printed only as its total, unless that total is 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.domain.forms import CellRef, TableDef, TableShape
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.domain.values import format_value

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
OTHER_GROUP = "（六）其他处理"
WORD = "若干"  # what some reports print where a number belongs

Value = int | float


@dataclass(frozen=True)
class Style:
    """How a published copy prints its tables (and, in document.py, its title)."""

    zeros: str = "0"  # how a zero cell prints: "0", "" (empty), "/", "—"
    full_width: bool = False
    stray_slash: bool = False  # "/" in the spare part of a wide label cell
    other_as_one_row: bool = False  # （六）其他处理 as one row (2021 form only)
    title: int = 0  # index into document.TITLES
    period: bool = False  # the opening states the 统计期限
    words: frozenset[str] = frozenset()  # cell keys printed as a word ("若干"), not a number


@dataclass(frozen=True)
class GridCell:
    row: int
    column: int
    row_span: int
    column_span: int
    text: str
    role: CellRole
    ref: CellRef | None = None


@dataclass
class Grid:
    table: TableDef
    rows: int
    columns: int
    header_rows: int
    cells: list[GridCell]

    def row_cells(self, row: int) -> list[GridCell]:
        """Cells whose top-left corner is in `row`, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.column)


@dataclass
class Expected:
    """What the source shows of each cell: a number, None (printed blank), or unknowable."""

    values: dict[CellRef, Value | None] = field(default_factory=dict)
    unknowable: set[CellRef] = field(default_factory=set)


def value_text(value: Value | None, style: Style) -> str:
    if value is None:
        return ""
    text = style.zeros if value == 0 else format_value(value)
    return text.translate(FULL_WIDTH) if style.full_width else text


def shown(value: Value | None, style: Style) -> Value | None:
    """What a reader gets back from the printed text of `value`."""
    if value is None or (value == 0 and style.zeros != "0"):
        return None
    return value


def build_grid(report: Report, table: TableDef, style: Style, expected: Expected) -> Grid:
    layout = table_layout(table)
    cells = [
        GridCell(c.row, c.column, c.row_span, c.column_span, c.text, c.role, c.ref)
        for c in layout.cells
    ]
    rows = layout.row_count
    for c in cells:
        if c.ref is not None and c.ref.key in style.words:
            expected.unknowable.add(c.ref)
        elif c.ref is not None:
            expected.values[c.ref] = shown(report.get(c.ref), style)
    if style.other_as_one_row and table.shape is TableShape.GRID:
        cells, rows = _other_as_one_row(report, table, cells, rows, style, expected)
    out: list[GridCell] = []
    for c in cells:
        if c.ref is not None and c.ref.key in style.words:
            out.append(_with_text(c, WORD))
        elif c.ref is not None:
            out.append(_with_text(c, value_text(report.get(c.ref), style)))
        elif (
            style.stray_slash
            and c.role is CellRole.LABEL
            and c.column_span >= 2
            and c.column + c.column_span == layout.label_column_count
        ):
            # The label keeps all but the last label column; that one prints a "/".
            out.append(GridCell(c.row, c.column, c.row_span, c.column_span - 1, c.text, c.role))
            out.append(
                GridCell(c.row, c.column + c.column_span - 1, c.row_span, 1, "/", CellRole.EMPTY)
            )
        else:
            out.append(c)
    return Grid(table, rows, layout.column_count, layout.header_row_count, out)


def _with_text(c: GridCell, text: str) -> GridCell:
    return GridCell(c.row, c.column, c.row_span, c.column_span, text, c.role, c.ref)


def _other_as_one_row(
    report: Report,
    table: TableDef,
    cells: list[GridCell],
    rows: int,
    style: Style,
    expected: Expected,
) -> tuple[list[GridCell], int]:
    """The items of （六）其他处理 replaced by one row of their column totals."""
    group = next(
        (c for c in cells if c.role is CellRole.LABEL and c.text == OTHER_GROUP and c.row_span > 1),
        None,
    )
    if group is None:
        return cells, rows
    first, span = group.row, group.row_span
    items = range(first, first + span)
    refs_by_column: dict[int, list[CellRef]] = {}
    for c in cells:
        if c.ref is not None and c.row in items:
            refs_by_column.setdefault(c.column, []).append(c.ref)
    kept: list[GridCell] = []
    for c in cells:
        if c.row in items:
            continue
        if c.row <= first < c.row + c.row_span:  # "三、本年度办理结果" over the group
            kept.append(
                GridCell(c.row, c.column, c.row_span - span + 1, c.column_span, c.text, c.role)
            )
        elif c.row > first:
            kept.append(
                GridCell(
                    c.row - span + 1, c.column, c.row_span, c.column_span, c.text, c.role, c.ref
                )
            )
        else:
            kept.append(c)
    kept.append(
        GridCell(
            first, group.column, 1, table.label_columns - group.column, OTHER_GROUP, CellRole.LABEL
        )
    )
    for column, refs in sorted(refs_by_column.items()):
        total = sum(report.get(r) or 0 for r in refs)
        # A pseudo-cell: its text is the column total; no ref (nothing of the form is this cell).
        kept.append(GridCell(first, column, 1, 1, value_text(total, style), CellRole.VALUE))
        for ref in refs:
            if total == 0:
                expected.values[ref] = shown(0, style)
            else:
                expected.values.pop(ref, None)
                expected.unknowable.add(ref)
    return kept, rows - span + 1

"""Where the cursor goes from a cell: only to cells that take a value, as in Excel's protected
sheets. Headers, labels and 表二's block headings are never landed on by Enter, Tab or arrows, so
a number typed next always goes into a cell that takes it.

Pure functions over a `TableLayout`; positions are (row, column) of a value cell's anchor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from enum import Enum

from editor.domain.layout import CellRole, LayoutCell, TableLayout

Position = tuple[int, int]


class Step(Enum):
    DOWN = "down"  # Enter, ↓
    UP = "up"  # Shift+Enter, ↑
    NEXT = "next"  # Tab
    PREVIOUS = "previous"  # Shift+Tab
    LEFT = "left"  # ←
    RIGHT = "right"  # →


def _value_cells(layout: TableLayout) -> list[LayoutCell]:
    return [c for c in layout.cells if c.role is CellRole.VALUE]


def _reading_order(layout: TableLayout) -> list[Position]:
    return sorted((c.row, c.column) for c in _value_cells(layout))


def _covers_column(cell: LayoutCell, column: int) -> bool:
    return cell.column <= column < cell.column + cell.column_span


def is_value(layout: TableLayout, row: int, column: int) -> bool:
    cell = layout.cell_at(row, column)
    return cell is not None and cell.role is CellRole.VALUE


def step_from(layout: TableLayout, row: int, column: int, step: Step) -> Position | None:
    """The value cell one `step` away from (row, column), or None when there is none.

    Tab and Shift+Tab go through the value cells in reading order and wrap around; Enter and the
    vertical arrows stay in the column and, at its end, go on in the next (previous) column, so
    that in 表四's single row Enter walks along the row; ← and → stay in the row.
    """
    here = layout.cell_at(row, column)
    anchor = (here.row, here.column) if here is not None else (row, column)
    if step in (Step.NEXT, Step.PREVIOUS):
        return _along_reading_order(layout, anchor, step is Step.NEXT)
    if step in (Step.DOWN, Step.UP):
        return _along_column(layout, anchor, column, step is Step.DOWN)
    return _along_row(layout, anchor, step is Step.RIGHT)


def _along_reading_order(layout: TableLayout, anchor: Position, forward: bool) -> Position | None:
    order = _reading_order(layout)
    if not order:
        return None
    if forward:
        i = bisect_right(order, anchor)
        return order[i % len(order)]
    i = bisect_left(order, anchor) - 1
    return order[i]  # -1 wraps to the last cell


def _along_column(
    layout: TableLayout, anchor: Position, column: int, down: bool
) -> Position | None:
    cells = _value_cells(layout)
    same = [c for c in cells if _covers_column(c, column)]
    if down:
        below = [c for c in same if c.row > anchor[0]]
        if below:
            nearest = min(below, key=lambda c: c.row)
            return nearest.row, nearest.column
    else:
        above = [c for c in same if c.row < anchor[0]]
        if above:
            nearest = max(above, key=lambda c: c.row)
            return nearest.row, nearest.column
    # The column is done: carry on in column-major order, as reading down the next column.
    order = sorted((c.column, c.row) for c in cells)
    if not order:
        return None
    key = (anchor[1], anchor[0])
    if down:
        later = [p for p in order if p > key]
        column_first = later[0] if later else order[0]
    else:
        earlier = [p for p in order if p < key]
        column_first = earlier[-1] if earlier else order[-1]
    return column_first[1], column_first[0]


def _along_row(layout: TableLayout, anchor: Position, right: bool) -> Position | None:
    row_cells = sorted(c.column for c in _value_cells(layout) if c.row == anchor[0])
    if right:
        after = [c for c in row_cells if c > anchor[1]]
        return (anchor[0], after[0]) if after else None
    before = [c for c in row_cells if c < anchor[1]]
    return (anchor[0], before[-1]) if before else None

"""Enter, Tab and the arrows land only on cells that take a value, in every table of both
formats (the layouts are the real ones the grid draws)."""

from __future__ import annotations

import pytest

from editor.domain.forms import FORM_2019, FORM_2021, CellRef, TableDef
from editor.domain.layout import CellRole, table_layout
from editor.ui.cell_moves import Step, step_from

TABLES = [t for form in (FORM_2021, FORM_2019) for t in form.tables]


def _anchor(table: TableDef, ref: CellRef) -> tuple[int, int]:
    return table_layout(table).position_of(ref)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.number}-{len(t.rows)}")
@pytest.mark.parametrize("step", list(Step), ids=lambda s: s.value)
def test_cell_moves_never_land_on_a_label_or_header(table: TableDef, step: Step) -> None:
    layout = table_layout(table)
    for ref in table.cells:
        target = step_from(layout, *_anchor(table, ref), step)
        if target is None:
            continue  # ← at the first cell of a row, → at its last: stay
        cell = layout.cell_at(*target)
        assert cell is not None and cell.role is CellRole.VALUE, (ref, step)
        assert (cell.row, cell.column) == target  # the anchor of a merged value cell


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.number}-{len(t.rows)}")
def test_cell_moves_tab_visits_every_value_cell_once_then_wraps(table: TableDef) -> None:
    layout = table_layout(table)
    start = _anchor(table, table.cells[0])
    seen = [start]
    here = start
    for _ in range(len(table.cells) - 1):
        here = step_from(layout, *here, Step.NEXT)  # type: ignore[misc]
        assert here is not None
        seen.append(here)
    assert len(set(seen)) == len(table.cells)
    assert step_from(layout, *here, Step.NEXT) == start
    assert step_from(layout, *start, Step.PREVIOUS) == here


def test_cell_moves_enter_from_licensing_skips_the_block_heading() -> None:
    table = FORM_2021.table("proactive")
    layout = table_layout(table)
    licensing = CellRef("proactive", "licensing", "decisions")
    below = step_from(layout, *_anchor(table, licensing), Step.DOWN)
    assert below == _anchor(table, CellRef("proactive", "penalty", "decisions"))
    # From the middle column of 第二十条第（一）项 the merged decisions cell is still "below".
    repealed = CellRef("proactive", "normative_docs", "repealed")
    assert step_from(layout, *_anchor(table, repealed), Step.DOWN) == _anchor(table, licensing)


def test_cell_moves_enter_walks_along_the_single_row_of_table_four() -> None:
    table = FORM_2021.table("appeals")
    layout = table_layout(table)
    first, second = table.cells[0], table.cells[1]
    assert step_from(layout, *_anchor(table, first), Step.DOWN) == _anchor(table, second)
    last = table.cells[-1]
    assert step_from(layout, *_anchor(table, last), Step.DOWN) == _anchor(table, first)


def test_cell_moves_from_a_label_cell_go_to_a_value() -> None:
    table = FORM_2021.table("requests")
    layout = table_layout(table)
    received_row = _anchor(table, CellRef("requests", "received", "natural"))[0]
    assert step_from(layout, received_row, 0, Step.RIGHT) == _anchor(
        table, CellRef("requests", "received", "natural")
    )
    assert step_from(layout, received_row, 0, Step.NEXT) == _anchor(
        table, CellRef("requests", "received", "natural")
    )

"""The table models: Qt's model tester, and what each cell shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.domain.forms import FORM_2019, FORM_2021, CellRef
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import new_report
from editor.ui.document import ReportDocument
from editor.ui.table_model import PREVIOUS_ROLE, STATE_ROLE, ReportTableModel

TOTAL = CellRef("requests", "received", "total")


@pytest.mark.parametrize(
    "form_year,table_key",
    [(y, t.key) for y, form in ((2023, FORM_2021), (2020, FORM_2019)) for t in form.tables],
)
def test_table_model_passes_qt_model_tester(qtmodeltester, qapp, form_year, table_key) -> None:  # type: ignore[no-untyped-def]
    document = ReportDocument(new_report(form_year))
    model = ReportTableModel(document, document.form.table(table_key))
    qtmodeltester.check(model, force_py=True)
    # Mutations go through the document too; the tester watches the signals they cause.
    first = document.form.table(table_key).cells[0]
    document.push_cells({first: 5}, "t")
    document.undo_stack.undo()


def test_table_model_sample_passes_model_tester_and_shows_layout(qtmodeltester, document) -> None:  # type: ignore[no-untyped-def]
    for table in document.form.tables:
        model = ReportTableModel(document, table)
        qtmodeltester.check(model, force_py=True)
        layout = table_layout(table)
        assert (model.rowCount(), model.columnCount()) == (layout.row_count, layout.column_count)
        for cell in layout.cells:
            index = model.index(cell.row, cell.column)
            editable = bool(model.flags(index) & Qt.ItemFlag.ItemIsEditable)
            assert editable == (cell.role is CellRole.VALUE)
            if cell.role is not CellRole.VALUE:
                assert index.data() == cell.text


def test_table_model_numbers_right_aligned_totals_bold(document) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table("requests"))
    total = model.index_of(TOTAL)
    part = model.index_of(CellRef("requests", "received", "natural"))
    assert total.data() == "27"
    assert total.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert total.data(Qt.ItemDataRole.FontRole).bold()
    assert part.data(Qt.ItemDataRole.FontRole) is None
    assert total.data(Qt.ItemDataRole.BackgroundRole) != part.data(Qt.ItemDataRole.BackgroundRole)


def test_table_model_broken_total_is_red_with_rule_expected_actual(document) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table("requests"))
    document.push_cells({TOTAL: 30}, "t")
    index = model.index_of(TOTAL)
    assert index.data(STATE_ROLE) == "error"
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "总计 = 自然人与各类法人或其他组织之和" in tip
    assert "应为：27" in tip and "实为：30" in tip
    document.undo_stack.undo()
    assert index.data(STATE_ROLE) == ""


def test_table_model_blank_cells_marked_gently(document) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table("appeals"))
    ref = CellRef("appeals", "review", "upheld")
    document.push_cells({ref: None}, "t")
    index = model.index_of(ref)
    assert index.data(STATE_ROLE) == "blank"
    assert "空白不等于 0" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_table_model_shows_last_year_value(document) -> None:  # type: ignore[no-untyped-def]
    document.report.previous = {"requests": {"received": {"total": 19}}}
    model = ReportTableModel(document, document.form.table("requests"))
    index = model.index_of(TOTAL)
    assert index.data(PREVIOUS_ROLE) == "上年：19"
    assert "上年：19" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_table_model_flagged_cell_marked_until_confirmed(document) -> None:  # type: ignore[no-untyped-def]
    ref = CellRef("requests", "received", "natural")
    document.report.flagged_cells = [ref.key]
    model = ReportTableModel(document, document.form.table("requests"))
    index = model.index_of(ref)
    assert index.data(STATE_ROLE) == "flagged"
    assert document.confirm_cells([ref])
    assert index.data(STATE_ROLE) == ""
    document.undo_stack.undo()
    assert index.data(STATE_ROLE) == "flagged"


def test_table_model_set_data_refuses_letter_naming_cell(qtbot, document) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table("requests"))
    index = model.index_of(TOTAL)
    with qtbot.waitSignal(model.input_refused) as refused:
        assert not model.setData(index, "2a")
    assert "表三 一、本年新收政府信息公开申请数量·总计" in refused.args[0]
    assert "不是数字" in refused.args[0]
    assert document.report.get(TOTAL) == 27
    assert document.undo_stack.count() == 0

"""与上年对比 in the window: the lines, sorting by number, filters, following edits, go to cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from editor.domain.forms import CellRef
from editor.importers.last_year import new_from_last_year
from editor.ui.comparison_view import ALL_TABLES, ComparisonDialog, show_comparison
from editor.ui.main_window import MainWindow
from tests.conftest import SAMPLE

RECEIVED = CellRef("requests", "received", "total")
RECEIVED_ITEM = "一、本年新收政府信息公开申请数量·总计"


def _started(window: MainWindow) -> ComparisonDialog:
    window.open_unsaved(new_from_last_year(SAMPLE, 2024).report, None)
    doc = window.document
    assert doc is not None
    doc.push_cells({RECEIVED: 30, CellRef("requests", "received", "natural"): 30}, "t")
    doc.push_cells({CellRef("appeals", "review", "total"): 9}, "t")
    return show_comparison(window)


def test_comparison_view_from_the_check_menu(qtbot: QtBot, window: MainWindow) -> None:
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "检查(&C)")
    action = next(a for a in menu.actions() if a.text().startswith("与上年对比"))
    action.trigger()
    dialog = window.findChild(ComparisonDialog)
    assert isinstance(dialog, ComparisonDialog) and dialog.isVisible()
    # The sample has no last year: the view says how to get one.
    assert dialog.visible_lines() == [] and "没有上年的数字" in dialog.note.text()
    dialog.close()


def test_comparison_view_lines_sorting_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _started(window)
    lines = dialog.visible_lines()
    # In the form's order to begin with: 表二, 表三, 表四.
    tables = [ln[0] for ln in lines]
    assert tables == sorted(tables, key=["表二", "表三", "表四"].index)
    received = next(ln for ln in lines if ln[1] == RECEIVED_ITEM)
    assert received == ("表三", RECEIVED_ITEM, "30", "27", "+3", "+11.1%")
    # Sorting by 增减（件） is numeric (9−2 = 7 before 3), blanks last when descending.
    dialog.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    changes = [ln[4] for ln in dialog.visible_lines()]
    assert changes[:2] == ["+7", "+3"]
    assert changes[-1] == "" and "" not in changes[: changes.index("")]
    # Ascending too: the blanks stay at the bottom, the changed lines come first.
    dialog.view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    changes = [ln[4] for ln in dialog.visible_lines()]
    numbers = changes[: changes.index("")]
    assert "+3" in numbers and "+7" in numbers and set(changes[changes.index("") :]) == {""}
    assert numbers.index("+3") < numbers.index("+7")
    # Filters: one table; only the lines that changed.
    dialog.table_choice.setCurrentText("表四")
    assert {ln[0] for ln in dialog.visible_lines()} == {"表四"}
    dialog.table_choice.setCurrentText(ALL_TABLES)
    dialog.changed_only.setChecked(True)
    assert sorted(ln[1] for ln in dialog.visible_lines()) == sorted(
        [RECEIVED_ITEM, "行政复议·总计"]
    )
    dialog.close()


def test_comparison_view_follows_edits_and_goes_to_the_cell(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = _started(window)
    doc = window.document
    assert doc is not None
    doc.push_cells({RECEIVED: 54, CellRef("requests", "received", "natural"): 54}, "t")
    received = next(ln for ln in dialog.visible_lines() if ln[1] == RECEIVED_ITEM)
    assert received[2:] == ("54", "27", "+27", "+100.0%")
    row = next(i for i, ln in enumerate(dialog.visible_lines()) if ln[1] == RECEIVED_ITEM)
    dialog.view.doubleClicked.emit(dialog.sorter.index(row, 1))
    tab = window.tabs.currentWidget()
    assert tab in window.section_tabs and tab.table_view is not None  # type: ignore[attr-defined]
    assert tab.table_view.selected_refs() == [RECEIVED]  # type: ignore[attr-defined]
    dialog.close()


def test_comparison_view_moves_off_the_cell_it_goes_to(qtbot: QtBot, window: MainWindow) -> None:
    """The dialog stays above the window: going to a cell must not leave it under the dialog."""
    window.resize(1024, 740)
    window.move(0, 0)
    dialog = _started(window)
    row = next(i for i, ln in enumerate(dialog.visible_lines()) if ln[1] == RECEIVED_ITEM)
    tab = next(t for t in window.section_tabs if t.section.table == RECEIVED.table)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.table_view is not None)
    assert tab.table_view is not None
    tab.table_view.select_refs([RECEIVED])
    cell = tab.table_view.cell_on_screen(RECEIVED)
    assert cell is not None
    dialog.move(cell.center() - dialog.rect().center())  # right over the cell
    assert dialog.frameGeometry().intersects(cell)
    dialog.view.doubleClicked.emit(dialog.sorter.index(row, 1))
    cell = tab.table_view.cell_on_screen(RECEIVED)
    assert cell is not None and not dialog.frameGeometry().intersects(cell)
    dialog.close()


def test_comparison_view_leaves_room_on_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _started(window)
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= min(820, screen.width() * 4 // 5)
    assert dialog.height() <= min(560, screen.height() * 11 // 20)
    dialog.close()

"""The header rows of 表三/表四 stay over the top of the grid while its body scrolls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from editor.domain.forms import TableShape
from editor.domain.layout import LayoutCell
from editor.ui.document import ReportDocument
from editor.ui.frozen_header import FrozenHeaderView
from editor.ui.table_model import ReportTableModel
from editor.ui.table_view import ReportTableView


def _view(qtbot, document: ReportDocument, table_key: str) -> ReportTableView:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table(table_key))
    view = ReportTableView(model)
    qtbot.addWidget(view)
    # Narrower than 表三's columns can shrink to, and shorter than it: both scroll bars appear.
    view.resize(480, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def view(qtbot, document: ReportDocument) -> ReportTableView:  # type: ignore[no-untyped-def]
    return _view(qtbot, document, "requests")


def _frozen(view: ReportTableView) -> FrozenHeaderView:
    assert view.frozen_header is not None
    return view.frozen_header


def _header_cells(view: ReportTableView) -> list[LayoutCell]:
    layout = view.model().layout
    return [c for c in layout.cells if c.row < layout.header_row_count and c.text]


def _strip(view: ReportTableView) -> QImage:
    """What the user sees in the top band of the grid, the frozen rows' height."""
    frozen = _frozen(view)
    return view.grab(QRect(frozen.pos(), frozen.size())).toImage()


def _to_bottom(qtbot, view: ReportTableView) -> None:  # type: ignore[no-untyped-def]
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0  # the test means nothing unless the body really scrolls
    bar.setValue(bar.maximum())
    qtbot.wait(10)


def test_frozen_header_only_for_tables_with_header_rows(qtbot, document) -> None:  # type: ignore[no-untyped-def]
    for table in document.form.tables:
        view = _view(qtbot, document, table.key)
        rows = view.model().layout.header_row_count
        if rows == 0:
            assert table.shape is TableShape.BLOCKS
            assert view.frozen_header is None
            continue
        frozen = _frozen(view)
        assert frozen.rows == rows
        shown = [r for r in range(view.model().rowCount()) if not frozen.isRowHidden(r)]
        assert shown == list(range(rows))


def test_frozen_header_still_shows_the_headers_when_scrolled_to_the_bottom(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    top = _strip(view)
    _to_bottom(qtbot, view)
    frozen = _frozen(view)
    model = view.model()
    # The main view's own header rows have scrolled out of its viewport...
    assert view.visualRect(model.index(0, view.model().layout.label_column_count)).bottom() < 0
    # ...and the overlay lies over the viewport's top edge, showing every header cell in it.
    assert frozen.isVisible()
    assert frozen.geometry().topLeft() == view.viewport().geometry().topLeft()
    assert frozen.width() == view.viewport().width()
    assert frozen.height() >= sum(view.rowHeight(r) for r in range(frozen.rows))
    for cell in _header_cells(view):
        index = model.index(cell.row, cell.column)
        rect = frozen.visualRect(index)
        if rect.left() >= frozen.width():
            continue  # right of the narrow window: horizontal scrolling is tested below
        assert rect.top() >= 0 and rect.bottom() < frozen.height(), cell.text
        assert frozen.indexAt(rect.center()) == index
        assert model.data(index) == cell.text
    # What the clerk sees on top is pixel for pixel what was there before scrolling.
    assert _strip(view) == top


def test_frozen_header_rows_and_columns_follow_the_main_view(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    frozen = _frozen(view)
    columns = range(view.model().columnCount())
    assert [frozen.columnWidth(c) for c in columns] == [view.columnWidth(c) for c in columns]
    assert [frozen.rowHeight(r) for r in range(frozen.rows)] == [
        view.rowHeight(r) for r in range(frozen.rows)
    ]
    view.setColumnWidth(3, 150)
    assert frozen.columnWidth(3) == 150
    view.setRowHeight(0, 40)
    assert frozen.rowHeight(0) == 40
    assert frozen.height() >= sum(view.rowHeight(r) for r in range(frozen.rows))
    view.resize(640, 260)
    qtbot.waitUntil(lambda: frozen.width() == view.viewport().width())
    # The main view's spans are the overlay's: 申请人情况 covers the same columns.
    for cell in _header_cells(view):
        assert frozen.columnSpan(cell.row, cell.column) == cell.column_span
        assert frozen.rowSpan(cell.row, cell.column) == cell.row_span


def test_frozen_header_scrolls_sideways_with_the_main_view(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    _to_bottom(qtbot, view)
    frozen = _frozen(view)
    bar = view.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert frozen.horizontalScrollBar().value() == bar.maximum()
    last = view.model().columnCount() - 1
    main_x = view.visualRect(view.model().index(view.model().rowCount() - 1, last)).x()
    # The last column's header (总计) sits exactly over that column's body cells.
    header = next(c for c in _header_cells(view) if c.column == last)
    assert frozen.visualRect(view.model().index(header.row, last)).x() == main_x


def test_frozen_header_scroll_to_brings_a_covered_cell_out_below_it(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    _to_bottom(qtbot, view)
    frozen = _frozen(view)
    model = view.model()
    # The first body row, which a clerk reaches with the up arrow from below.
    index = model.index(frozen.rows, model.layout.label_column_count)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + view.rowViewportPosition(frozen.rows))  # the row at the very top
    assert view.visualRect(index).top() < frozen.covered_height()  # hidden under the overlay
    view.setCurrentIndex(index)
    assert view.visualRect(index).top() >= frozen.covered_height()

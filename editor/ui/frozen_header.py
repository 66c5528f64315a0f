"""The header rows of a grid, kept in sight over the top of it while the body scrolls."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from editor.ui.table_model import ReportTableModel

Index = QModelIndex | QPersistentModelIndex


class FrozenHeaderView(QTableView):
    """A read-only second view of the same model showing only its `header_row_count` rows.

    Qt's "frozen column" technique turned sideways: it lies over the top of `main`'s viewport,
    shares its model and selection, and copies its spans, row heights and column widths and its
    horizontal scroll. The main view's own header rows still exist underneath; they are simply
    covered, so selection, copy and keyboard moves over them work as before.
    """

    def __init__(self, main: QTableView, model: ReportTableModel) -> None:
        super().__init__(main)
        self._main = main
        self.rows = model.layout.header_row_count
        self.setModel(model)
        self.setSelectionModel(main.selectionModel())
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Keys belong to the main view: a click here selects, typing still goes there.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(main.horizontalScrollMode())
        self.setWordWrap(main.wordWrap())
        # A line under the frozen rows, so the body visibly slides beneath them.
        self.setStyleSheet("QTableView { border-bottom: 1px solid #9aa5b1; }")
        for row in range(self.rows, model.rowCount()):
            self.setRowHidden(row, True)
        for cell in model.layout.spans:
            if cell.row < self.rows:
                self.setSpan(cell.row, cell.column, cell.row_span, cell.column_span)
        for column in range(model.columnCount()):
            self.setColumnWidth(column, main.columnWidth(column))
        for row in range(self.rows):
            self.setRowHeight(row, main.rowHeight(row))
        self._connect_signals()
        main.viewport().stackUnder(self)
        self.follow_main()

    def _connect_signals(self) -> None:
        main = self._main
        main.horizontalHeader().sectionResized.connect(self._column_resized)
        main.verticalHeader().sectionResized.connect(self._row_resized)
        main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        self.horizontalScrollBar().valueChanged.connect(main.horizontalScrollBar().setValue)

    def covered_height(self) -> int:
        """Pixels of the main viewport's top that the frozen rows cover."""
        return sum(self._main.rowHeight(r) for r in range(self.rows))

    def follow_main(self) -> None:
        """Lays the frozen rows over the top of the main viewport, as wide as it is."""
        viewport = self._main.viewport().geometry()
        height = min(self.covered_height() + 1, viewport.height())
        self.setGeometry(viewport.x(), viewport.y(), viewport.width(), height)
        self.horizontalScrollBar().setValue(self._main.horizontalScrollBar().value())

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        self.setColumnWidth(column, new)
        self.follow_main()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        if row < self.rows:
            self.setRowHeight(row, new)
            self.follow_main()

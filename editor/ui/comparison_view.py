"""与上年对比: a window beside the report listing each table's figures this year and last year.

Columns 表格, 项目, 本年, 上年, 增减（件）, 增减（%）; a click on a header sorts (numbers as
numbers, blanks last), 表格 and 只看有变化的 filter, a double click goes to the cell. It follows
the report as it is edited. Last year's values are those the cross-year rules use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from editor.domain.comparison import ComparisonLine, comparison_lines, format_percent
from editor.domain.forms import CellRef
from editor.domain.values import format_value
from editor.ui.placement import clear_of

if TYPE_CHECKING:
    from editor.ui.document import ReportDocument
    from editor.ui.main_window import MainWindow

HEADERS = ("表格", "项目", "本年", "上年", "增减（件）", "增减（%）")
ALL_TABLES = "全部表格"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2
# Blank cells sort after every number, whichever way the column is sorted… as far as a single
# key allows: below the smallest when ascending.
_BLANK_KEY = float("-inf")


def show_comparison(window: MainWindow) -> ComparisonDialog:
    dialog = window.findChild(ComparisonDialog)
    if not isinstance(dialog, ComparisonDialog):
        dialog = ComparisonDialog(window)
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _initial_size(window: QWidget) -> QSize:
    """820×560, or less on a small screen: at 1024×768 that size covered three quarters of it,
    and a cell the dialog sent the clerk to had no side left to be shown on."""
    size = QSize(820, 560)
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        size = size.boundedTo(QSize(room.width() * 4 // 5, room.height() * 11 // 20))
    return size


class _Sorter(QSortFilterProxyModel):
    """Sorts by the numeric key; filters by table and "changed only"."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.table = ""
        self.changed_only = False
        self.setSortRole(SORT_ROLE)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # Blanks at the bottom in both directions, as a spreadsheet sorts: ascending, the few
        # lines that changed would otherwise sink under dozens without last year's number.
        left_blank = bool(left.data(SORT_ROLE) == _BLANK_KEY)
        right_blank = bool(right.data(SORT_ROLE) == _BLANK_KEY)
        if left_blank != right_blank:
            return right_blank if self.sortOrder() == Qt.SortOrder.AscendingOrder else left_blank
        return bool(super().lessThan(left, right))

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        table = model.index(row, 0, parent).data()
        if self.table and table != self.table:
            return False
        if self.changed_only:
            change = model.index(row, 4, parent).data(SORT_ROLE)
            return bool(change) and change != _BLANK_KEY
        return True


class ComparisonDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("与上年对比")
        self.setModal(False)
        self.resize(_initial_size(window))
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.sorter = _Sorter(self)
        self.sorter.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        bar = QHBoxLayout()
        self.table_choice = QComboBox()
        self.table_choice.currentTextChanged.connect(self._filter_changed)
        self.changed_only = QCheckBox("只看有变化的")
        self.changed_only.toggled.connect(self._filter_changed)
        bar.addWidget(QLabel("表格："))
        bar.addWidget(self.table_choice)
        bar.addWidget(self.changed_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.view = QTableView()
        self.view.setModel(self.sorter)
        self.view.setSortingEnabled(True)
        # Opens in the form's order; a click on a header sorts by that column.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.sorter.sort(-1)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(self._go_to)
        layout.addWidget(self.view, 1)
        self._document: ReportDocument | None = None
        self.refresh()

    # ------------------------------------------------------------------ content

    def refresh(self) -> None:
        """Rebuilds the lines from the window's report (keeps the sort and the filters)."""
        document = self.window_.document
        if document is not self._document:
            self._document = document
            if document is not None:
                document.cells_changed.connect(self._cells_changed)
        lines = comparison_lines(document.report) if document is not None else []
        self._fill(lines)
        if document is None or not lines:
            self.note.setText(
                "没有上年的数字可比：从上年报告开始（文件 → 新建：从上年报告开始）的报告"
                "保留上年数字。"
            )
        else:
            year = document.report.meta.year
            self.note.setText(
                f"本年为 {year} 年，上年为 {year - 1} 年报告的数字；点击列标题排序，双击一行"
                "转到该单元格。增减（%）以上年为基数，上年为 0 时不计。"
            )

    def _cells_changed(self, _refs: object) -> None:
        if self.isVisible() and self.window_.document is self._document:
            self.refresh()

    def _fill(self, lines: list[ComparisonLine]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for order, line in enumerate(lines):
            self.model.appendRow(_row(line, order))
        tables = [ALL_TABLES, *dict.fromkeys(line.table for line in lines)]
        current = self.table_choice.currentText() or ALL_TABLES
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        self.table_choice.addItems(tables)
        self.table_choice.setCurrentText(current if current in tables else ALL_TABLES)
        self.table_choice.blockSignals(False)
        self._filter_changed()
        self.view.resizeRowsToContents()

    def _filter_changed(self, *_args: object) -> None:
        choice = self.table_choice.currentText()
        self.sorter.table = "" if choice in ("", ALL_TABLES) else choice
        self.sorter.changed_only = self.changed_only.isChecked()
        # invalidate() rather than invalidateFilter(), which Qt 6.10 deprecates and whose
        # replacement (begin/endFilterChange) the 6.8 LTS build the .deb ships does not have.
        self.sorter.invalidate()

    def _go_to(self, index: QModelIndex) -> None:
        key = self.sorter.index(index.row(), 0).data(REF_ROLE)
        if not isinstance(key, str):
            return
        ref = CellRef.parse(key)
        for tab in self.window_.section_tabs:
            if tab.section.table == ref.table and tab.table_view is not None:
                self.window_.tabs.setCurrentWidget(tab)
                view = tab.table_view
                view.select_refs([ref])
                view.setFocus()
                self.window_.activateWindow()
                self._leave_visible(view.cell_on_screen(ref))
                return

    def _leave_visible(self, cell: QRect | None) -> None:
        """Moves the dialog off the cell it sent the clerk to (it stays above the window)."""
        screen = self.screen()
        if cell is None or screen is None:
            return
        self.move(clear_of(self.frameGeometry(), cell, screen.availableGeometry()))

    def visible_lines(self) -> list[tuple[str, ...]]:
        """The rows as shown (filtered and sorted), as text: for tests and copying."""
        out = []
        for r in range(self.sorter.rowCount()):
            out.append(tuple(str(self.sorter.index(r, c).data() or "") for c in range(6)))
        return out


def _row(line: ComparisonLine, order: int) -> list[QStandardItem]:
    """The cells of one line; 表格 and 项目 sort in the form's order (表二, 表三, 表四)."""

    def item(text: str, key: object, align_right: bool = True) -> QStandardItem:
        cell = QStandardItem(text)
        cell.setData(key, SORT_ROLE)
        if align_right:
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return cell

    def number(value: int | float | None) -> QStandardItem:
        return item("" if value is None else format_value(value), _key(value))

    change = line.change
    shown_change = "" if change is None else f"{'+' if change > 0 else ''}{format_value(change)}"
    first = item(line.table, order, align_right=False)
    first.setData(line.ref.key, REF_ROLE)
    return [
        first,
        item(line.item, order, align_right=False),
        number(line.this),
        number(line.last),
        item(shown_change, _key(change)),
        item(format_percent(line.percent), _key(line.percent)),
    ]


def _key(value: int | float | None) -> float:
    return _BLANK_KEY if value is None else float(value)

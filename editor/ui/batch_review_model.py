"""The 批量检查 table: one row per reviewed file, as in the 审核结果 workbook, sortable."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from editor.batch.review import ROW_HEADINGS, ReviewedFile

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_COLUMN = ROW_HEADINGS.index("文件")
ERRORS_COLUMN = ROW_HEADINGS.index("错误")
STATUS_COLUMN = ROW_HEADINGS.index("状态")
NOTE_COLUMN = ROW_HEADINGS.index("说明")
_NUMBER_COLUMNS = frozenset(range(ROW_HEADINGS.index("年度"), STATUS_COLUMN)) - {
    ROW_HEADINGS.index("格式")
}
_COUNT_COLUMNS = frozenset(ROW_HEADINGS.index(h) for h in ("错误", "提醒", "待确认"))
_STATUS_COLOURS = {
    "无法读取": QColor("#d9d9d9"),
    "有错误": QColor("#ffc7ce"),
    "待确认": QColor("#ffeb9c"),
    "通过": QColor("#c6efce"),
}
# Sorting by a count puts the files that could not be read beyond every report, as the
# workbook does: they need the reviewer first.
_UNREADABLE_SORTS_AS = 1e15


class BatchReviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.files: list[ReviewedFile] = []
        self._rows: list[list[str | int | float | None]] = []

    # ------------------------------------------------------------------ changes

    def add(self, item: ReviewedFile) -> None:
        at = len(self.files)
        self.beginInsertRows(QModelIndex(), at, at)
        self.files.append(item)
        self._rows.append(item.row())
        self.endInsertRows()

    def remove(self, rows: list[int]) -> None:
        """Takes rows out of the list (a file the clerk will not review or sum now)."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.files):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.files[row]
                del self._rows[row]
                self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.files.clear()
        self._rows.clear()
        self.endResetModel()

    # ------------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROW_HEADINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return ROW_HEADINGS[section] if 0 <= section < len(ROW_HEADINGS) else None
        return section + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.files):
            return None
        row, column = index.row(), index.column()
        value = self._rows[row][column]
        item = self.files[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NOTE_COLUMN and isinstance(value, str):
                return value.splitlines()[0] if value else ""
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            return _sort_key(item, column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE_COLUMN:
                return str(item.path)
            if column == NOTE_COLUMN and value:
                return value
            return None
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS_COLUMN:
            colour = _STATUS_COLOURS.get(item.status.split("，")[0])
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMBER_COLUMNS:
            return Qt.AlignmentFlag.AlignCenter
        return None


def _sort_key(item: ReviewedFile, column: int, value: object) -> float | str:
    """What a column sorts by. Numbers are all floats: Qt does not order an int before a
    long long (a Python int above 2**31), so mixed kinds would sort at random."""
    if column not in _NUMBER_COLUMNS:
        return str(value) if value is not None else ""
    if column in _COUNT_COLUMNS and not item.readable:
        return _UNREADABLE_SORTS_AS
    if column == ERRORS_COLUMN:
        # Equal error counts: more cells to confirm, then more warnings, is worse.
        return item.errors * 1e6 + min(item.unconfirmed, 999) * 1e3 + min(item.warnings, 999)
    return float(value) if isinstance(value, int | float) else -1.0

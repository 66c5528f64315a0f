"""Qt's own file dialog with its modification dates written the Chinese way.

Where the system has no native dialog, Qt's dialog takes its dates from the *system* locale, not
from the application's: on a machine started with LANG=C they read "1 20 2026 10:31".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileSystemModel

Index = QModelIndex | QPersistentModelIndex

_DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified


class ChineseDates(QIdentityProxyModel):
    """The file model with its modification dates written the Chinese way ("2026/1/20 10:31")."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == _DATE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                modified: QDateTime = source.lastModified(self.mapToSource(index))
                return QLocale().toString(modified, "yyyy/M/d HH:mm")
        return super().data(index, role)

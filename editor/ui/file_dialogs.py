"""The window's file dialogs: Chinese throughout, starting in the folder the clerk works in.

Where the system has no native dialog (the Linux bundle ships no desktop theme plugin, so Qt
draws its own), Qt's dialog takes its modification dates from the *system* locale, not from the
application's: on a machine started with LANG=C they read "1 20 2026 10:31". A proxy model shows
them in Chinese ("2026/1/20 10:31"); "Folder" is translated by `QtCatalogueGaps`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDateTime,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QFileSystemModel, QWidget

Index = QModelIndex | QPersistentModelIndex

_DATE_COLUMN = 3  # QFileSystemModel: name, size, type, date modified
LAST_FOLDER_KEY = "files/last_folder"

REPORT_FILTER = "年报文件 (*.nianbao)"
ALL_FILES = "所有文件 (*)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PDF_FILTER = "PDF 文件 (*.pdf)"
PUBLISHED_FILTERS = (
    "PDF 文件 (*.pdf)",
    "Word 文档 (*.docx)",
    "网页 (*.html *.htm)",
    "文本文件 (*.txt)",
)
# 新建 → 从上年报告开始: everything the last-year reader takes, together first, then each kind.
LAST_YEAR_FILTERS = (
    "上年报告 (*.nianbao *.xlsx *.pdf *.docx *.html *.htm *.txt)",
    REPORT_FILTER,
    XLSX_FILTER,
    *PUBLISHED_FILTERS,
    ALL_FILES,
)
PUBLISHED_IMPORT_FILTERS = (
    "已发布的年报 (*.pdf *.docx *.html *.htm *.txt)",
    *PUBLISHED_FILTERS,
    ALL_FILES,
)


class ChineseDates(QIdentityProxyModel):
    """The file model with its modification dates written the Chinese way."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.column() == _DATE_COLUMN and role == Qt.ItemDataRole.DisplayRole:
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                modified: QDateTime = source.lastModified(self.mapToSource(index))
                return QLocale().toString(modified, "yyyy/M/d HH:mm")
        return super().data(index, role)


def file_dialog(
    parent: QWidget | None,
    title: str,
    directory: Path | str,
    filters: tuple[str, ...],
    *,
    save: bool = False,
) -> QFileDialog:
    """A dialog ready to `exec()`; kept separate from `choose()` so tests can drive it."""
    dialog = QFileDialog(parent, title, str(directory))
    dialog.setNameFilters(list(filters))
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if not _native_available():
        dialog.setProxyModel(ChineseDates(dialog))
    return dialog


def _native_available() -> bool:
    # Windows and macOS have their own dialogs, in the system's language; elsewhere Qt's is used.
    return QGuiApplication.platformName() in ("windows", "cocoa")


def choose(
    parent: QWidget | None,
    title: str,
    directory: Path | str,
    filters: tuple[str, ...],
    *,
    save: bool = False,
    settings: QSettings | None = None,
) -> Path | None:
    """Shows the dialog; the chosen path, or None. The folder is remembered in `settings`."""
    dialog = file_dialog(parent, title, directory, filters, save=save)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        chosen = Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(chosen.parent))
    return chosen


def last_folder(settings: QSettings) -> Path | None:
    """The folder the clerk last opened or saved a file in, if it still exists."""
    value = settings.value(LAST_FOLDER_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return Path(value)
    return None

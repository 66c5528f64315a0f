"""The window's file dialogs: Chinese throughout, starting in the folder the clerk works in.

Where the system has no native dialog (the Linux bundle ships no desktop theme plugin, so Qt
draws its own), Qt's dialog takes its modification dates from the *system* locale, not from the
application's: on a machine started with LANG=C they read "1 20 2026 10:31". A proxy model shows
them in Chinese ("2026/1/20 10:31"); "Folder" is translated by `QtCatalogueGaps`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog

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


def file_dialog(
    parent: QWidget | None,
    title: str,
    directory: Path | str,
    filters: tuple[str, ...],
    *,
    save: bool = False,
) -> QFileDialog:
    """A dialog ready to `exec()`; kept separate from `choose()` so tests can drive it."""
    # The dialog's classes are imported when a dialog opens: PySide builds each class (with its
    # enums) on first import, and the window's start should not pay for them.
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, title, str(directory))
    dialog.setNameFilters(list(filters))
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if not _native_available():
        from editor.ui.chinese_dates import ChineseDates

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

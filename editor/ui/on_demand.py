"""Menu entries whose windows are imported and built on first use, not at start-up.

批量检查 pulls in the batch reader, every importer and the 汇总 writers; 与上年对比 the comparison
model. The window needs neither to show a report, so their modules load when the clerk first
picks the entry (tests/ui/test_app_start.py keeps it so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from editor.ui.main_window import MainWindow


def add_batch_review(window: MainWindow, menu: QMenu, before: QAction) -> QAction:
    """Puts 批量检查… into `menu`, before `before`."""
    action = QAction("批量检查(&B)…", window)
    action.triggered.connect(lambda: _show_batch_review(window))
    menu.insertAction(before, action)
    menu.insertSeparator(before)
    return action


def add_comparison_action(window: MainWindow, menu: QMenu) -> QAction:
    """The menu entry that opens (or raises) the window's comparison view."""
    action = QAction("与上年对比(&Y)…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
    action.triggered.connect(lambda: _show_comparison(window))
    menu.addAction(action)
    return action


def _show_batch_review(window: MainWindow) -> None:
    from editor.ui.batch_review import show_batch_review

    show_batch_review(window)


def _show_comparison(window: MainWindow) -> None:
    from editor.ui.comparison_view import show_comparison

    show_comparison(window)

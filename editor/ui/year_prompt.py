"""Which year? (新建空白报告, 从上年报告开始), asked in a dialog wide enough for its title."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLayout, QWidget

from editor.domain.model import MAX_YEAR, MIN_YEAR

# QInputDialog.getInt sizes the dialog to its one spin box: the window manager then cut the title
# to "从上年报… 编辑器" at 1024×768.
_MIN_WIDTH = 360


def ask_year(parent: QWidget, title: str, label: str, proposed: int) -> int | None:
    """The year the clerk chose, or None if the dialog was cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setIntRange(MIN_YEAR, MAX_YEAR)
    dialog.setIntValue(proposed)
    # The dialog makes its layout on demand and fixes its own size to it (SetMinAndMaxSize),
    # which would undo a minimum width; asking its size hint makes the layout now.
    dialog.sizeHint()
    layout = dialog.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetDefaultConstraint)
    dialog.setMinimumWidth(_MIN_WIDTH)
    try:
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.intValue()
    finally:
        dialog.deleteLater()

"""Non-blocking message boxes, built whole before they are shown.

A box whose buttons were changed after it was opened crashed the editor: 导出完成 closed with
Escape, then Alt+F, ended in QAbstractButton::click on a deleted button (SIGSEGV, Qt 6.11).
Every window-modal message goes through here so none is changed once open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMessageBox, QTextEdit, QWidget

Action = tuple[str, Callable[[], object]]  # a button's text, what a click does before closing

# 显示详细信息 of an import lists a note per line; Qt's own box for it showed some 30 characters
# by 5 lines, wrapping each note two or three times. Smaller on a small screen.
DETAILS_SIZE = (560, 220)


def show_message(
    parent: QWidget,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    details: str = "",
    close_button: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    actions: Sequence[Action] = (),
) -> QMessageBox:
    """A window-modal message over `parent` that does not block the event loop; `actions` are
    extra buttons, `details` the text under 显示详细信息."""
    box = QMessageBox(icon, title, text, close_button, parent)
    for label, act in actions:
        box.addButton(label, QMessageBox.ButtonRole.ActionRole).clicked.connect(
            lambda _checked=False, act=act: act()
        )
    if details:
        box.setDetailedText(details)
        _widen_details(box)
    # Enter closes, as Escape does: an extra button (打开文件) runs only when it is chosen, not
    # because it came first and the clerk pressed Enter to be rid of the box.
    box.setDefaultButton(close_button)
    box.setEscapeButton(box.button(close_button))
    box.open()
    return box


def _widen_details(box: QMessageBox) -> None:
    text = box.findChild(QTextEdit)
    if text is None:  # a style without Qt's details box: nothing to widen
        return
    width, height = DETAILS_SIZE
    screen = box.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() * 2 // 3), min(height, room.height() // 3)
    # A fixed height: with only a minimum, QMessageBox's layout left a gap above the text.
    text.setMinimumWidth(width)
    text.setFixedHeight(height)

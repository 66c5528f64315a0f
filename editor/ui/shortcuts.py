"""Lets Undo/Redo keys reach the window's undo stack from inside text editors."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

_WINDOW_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def is_undo_key(event: QKeyEvent) -> bool:
    """Ctrl+Z, the platform's redo keys, and Ctrl+Y (the window's redo on every platform)."""
    if any(event.matches(k) for k in _WINDOW_KEYS):
        return True
    return event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier


class UndoKeysToWindow(QObject):
    """Event filter: a text widget's own undo would bypass the document's stack, so refuse it.

    A text widget claims Ctrl+Z for itself by accepting the ShortcutOverride event Qt sends
    before a shortcut fires. Eating that event here while leaving it *ignored* is what lets the
    window's 撤销 action take the key; merely ignoring it and passing it on does not (the widget
    then accepts it again, and its own, disabled, undo does nothing).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if is_undo_key(event):
                event.ignore()
                return True
        return False

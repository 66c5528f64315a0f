"""Lets Undo/Redo keys reach the window's undo stack from inside text editors."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence

_WINDOW_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class UndoKeysToWindow(QObject):
    """Event filter: a text widget's own undo would bypass the document's stack, so refuse it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if any(event.matches(k) for k in _WINDOW_KEYS):
                # Ignoring the override lets the window's QAction shortcut fire.
                event.ignore()
                return event.type() == QEvent.Type.KeyPress
        return False

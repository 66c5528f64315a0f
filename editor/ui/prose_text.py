"""The plain-text box of the prose fields and the contact lines: a paste keeps the words only."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from editor.domain.validity import MAX_PROSE_CHARS, MAX_TOTAL_PROSE_CHARS
from editor.ui.messages import show_message

# Word and WPS put these in copied text; none belongs in a report.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\u00ad]")


def clean_pasted_text(text: str) -> str:
    """Plain text as pasted from Word/WPS/web: line breaks normalised, invisible marks dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\u000b", "\n")
    return _INVISIBLE.sub("", text)


class ProseTextEdit(QPlainTextEdit):
    """Plain text only (a paste from Word keeps its words, not its formatting)."""

    focus_left = Signal()

    def __init__(self, room: Callable[[], int] = lambda: MAX_PROSE_CHARS) -> None:
        super().__init__()
        self._room = room  # characters this paragraph may still take (validity limits)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            return
        text = clean_pasted_text(source.text())
        cursor = self.textCursor()
        grows_by = len(text) - len(cursor.selectedText())
        if grows_by > self._room():
            # Refused whole, never cut: the file must stay one the editor can open again.
            show_message(
                self,
                QMessageBox.Icon.Warning,
                "粘贴未完成",
                f"要粘贴的文字有 {len(text)} 字，超出了正文的长度上限"
                f"（每段 {MAX_PROSE_CHARS} 字，全文 {MAX_TOTAL_PROSE_CHARS} 字）。"
                "请只粘贴这一部分的内容。",
            )
            return
        cursor.insertText(text)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()

"""The editor of one prose field: heading, "from last year" banner, text, character count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QTextEdit, QVBoxLayout, QWidget

from editor.domain.checks import Finding
from editor.domain.validity import prose_room
from editor.ui.copied_prose import copied_finding, copied_sentences
from editor.ui.document import ReportDocument
from editor.ui.prose_text import ProseTextEdit
from editor.ui.shortcuts import UndoKeysToWindow

_DRAFT_TEXT = "上年内容，待更新：这段文字是从上年报告带过来的，请改写为本年情况。"
_COPIED_TEXT = (
    "上年内容，待更新：这段文字有 {percent}% 与上年报告相同（数字和年份之外），"
    "相同的句子已用底色标出，请按本年情况改写。"
)
_COPIED_BACKGROUND = "#fff3c4"


class ProseFieldEditor(QWidget):
    """One prose key of the report, kept in step with the document both ways."""

    def __init__(
        self, document: ReportDocument, key: str, heading: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.key = key
        self._syncing = False
        self._finding_spans: list[tuple[int, int]] = []
        # While the text is mostly last year's (prose.last_year): its share and sentences.
        self.copied_percent: int | None = None
        self.copied_spans: list[tuple[int, int]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        self.title: QLabel | None = None
        if heading:
            self.title = QLabel(heading)
            self.title.setStyleSheet("font-weight: bold;")
            layout.addWidget(self.title)
        self.banner = QLabel(_DRAFT_TEXT)
        self.banner.setStyleSheet(
            "background: #fff1c4; color: #6b4e00; padding: 3px 6px; border-radius: 3px;"
        )
        self.banner.setWordWrap(True)
        layout.addWidget(self.banner)
        self.editor = ProseTextEdit(lambda: prose_room(document.report, key))
        # The document's undo stack owns undo; the editor's own would split one history in two.
        self.editor.setUndoRedoEnabled(False)
        self.editor.installEventFilter(UndoKeysToWindow(self.editor))
        self.editor.setPlainText(document.report.prose.get(key, ""))
        self.editor.setMinimumHeight(90)
        layout.addWidget(self.editor, 1)
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count.setStyleSheet("color: #666;")
        layout.addWidget(self.count)
        self._findings_changed(document.findings)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.editor.textChanged.connect(self._typed)
        self.editor.focus_left.connect(self.document.end_prose_typing)
        self.document.prose_changed.connect(self._document_changed)
        self.document.findings_changed.connect(self._findings_changed)

    def text(self) -> str:
        return self.editor.toPlainText()

    def _typed(self) -> None:
        if self._syncing:
            return
        self.document.push_prose(self.key, self.editor.toPlainText())

    def _document_changed(self, key: str) -> None:
        if key != self.key:
            return
        stored = self.document.report.prose.get(key, "")
        if stored != self.editor.toPlainText():
            self._set_text_keeping_place(stored)
        self._refresh_extras()

    def _set_text_keeping_place(self, text: str) -> None:
        old = self.editor.toPlainText()
        # Put the cursor where the texts start to differ: where undo/redo changed something.
        at = next((i for i, (a, b) in enumerate(zip(old, text, strict=False)) if a != b), None)
        position = min(len(old), len(text)) if at is None else at
        self._syncing = True
        try:
            self.editor.setPlainText(text)
            cursor = self.editor.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.editor.setTextCursor(cursor)
        finally:
            self._syncing = False

    def _refresh_extras(self) -> None:
        # Marked while copied and unedited, and afterwards for as long as most of the text is
        # still last year's: the first keystroke does not make a copied paragraph this year's.
        if self.copied_percent is not None:
            self.banner.setText(_COPIED_TEXT.format(percent=self.copied_percent))
        else:
            self.banner.setText(_DRAFT_TEXT)
        draft = self.key in self.document.report.draft_prose
        self.banner.setVisible(draft or self.copied_percent is not None)
        text = self.editor.toPlainText()
        self.count.setText(f"{len(''.join(text.split()))} 字")

    def _findings_changed(self, findings: list[Finding]) -> None:
        finding = copied_finding(findings, self.key)
        if finding is None:
            self.copied_percent, self.copied_spans = None, []
        else:
            actual = finding.actual
            self.copied_percent = actual if isinstance(actual, int) else 100
            self.copied_spans = copied_sentences(self.document.report, self.key)
        self._refresh_extras()
        self._show_selections()

    def highlight(self, spans: list[tuple[int, int]]) -> None:
        """Marks the ranges findings point at (numbers that disagree with a table)."""
        self._finding_spans = list(spans)
        self._show_selections()

    def _show_selections(self) -> None:
        copied = QTextCharFormat()
        copied.setBackground(QColor(_COPIED_BACKGROUND))
        finding = QTextCharFormat()
        finding.setBackground(QColor("#fde2a6"))
        finding.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        finding.setUnderlineColor(QColor("#c0392b"))
        # Later selections paint over earlier ones: a finding's mark shows inside a copied sentence.
        selections = self._selections(self.copied_spans, copied)
        selections += self._selections(self._finding_spans, finding)
        self.editor.setExtraSelections(selections)

    def _selections(
        self, spans: list[tuple[int, int]], fmt: QTextCharFormat
    ) -> list[QTextEdit.ExtraSelection]:
        selections = []
        length = len(self.editor.toPlainText())
        for start, end in spans:
            if end <= start or start >= length:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(start)
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        return selections

    def select_range(self, start: int, end: int) -> None:
        length = len(self.editor.toPlainText())
        cursor = self.editor.textCursor()
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()

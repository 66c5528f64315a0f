"""成文日期 as a date, not free text: picked from a calendar, printed "2026年1月20日".

The report keeps the date as the text the paper shows; this field reads any usual way of writing
a date back into a date (2026年1月20日, 2026-01-20, 2026.1.20, 2026/1/20, full-width digits) and
says so when an older file holds something it cannot read, instead of silently dropping it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from editor.domain.model import MAX_YEAR

_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
# The earliest date stands for "not filled in" (QDateEdit has no empty state of its own).
_BLANK = QDate(2000, 1, 1)


def parse_report_date(text: str) -> date | None:
    """The date in `text` ("2026年1月20日", "2026-01-20", "２０２６年１月２０日"…), or None."""
    match = _DATE.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def format_report_date(day: date) -> str:
    """As printed under the 落款: Arabic numerals, no leading zeros (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


class _DateEdit(QDateEdit):
    def mousePressEvent(self, event: QMouseEvent) -> None:
        # Opening the calendar on a blank field starts at today, not at the year 2000.
        if self.date() == _BLANK:
            self.setDate(QDate.currentDate())
        super().mousePressEvent(event)


class DateField(QWidget):
    """`edited(text, stepping)` when the clerk picks or types a date, or clears it ("");
    `stepping` is True for the changes of one run (keys on the field), False for a clear."""

    edited = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = _DateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.edit.setMinimumDate(_BLANK)
        self.edit.setMaximumDate(QDate(MAX_YEAR, 12, 31))
        self.edit.setSpecialValueText("（未填写）")
        self.clear_button = QToolButton()
        self.clear_button.setText("清除")
        self.clear_button.setToolTip("清除成文日期")
        self.unreadable = QLabel()
        self.unreadable.setStyleSheet("color: #8a6d00;")
        self.unreadable.setWordWrap(True)
        self.unreadable.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.unreadable)
        self._loading = False
        self._clearing = False
        self.edit.dateChanged.connect(self._changed)
        self.clear_button.clicked.connect(self.clear)

    def clear(self) -> None:
        self._clearing = True
        try:
            self.edit.setDate(_BLANK)
        finally:
            self._clearing = False

    def text(self) -> str:
        picked = self.edit.date()
        if picked == _BLANK:
            return ""
        return format_report_date(date(picked.year(), picked.month(), picked.day()))

    def set_text(self, text: str) -> None:
        """Shows the stored date; an unreadable one is named under the field, not lost."""
        day = parse_report_date(text) if text.strip() else None
        self._loading = True
        try:
            self.edit.setDate(QDate(day.year, day.month, day.day) if day else _BLANK)
        finally:
            self._loading = False
        unreadable = bool(text.strip()) and day is None
        self.unreadable.setVisible(unreadable)
        if unreadable:
            self.unreadable.setText(f"文件中的成文日期“{text}”无法识别为日期，请重新选择。")

    def _changed(self, _date: QDate) -> None:
        if self._loading:
            return
        self.unreadable.hide()
        self.edited.emit(self.text(), not self._clearing)

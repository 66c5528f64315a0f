"""成文日期 is a date field; the report keeps it as printed, "2026年1月20日"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from editor.ui.date_field import format_report_date, parse_report_date
from editor.ui.main_window import MainWindow


@pytest.mark.parametrize(
    "text",
    [
        "2026年1月20日",
        "2026年01月20日",
        "2026-01-20",
        "2026.1.20",
        "2026/1/20",
        "２０２６年１月２０日",
    ],
)
def test_date_field_reads_the_usual_ways_of_writing_a_date(text: str) -> None:
    assert parse_report_date(text) == date(2026, 1, 20)


@pytest.mark.parametrize("text", ["", "二〇二六年一月", "2026年2月30日", "明年"])
def test_date_field_unreadable_text_is_none(text: str) -> None:
    assert parse_report_date(text) is None


def test_date_field_in_the_window_stores_the_printed_form(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    meta = window.meta_tab
    doc = window.document
    assert meta is not None and doc is not None
    window.tabs.setCurrentWidget(meta)
    field = meta.date
    field.edit.setFocus()
    field.edit.setDate(QDate(2026, 1, 20))  # what picking the 20th in the calendar does
    assert doc.report.meta.date == "2026年1月20日" == format_report_date(date(2026, 1, 20))
    # Stepping the day with ↑ keeps one undo step per run, and the text stays printable.
    field.edit.setCurrentSection(field.edit.Section.DaySection)
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert doc.report.meta.date == "2026年1月21日"
    field.clear_button.click()
    assert doc.report.meta.date == ""
    assert field.edit.text() == "（未填写）"
    doc.undo_stack.undo()
    assert doc.report.meta.date == "2026年1月21日"


def test_date_field_keeps_and_names_a_date_it_cannot_read(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    doc = window.document
    meta = window.meta_tab
    assert doc is not None and meta is not None
    doc.push_meta("date", "二〇二六年一月", "成文日期")
    assert doc.report.meta.date == "二〇二六年一月"  # not dropped
    assert not meta.date.unreadable.isHidden()
    assert "二〇二六年一月" in meta.date.unreadable.text()

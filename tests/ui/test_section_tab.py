"""A section tab as the clerk first sees it: its headings above their editors, in sight."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea

from editor.ui.main_window import MainWindow


def test_section_tab_opening_heading_visible_above_first_editor(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    first = window.section_tabs[0]
    window.tabs.setCurrentWidget(first)
    opening = window.document.form.opening  # type: ignore[union-attr]
    editor = first.editors[opening.key]
    assert next(iter(first.editors)) == opening.key  # the opening paragraph comes first
    title = editor.title
    assert title is not None
    assert title.text() == "开头语（正文之前的段落，可不填）"
    qtbot.waitUntil(title.isVisible)
    # Not squeezed: as tall as its text, and above the editor it names.
    assert title.height() >= title.fontMetrics().height()
    below = editor.editor.mapTo(editor, QPoint(0, 0)).y()
    assert title.geometry().bottom() < below
    # Not scrolled away: inside the scroll area's viewport when the tab opens.
    scroll = first.findChild(QScrollArea)
    assert scroll is not None
    top = title.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert top >= 0 and top + title.height() <= scroll.viewport().height()
    assert scroll.verticalScrollBar().value() == 0

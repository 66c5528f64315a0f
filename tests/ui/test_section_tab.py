"""A section tab as the clerk first sees it: its headings above their editors, in sight."""

from __future__ import annotations

import pytest
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


SCREENS = [(1024, 768), (1366, 768), (1280, 720)]  # 1280×720: 1920×1080 at 150 %


def _grid_tab(window: MainWindow, table: str):  # type: ignore[no-untyped-def]
    tab = next(t for t in window.section_tabs if t.section.table == table)
    window.tabs.setCurrentWidget(tab)
    return tab


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("table", ["requests", "appeals", "proactive"])
def test_section_tab_every_column_in_sight_without_scrolling_sideways(
    qtbot, window: MainWindow, size: tuple[int, int], table: str
) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    tab = _grid_tab(window, table)
    view = tab.table_view
    qtbot.waitUntil(lambda: view.isVisible() and view.viewport().width() > 0)
    qtbot.wait(20)
    assert view.horizontalScrollBar().maximum() == 0
    layout = view.model().layout
    right = sum(view.columnWidth(c) for c in range(layout.column_count))
    assert right <= view.viewport().width()
    # Five-digit numbers fit their columns.
    digits = view.fontMetrics().horizontalAdvance("99999") + 8
    values = range(layout.label_column_count, layout.column_count)
    assert min(view.columnWidth(c) for c in values) >= digits


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_section_tab_table_three_shows_many_rows_with_the_prose_folded(
    qtbot, window: MainWindow, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    tab = _grid_tab(window, "requests")
    tab.set_prose_folded(True)
    view = tab.table_view
    qtbot.wait(20)
    assert not tab.prose.isVisible()
    assert "展开表前文字" in tab.fold_button.text()
    frozen = view.frozen_header.covered_height()
    shown = [
        r
        for r in range(view.model().layout.header_row_count, view.model().rowCount())
        if view.rowViewportPosition(r) >= frozen
        and view.rowViewportPosition(r) + view.rowHeight(r) <= view.viewport().height()
    ]
    assert len(shown) >= 8, (size, len(shown))
    tab.set_prose_folded(False)
    assert tab.prose.isVisible()


def test_section_tab_short_titles_all_in_the_tab_bar_at_1024(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 768)
    qtbot.wait(20)
    bar = window.tabs.tabBar()
    assert sum(bar.tabRect(i).width() for i in range(bar.count())) <= window.tabs.width()
    for tab in window.section_tabs:
        assert tab.heading.text() == tab.section.title  # the full title heads the page

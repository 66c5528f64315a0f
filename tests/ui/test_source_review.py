"""核对原文: the imported report's source beside the grid, flagged cells confirmed one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from editor.domain.forms import CellRef
from editor.importers.published.origin import SourceOrigin
from editor.ui.main_window import MainWindow
from editor.ui.source_review import DOCK_NAME, SourceReviewPanel
from editor.ui.source_view import SourceView
from tests.published_variants import Style, render, sample_report

UNREAD = CellRef("requests", "disclosed", "natural")
ALSO = CellRef("appeals", "review", "upheld")


def _import(qtbot: QtBot, window: MainWindow, path: Path) -> SourceReviewPanel:
    task = window.jobs.import_published(path)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert not window.messages  # 核对原文 replaces the summary box
    docks = window.findChildren(QDockWidget, DOCK_NAME)
    assert len(docks) == 1 and docks[0].isVisible()
    panel = docks[0].widget()
    assert isinstance(panel, SourceReviewPanel)
    return panel


def _published(tmp_path: Path, medium: str) -> Path:
    report = sample_report(seed=21, zero_share=0.5)
    style = Style(words=frozenset({UNREAD.key, ALSO.key}))
    path, _expected = render(report, style, medium, tmp_path)
    return path


def _grid_ref(window: MainWindow) -> CellRef | None:
    view = window.current_table_view()
    if view is None:
        return None
    current = view.currentIndex()
    return view.model().ref_at(current.row(), current.column())


def test_source_review_pdf_page_marks_the_flagged_cell(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "pdf-ruled"))
    assert panel.current == UNREAD
    assert _grid_ref(window) == UNREAD  # the grid shows the same cell
    assert panel.view.currentIndex() == 0  # the PDF page, not the text
    assert "予以公开·自然人" in panel.name.text() and "若干" in panel.note.text()
    pixmap = panel.view.image.pixmap()
    assert not pixmap.isNull()
    place = panel.result.origin.place_of(UNREAD.key)  # type: ignore[union-attr]
    assert place is not None
    centre = panel.view._rect(place.box).center()
    colour = QColor(pixmap.toImage().pixel(int(centre.x()), int(centre.y())))
    # The box is tinted orange over the white page.
    assert colour.red() > 200 and colour.blue() < 200


def test_source_review_enter_confirms_and_moves_on(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "tabs"))
    doc = window.document
    assert doc is not None and panel.document is doc
    assert panel.current == UNREAD and UNREAD.key in doc.report.flagged_cells
    panel.value.setText("7")
    QTest.keyClick(panel.value, Qt.Key.Key_Return)
    assert doc.report.get(UNREAD) == 7
    assert UNREAD.key not in doc.report.flagged_cells
    assert panel.current == ALSO and _grid_ref(window) == ALSO
    # Enter on an empty value confirms the blank as the clerk's own.
    QTest.keyClick(panel.value, Qt.Key.Key_Return)
    assert ALSO.key not in doc.report.flagged_cells and doc.report.get(ALSO) is None
    assert "没有待确认" in panel.title.text()
    assert not [f for f in doc.findings if f.rule == "value.unconfirmed"]
    # Each confirmation is one undo step.
    doc.undo_stack.undo()
    assert ALSO.key in doc.report.flagged_cells
    doc.undo_stack.undo()
    assert doc.report.get(UNREAD) is None and UNREAD.key in doc.report.flagged_cells


def test_source_review_refuses_a_bad_value(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "tabs"))
    panel.value.setText("七个")
    QTest.keyClick(panel.value, Qt.Key.Key_Return)
    assert panel.current == UNREAD
    assert window.document is not None and UNREAD.key in window.document.report.flagged_cells
    assert "予以公开·自然人" in panel.status.text()


def test_source_review_text_source_scrolls_to_the_cell(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "tabs"))
    assert panel.view.currentIndex() == 1
    selections = panel.view.text_view.extraSelections()
    assert any(s.cursor.selectedText() == "若干" for s in selections)
    line = panel.view.text_view.textCursor().block().text()
    assert "予以公开" in line


def test_source_review_grid_cell_shows_where_it_was_read(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "tabs"))
    read = CellRef("requests", "received", "total")
    view = window.current_table_view()
    assert view is not None
    view.select_refs([read])
    assert panel.current == read
    assert not panel.value.isEnabled()  # read by the import: nothing to confirm
    selected = [s.cursor.selectedText() for s in panel.view.text_view.extraSelections()]
    assert str(window.document.report.get(read)) in selected  # type: ignore[union-attr]


def test_source_review_import_report_stays_reachable(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    panel = _import(qtbot, window, _published(tmp_path, "html"))
    qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    dialog = panel.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert "若干" in panel.result.text() and "[待确认]" in panel.result.text()
    dialog.close()


def test_source_review_closes_with_its_report(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, sample_copy: Path
) -> None:
    _import(qtbot, window, _published(tmp_path, "tabs"))
    assert window.document is not None
    window.document.undo_stack.setClean()
    assert window.open_path(sample_copy, ask=False)
    qtbot.waitUntil(lambda: not window.findChildren(QDockWidget, DOCK_NAME), timeout=5_000)


@pytest.mark.parametrize("medium", ["pdf-ruled", "tabs"])
def test_source_review_shown_even_when_all_read(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, medium: str
) -> None:
    path, _expected = render(sample_report(seed=22), Style(), medium, tmp_path)
    panel = _import(qtbot, window, path)
    assert panel.current is None and "没有待确认" in panel.title.text()
    assert not window.messages  # the panel, not a box, says what was imported


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        ("一、本年新收政府信息公开申请数量\t821\t35\t\t\t2\t1\t859\n总计\t1\t2", False),
        ("二、主动公开" + "规章0" * 200, True),  # a crawled page: all on one line
    ],
    ids=["tab-rows", "crawl"],
)
def test_source_review_text_wraps_only_lines_wider_than_any_view(
    qtbot: QtBot, tmp_path: Path, text: str, wrapped: bool
) -> None:
    view = SourceView(SourceOrigin(tmp_path / "x.txt", "文本", text))
    qtbot.addWidget(view)
    mode = view.text_view.lineWrapMode()
    assert (mode == QPlainTextEdit.LineWrapMode.WidgetWidth) is wrapped


def test_source_review_wrapped_text_keeps_the_cell_in_view_when_resized(
    qtbot: QtBot, tmp_path: Path
) -> None:
    text = "二、主动公开" + "规章0" * 2000 + "行政规范性文件6233440" + "第二十条" * 500
    start = text.index("行政规范性文件")
    origin = SourceOrigin(tmp_path / "x.txt", "文本", text, cells={"k": (start, start + 14)})
    view = SourceView(origin)
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.show_cells("k", [])
    for width in (300, 700):  # the dock dragged narrower, then wider: the wrapping changes
        view.resize(width, 300)
        qtbot.wait(50)
        shown = view.text_view.viewport().rect()
        assert shown.intersects(view.text_view.cursorRect()), width

"""The grid as a clerk uses it: typing, keys, block paste and copy, clear, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication

from editor.domain.forms import CellRef
from editor.ui.clipboard import parse_html_table, parse_tsv
from editor.ui.document import ReportDocument
from editor.ui.table_model import ReportTableModel
from editor.ui.table_view import ReportTableView

NATURAL = CellRef("requests", "received", "natural")


@pytest.fixture
def view(qtbot, document: ReportDocument) -> ReportTableView:  # type: ignore[no-untyped-def]
    model = ReportTableModel(document, document.form.table("requests"))
    widget = ReportTableView(model)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _go(view: ReportTableView, ref: CellRef) -> None:
    view.setCurrentIndex(view.model().index_of(ref))
    view.setFocus()


def _type(view: ReportTableView, text: str) -> None:
    """Types as a clerk does: the first key opens the editor, the rest go to the focus widget.

    Key events carry the character as their text, as an input method delivers １２ (QTest's
    keyClicks takes only Latin-1).
    """
    for i, char in enumerate(text):
        target = view if i == 0 else view.focusWidget()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(target, event)


def _ref(table: str, row: str, column: str) -> CellRef:
    return CellRef(table, row, column)


def test_table_view_typing_replaces_and_enter_moves_down(view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    _type(view, "31")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert document.report.get(NATURAL) == 31  # 27 was replaced, not appended to
    below = CellRef("requests", "carried_in", "natural")
    assert view.currentIndex() == view.model().index_of(below)
    assert document.undo_stack.count() == 1


def test_table_view_tab_commits_and_moves_right(view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    _type(view, "5")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert document.report.get(NATURAL) == 5
    right = CellRef("requests", "received", "business")
    assert view.currentIndex() == view.model().index_of(right)


def test_table_view_f2_edits_existing_value(view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    QTest.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert view.state() == QAbstractItemView.State.EditingState
    editor.end(False)  # type: ignore[attr-defined]
    QTest.keyClicks(editor, "0")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert document.report.get(NATURAL) == 270


def test_table_view_full_width_digits_taken(view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    _type(view, "１２")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert document.report.get(NATURAL) == 12


def test_table_view_letter_refused_cell_unchanged(qtbot, view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    _type(view, "1a")
    with qtbot.waitSignal(view.input_refused) as refused:
        QTest.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert "一、本年新收政府信息公开申请数量·自然人" in refused.args[0]
    assert "不是数字" in refused.args[0]
    assert document.report.get(NATURAL) == 27
    assert document.undo_stack.count() == 0
    assert view.currentIndex() == view.model().index_of(NATURAL)  # stays on the refused cell


def test_table_view_arrows_move(view) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == view.model().index_of(_ref("requests", "carried_in", "business"))


def _put_on_clipboard(text: str = "", html: str = "") -> None:
    mime = QMimeData()
    if text:
        mime.setText(text)
    if html:
        mime.setHtml(html)
    QGuiApplication.clipboard().setMimeData(mime)


BLOCK = "1\t2\t3\t4\n5\t6\t7\t8\n9\t1,234\t１１\t12\n"
BLOCK_COLUMNS = ("natural", "business", "research", "social")
BLOCK_ROWS = ("received", "carried_in", "disclosed")


def test_table_view_pastes_3x4_block_as_one_undo_step(view, document) -> None:  # type: ignore[no-untyped-def]
    before = {
        _ref("requests", r, c): document.report.get(_ref("requests", r, c))
        for r in BLOCK_ROWS
        for c in BLOCK_COLUMNS
    }
    _go(view, NATURAL)
    _put_on_clipboard(BLOCK)
    QTest.keySequence(view, QKeySequence.StandardKey.Paste)
    expected = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 1234, 11, 12]]
    for i, r in enumerate(BLOCK_ROWS):
        for j, c in enumerate(BLOCK_COLUMNS):
            assert document.report.get(_ref("requests", r, c)) == expected[i][j]
    assert document.undo_stack.count() == 1
    assert len(view.selected_refs()) == 12
    document.undo_stack.undo()
    assert {ref: document.report.get(ref) for ref in before} == before
    document.undo_stack.redo()
    assert document.report.get(_ref("requests", "disclosed", "business")) == 1234


def test_table_view_paste_from_web_table_html(view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    _put_on_clipboard(
        text="ignored",
        html="<table><tr><td>3</td><td> 4 </td></tr><tr><th>5</th><td>6</td></tr></table>",
    )
    assert view.paste_clipboard()
    assert document.report.get(NATURAL) == 3
    assert document.report.get(_ref("requests", "carried_in", "business")) == 6


def test_table_view_paste_with_one_bad_cell_changes_nothing(qtbot, view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, NATURAL)
    with qtbot.waitSignal(view.input_refused) as refused:
        assert not view.paste_grid(parse_tsv("1\t2\n3\tx\n"))
    assert "二、上年结转政府信息公开申请数量·商业企业" in refused.args[0]
    assert document.report.get(NATURAL) == 27
    assert document.undo_stack.count() == 0


def test_table_view_paste_beyond_the_table_refused(qtbot, view, document) -> None:  # type: ignore[no-untyped-def]
    _go(view, _ref("requests", "received", "total"))
    with qtbot.waitSignal(view.input_refused) as refused:
        assert not view.paste_grid([["1", "2"]])
    assert "可填写的单元格之外" in refused.args[0]
    assert document.undo_stack.count() == 0


def test_table_view_delete_clears_selection_in_one_step(view, document) -> None:  # type: ignore[no-untyped-def]
    refs = [_ref("requests", "received", c) for c in ("natural", "business", "total")]
    view.select_refs(refs)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert all(document.report.get(r) is None for r in refs)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.report.get(refs[0]) == 27


def test_table_view_copy_gives_tsv_and_html(view) -> None:  # type: ignore[no-untyped-def]
    view.select_refs([NATURAL, _ref("requests", "carried_in", "business")])
    view.selectionModel().select(
        view.model().index_of(_ref("requests", "received", "business")),
        view.selectionModel().SelectionFlag.Select,
    )
    view.copy_selection()
    mime = QGuiApplication.clipboard().mimeData()
    assert parse_tsv(mime.text()) == [["27", "0"], ["0", "0"]]
    assert parse_html_table(mime.html()) == [["27", "0"], ["0", "0"]]


def test_table_view_one_value_fills_selection(view, document) -> None:  # type: ignore[no-untyped-def]
    refs = [_ref("requests", "received", c) for c in ("business", "research")]
    view.select_refs(refs)
    assert view.paste_grid([["0"]]) is False  # already 0: nothing to do, no undo step
    assert view.paste_grid([["7"]])
    assert [document.report.get(r) for r in refs] == [7, 7]
    assert document.undo_stack.count() == 1


@pytest.fixture
def proactive(qtbot, document: ReportDocument) -> ReportTableView:  # type: ignore[no-untyped-def]
    widget = ReportTableView(ReportTableModel(document, document.form.table("proactive")))
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_table_view_enter_from_licensing_types_into_penalty_not_the_heading(
    proactive, document
) -> None:  # type: ignore[no-untyped-def]
    licensing = _ref("proactive", "licensing", "decisions")
    penalty = _ref("proactive", "penalty", "decisions")
    enforcement = _ref("proactive", "enforcement", "decisions")
    _go(proactive, licensing)
    for text in ("11", "22", "33"):
        _type(proactive, text)
        QTest.keyClick(proactive.focusWidget(), Qt.Key.Key_Return)
    assert [document.report.get(r) for r in (licensing, penalty, enforcement)] == [11, 22, 33]
    # Three numbers, three cells, three undo steps: nothing dropped on 第二十条第（六）项.
    assert document.undo_stack.count() == 3


def test_table_view_tab_from_the_last_column_goes_to_the_next_rows_first_value(
    view, document
) -> None:  # type: ignore[no-untyped-def]
    _go(view, _ref("requests", "received", "total"))
    _type(view, "9")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert view.currentIndex() == view.model().index_of(_ref("requests", "carried_in", "natural"))
    _type(view, "4")
    QTest.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
    assert document.report.get(_ref("requests", "carried_in", "natural")) == 4
    # Without an editor open, Tab and Shift+Tab move through value cells alone too.
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    assert view.currentIndex() == view.model().index_of(_ref("requests", "received", "total"))


def test_table_view_typing_on_a_label_says_so_and_moves_nothing(qtbot, view, document) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    row, _column = model.layout.position_of(NATURAL)
    view.setCurrentIndex(model.index(row, 0))  # the row's label, as a mouse click leaves it
    view.setFocus()
    with qtbot.waitSignal(view.notice) as said:
        _type(view, "5")
    assert "不能填写" in said.args[0]
    assert view.currentIndex() == model.index(row, 0)  # no jump to a label starting with "5"
    assert view.state() != QAbstractItemView.State.EditingState
    assert document.undo_stack.count() == 0


def test_table_view_ctrl_enter_fills_every_selected_cell_in_one_step(view, document) -> None:  # type: ignore[no-untyped-def]
    refs = [_ref("requests", r, "research") for r in ("received", "carried_in", "disclosed")]
    view.select_refs(refs)
    view.setFocus()
    _type(view, "6")
    editor = view.focusWidget()
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [document.report.get(r) for r in refs] == [6, 6, 6]
    assert document.undo_stack.count() == 1
    assert set(view.selected_refs()) == set(refs)  # the selection stays, as in Excel


def test_table_view_previous_year_on_its_own_line(qtbot, view, document) -> None:  # type: ignore[no-untyped-def]
    # Four- and five-digit values, this year's and last year's: painted, they must not touch.
    document.report.previous = {"requests": {"received": {"natural": 30010}}}
    document.push_cells({NATURAL: 31205}, "t")
    row = view.model().index_of(NATURAL).row()
    before = view.rowHeight(row)
    view.set_show_previous(True)
    qtbot.wait(10)
    height = view.rowHeight(row)
    assert height >= 2 * view.fontMetrics().height()  # room for two lines
    assert height > before
    image = view.viewport().grab(view.visualRect(view.model().index_of(NATURAL))).toImage()
    inked = _inked_rows(image)
    # Two separate bands of text (this year's, last year's), with clear space between them.
    bands = _bands(inked)
    assert len(bands) == 2, bands
    assert bands[1][0] - bands[0][1] >= 2
    view.set_show_previous(False)
    assert view.rowHeight(row) < height


def _inked_rows(image) -> list[int]:  # type: ignore[no-untyped-def]
    rows = []
    for y in range(image.height()):
        if any(image.pixelColor(x, y).lightness() < 150 for x in range(image.width())):
            rows.append(y)
    return rows


def _bands(rows: list[int]) -> list[tuple[int, int]]:
    bands: list[tuple[int, int]] = []
    for y in rows:
        if bands and y == bands[-1][1] + 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands

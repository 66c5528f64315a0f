"""查找/替换 over all prose: Ctrl+H, 2023 → 2024 everywhere in one undo step; 查找下一个 goes to
each place, switching tabs and scrolling to it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.ui.find_replace import FindReplaceDialog, find_all, replaced_texts
from editor.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(window: MainWindow, key: Qt.Key) -> FindReplaceDialog:
    window.tabs.setCurrentIndex(1)
    QTest.keyClick(window.tabs.currentWidget(), key, CTRL)
    dialog = window.find_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_find_replace_ctrl_h_replaces_every_year_in_one_undo_step(window: MainWindow) -> None:
    doc = window.document
    assert doc is not None
    before = dict(doc.report.prose)
    assert sum(t.count("2023") for t in before.values()) == 6
    dialog = _open(window, Qt.Key.Key_H)
    assert dialog.replace_edit.isVisible()
    dialog.find_edit.setText("2023")
    assert "6 处" in dialog.status.text()
    dialog.replace_edit.setText("2024")
    steps = doc.undo_stack.count()
    QTest.mouseClick(dialog.replace_all_button, Qt.MouseButton.LeftButton)
    assert all("2023" not in t for t in doc.report.prose.values())
    assert sum(t.count("2024") for t in doc.report.prose.values()) == 6
    assert doc.undo_stack.count() == steps + 1
    assert "替换 6 处" in dialog.status.text()
    # The editors show it too, not just the report.
    editors = {k: e for tab in window.section_tabs for k, e in tab.editors.items()}
    assert "2024" in editors["problems"].text()
    doc.undo_stack.undo()
    assert doc.report.prose == before
    assert editors["problems"].text() == before["problems"]


def test_find_replace_find_next_goes_to_each_place_in_order(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.resize(1000, 600)
    dialog = _open(window, Qt.Key.Key_F)
    assert not dialog.replace_edit.isVisible()  # Ctrl+F: find only
    dialog.find_edit.setText("2023")
    order = window.prose_order()
    seen = []
    for _ in range(6):
        match = dialog.find_next()
        assert match is not None
        seen.append((order.index(match.key), match.start))
        tab = window.tabs.currentWidget()
        editor = tab.editors[match.key]  # type: ignore[attr-defined]
        assert editor.editor.textCursor().selectedText() == "2023"
        scroll = tab.prose_scroll  # type: ignore[attr-defined]
        if scroll is not None:
            # In sight: the selected line lies inside the scroll area's viewport.
            rect = editor.editor.cursorRect()
            top = editor.editor.viewport().mapTo(scroll.viewport(), rect.topLeft())
            assert 0 <= top.y() <= scroll.viewport().height() - rect.height(), match
    assert seen == sorted(seen)  # the order the report prints them
    assert (
        dialog.find_next() is not None
        and (order.index(dialog.current.key), dialog.current.start) == seen[0]
    )  # type: ignore[union-attr]


def test_find_replace_replace_one_then_the_next(window: MainWindow) -> None:
    doc = window.document
    assert doc is not None
    dialog = _open(window, Qt.Key.Key_H)
    dialog.find_edit.setText("2023")
    dialog.replace_edit.setText("2024")
    first = dialog.find_next()
    assert first is not None
    assert dialog.replace_current()
    assert doc.report.prose[first.key][first.start : first.start + 4] == "2024"
    assert sum(t.count("2023") for t in doc.report.prose.values()) == 5
    assert dialog.current is not None and dialog.current != first  # moved on to the next


def test_find_replace_seeded_with_the_selected_words(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = window.section_tabs[0]
    window.tabs.setCurrentWidget(tab)
    editor = tab.editors["overview"]
    editor.select_range(0, 4)
    qtbot.waitUntil(editor.editor.hasFocus)
    QTest.keyClick(editor.editor, Qt.Key.Key_F, CTRL)
    assert window.find_dialog is not None
    assert window.find_dialog.find_edit.text() == editor.text()[:4]


words = st.text(alphabet="年度2023报告，", min_size=0, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=4), st.text(alphabet="2023年", min_size=1, max_size=4))
def test_find_replace_counts_agree_with_the_replacement(texts: list[str], needle: str) -> None:
    fields = [(f"k{i}", t) for i, t in enumerate(texts)]
    found = find_all(fields, needle)
    new, count = replaced_texts(fields, needle, "※")
    assert count == len(found) == sum(t.count(needle) for t in texts)
    for key, text in fields:
        assert new.get(key, text) == text.replace(needle, "※")

"""Copied prose in the window: the 上年内容，待更新 mark stays while the text is mostly last year's,
the copied sentences are highlighted, tab titles and the findings panel show it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor.importers.last_year import new_from_last_year
from editor.ui.copied_prose import TAB_MARK
from editor.ui.main_window import MainWindow
from editor.ui.prose_editor import ProseFieldEditor
from tests.conftest import SAMPLE

KEY = "overview.proactive"
NEW_TEXT = (
    "本年度，区政府办围绕优化营商环境，新开设惠企政策专栏，集中发布涉企政策一百余条；"
    "对政策文件同步开展图解和视频解读，邀请企业代表参与政策评估；"
    "政务新媒体开设“政策直通车”栏目，全年推送解读信息三百余条，阅读量明显提升。"
)


def _started(window: MainWindow) -> dict[str, ProseFieldEditor]:
    window.open_unsaved(new_from_last_year(SAMPLE, 2024).report, None)
    return {k: e for tab in window.section_tabs for k, e in tab.editors.items()}


def _type(editor: ProseFieldEditor, text: str) -> None:
    """Chinese as an input method (fcitx) delivers it: one committed string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor.editor, event)


def _tab_of(window: MainWindow, key: str) -> int:
    return next(i for i, t in enumerate(window.section_tabs, start=1) if key in t.editors)


def _copied_backgrounds(editor: ProseFieldEditor) -> list[tuple[int, int]]:
    colour = QColor("#fff3c4")
    return [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in editor.editor.extraSelections()
        if s.format.background().color() == colour
    ]


def test_copied_prose_mark_stays_after_typing_and_goes_when_rewritten(
    qtbot: QtBot, window: MainWindow
) -> None:
    editors = _started(window)
    editor = editors[KEY]
    window.tabs.setCurrentIndex(_tab_of(window, KEY))
    assert not editor.banner.isHidden() and "100%" in editor.banner.text()
    editor.editor.setFocus()
    QTest.keyClick(editor.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    _type(editor, "本年新增一句话。")
    # Still mostly last year's: the mark stays, with the share now below 100%.
    assert not editor.banner.isHidden()
    assert editor.copied_percent is not None and 50 <= editor.copied_percent < 100
    assert f"{editor.copied_percent}%" in editor.banner.text()
    # Rewritten: the mark, its highlight and its finding go; the other fields keep theirs.
    editor.editor.selectAll()
    _type(editor, NEW_TEXT)
    assert editor.text() == NEW_TEXT
    assert editor.banner.isHidden()
    assert _copied_backgrounds(editor) == []
    doc = window.document
    assert doc is not None
    copied = {f.span.prose for f in doc.findings if f.rule == "prose.last_year" and f.span}
    assert KEY not in copied and "problems" in copied
    assert not editors["problems"].banner.isHidden()


def test_copied_prose_sentences_highlighted(qtbot: QtBot, window: MainWindow) -> None:
    editor = _started(window)[KEY]
    editor.editor.setPlainText(NEW_TEXT + editor.text())
    marked = _copied_backgrounds(editor)
    assert marked and marked == editor.copied_spans
    assert all(start >= len(NEW_TEXT) for start, _end in marked)  # the new sentences are not


def test_copied_prose_tab_titles_and_findings_panel(qtbot: QtBot, window: MainWindow) -> None:
    _started(window)
    index = _tab_of(window, KEY)
    assert window.tabs.tabText(index).endswith(TAB_MARK)
    table_tab = next(i for i, t in enumerate(window.section_tabs, 1) if t.section.key == "requests")
    assert not window.tabs.tabText(table_tab).endswith(TAB_MARK)  # nothing copied there
    panel = window.findings_panel
    texts = [panel.topLevelItem(i).text(2) for i in range(panel.topLevelItemCount())]  # type: ignore[union-attr]
    assert sum("与上年报告重复" in t for t in texts) == 8
    # A click on one goes to its field.
    item = next(
        panel.topLevelItem(i)
        for i in range(panel.topLevelItemCount())
        if "（一）主动公开" in panel.topLevelItem(i).text(2)  # type: ignore[union-attr]
    )
    assert item is not None
    panel.itemClicked.emit(item, 0)
    assert window.tabs.currentIndex() == index

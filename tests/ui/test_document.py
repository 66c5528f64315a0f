"""The document: one undo step per gesture, prose typing merged, drafts and flags."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtTest import QTest

from editor.domain.forms import CellRef
from editor.ui.document import ReportDocument
from editor.ui.prose_editor import ProseFieldEditor
from editor.ui.prose_text import clean_pasted_text

TOTAL = CellRef("requests", "received", "total")


def test_document_fill_totals_is_one_step(document: ReportDocument) -> None:
    document.push_cells({TOTAL: 1, CellRef("appeals", "review", "total"): 9}, "t")
    assert document.fill_totals() == 2
    assert document.report.get(TOTAL) == 27
    assert document.findings == []
    document.undo_stack.undo()
    assert document.report.get(TOTAL) == 1


def test_document_fill_selected_totals_only(document: ReportDocument) -> None:
    other = CellRef("appeals", "review", "total")
    document.push_cells({TOTAL: 1, other: 9}, "t")
    assert document.fill_totals({TOTAL}) == 1
    assert document.report.get(other) == 9


def test_document_typing_in_a_field_merges_into_one_step(qtbot, document: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    field = ProseFieldEditor(document, "problems", "")
    qtbot.addWidget(field)
    before = field.text()
    field.editor.moveCursor(field.editor.textCursor().MoveOperation.End)
    QTest.keyClicks(field.editor, "abc")
    assert document.report.prose["problems"] == before + "abc"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert field.text() == before
    document.undo_stack.redo()
    assert field.text() == before + "abc"


def test_document_prose_step_ends_when_focus_leaves(qtbot, document: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    field = ProseFieldEditor(document, "other", "")
    qtbot.addWidget(field)
    QTest.keyClicks(field.editor, "a")
    document.end_prose_typing()
    QTest.keyClicks(field.editor, "b")
    assert document.undo_stack.count() == 2


def test_document_draft_banner_until_edited(qtbot, document: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    document.report.draft_prose = ["problems"]
    field = ProseFieldEditor(document, "problems", "")
    qtbot.addWidget(field)
    field.show()
    assert field.banner.isVisible()
    QTest.keyClicks(field.editor, "x")
    assert not field.banner.isVisible()
    assert "problems" not in document.report.draft_prose
    document.undo_stack.undo()
    assert field.banner.isVisible()
    assert document.report.draft_prose == ["problems"]


def test_document_paste_from_word_is_plain_text(qtbot, document: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    field = ProseFieldEditor(document, "other", "")
    qtbot.addWidget(field)
    field.editor.clear()
    mime = QMimeData()
    mime.setHtml("<p style='font-family:仿宋'><b>本年度</b>未收取费用。</p>")
    mime.setText("本年度\u200b未收取费用。\r\n")
    field.editor.insertFromMimeData(mime)
    assert field.text() == "本年度未收取费用。\n"
    assert document.report.prose["other"] == "本年度未收取费用。\n"


def test_clean_pasted_text_normalises_breaks_and_spaces() -> None:
    assert clean_pasted_text("a\r\nb\rc\u00a0d\u00ad") == "a\nb\nc d"


def test_document_character_count_ignores_whitespace(qtbot, document: ReportDocument) -> None:  # type: ignore[no-untyped-def]
    field = ProseFieldEditor(document, "other", "")
    qtbot.addWidget(field)
    field.editor.setPlainText("一二 三\n四")
    assert field.count.text() == "4 字"


def test_document_meta_edit_is_undoable(document: ReportDocument) -> None:
    document.push_meta("signer", "龙亭区人民政府办公室", "落款")
    assert document.report.meta.signer == "龙亭区人民政府办公室"
    document.undo_stack.undo()
    assert document.report.meta.signer == ""


def test_document_typing_into_flagged_cell_confirms_it(document: ReportDocument) -> None:
    document.report.flagged_cells = [TOTAL.key]
    document.push_cells({TOTAL: 28}, "t")
    assert document.report.flagged_cells == []
    document.undo_stack.undo()
    assert document.report.flagged_cells == [TOTAL.key]

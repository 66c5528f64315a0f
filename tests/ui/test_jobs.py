"""The window's import and export commands, run through the task helper."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report
from editor.domain.values import format_value
from editor.ui.main_window import MainWindow
from editor.ui.output_options import OutputOptionsDialog
from editor.ui.table_model import PREVIOUS_ROLE
from tests.conftest import SAMPLE
from tests.ui.conftest import answer_next_dialog, choose_in_file_dialog

TOTAL = CellRef("requests", "received", "total")


def _file_menu(window: MainWindow) -> QMenu:
    # By title, not QAction.menu(): on PySide6 6.9 that returns an already-deleted wrapper.
    return next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "文件(&F)")


def test_jobs_menu_has_the_feature_actions(window: MainWindow) -> None:
    texts = [a.text() for a in _file_menu(window).actions()]
    for name in ("导入 Excel", "导出 Excel", "导出 PDF", "打印预览", "打印(", "导入已发布的年报"):
        assert any(t.startswith(name) for t in texts), name
    assert texts.index("新建：从上年报告开始(&L)…") == 1


def test_jobs_export_xlsx_then_import_into_current_is_one_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsx"
    with qtbot.waitSignal(window.jobs.export_xlsx(out).finished, timeout=20_000) as done:
        pass
    assert done.args == [True]
    assert openpyxl.load_workbook(out).sheetnames
    doc = window.document
    assert doc is not None
    doc.push_cells({TOTAL: 5, CellRef("requests", "received", "natural"): 5}, "t")
    steps = doc.undo_stack.count()
    task = window.jobs.import_xlsx(out, into_current=True)
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert doc.report.get(TOTAL) == 27
    assert doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.report.get(TOTAL) == 5
    for box in list(window.messages):
        box.close()


def _answer_year(year: int) -> None:
    """Types `year` into the next 新报告的年度 dialog and presses OK."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog):
            box.setIntValue(year)
            box.accept()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


def test_jobs_new_from_last_year_menu_starts_next_years_report(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    # Last year's report: the sample, with something carried over so 0 and blank differ too.
    last = load_report(SAMPLE)
    carried = {CellRef("requests", "carried_out", c): 0 for c in ("business", "total")}
    carried |= {CellRef("requests", "carried_out", "natural"): 3}
    last.set_values(carried)
    source = tmp_path / "last.nianbao"
    save_report(last, source)
    old = window.document
    # The real file dialog and the real year dialog, answered as a clerk would.
    shown: list[list[str]] = []
    choose_in_file_dialog(source, shown)
    _answer_year(last.meta.year + 1)
    action = next(a for a in _file_menu(window).actions() if "上年" in a.text())
    action.trigger()
    qtbot.waitUntil(lambda: window.document is not old, timeout=20_000)
    doc = window.document
    assert doc is not None
    for box in list(window.messages):
        box.close()
    # The dialog lists every kind of last year's report the reader takes, and 所有文件.
    filters = shown[0]
    for pattern in ("*.nianbao", "*.xlsx", "*.pdf", "*.docx", "*.html", "*.txt", "(*)"):
        assert any(pattern in f for f in filters), pattern
    assert filters[0].startswith("上年报告") and "所有文件 (*)" in filters
    # A save is proposed beside last year's report, not in the home folder.
    assert doc.suggested_path(".nianbao").parent == source.parent

    # A new, unsaved document for the next year.
    assert doc.path is None and doc.modified
    assert window.isWindowModified() and "未命名" in window.windowTitle()
    assert doc.report.meta.year == last.meta.year + 1
    assert doc.report.meta.organ == last.meta.organ

    # Every prose field last year filled shows the banner; the others do not.
    editors = {k: e for tab in window.section_tabs for k, e in tab.editors.items()}
    drafts = {k for k, text in last.prose.items() if text.strip()}
    assert drafts and drafts <= set(editors)
    for key, editor in editors.items():
        assert editor.banner.isHidden() is (key not in drafts), key
        if key in drafts:
            assert editor.text() == last.prose[key]

    # Typing does not make a copied paragraph this year's: the banner stays (now with the
    # share still last year's, prose.last_year), all in one undo step; undo brings the text back.
    key = "problems"
    editor = editors[key]
    window.tabs.setCurrentWidget(next(t for t in window.section_tabs if key in t.editors))
    editor.editor.setFocus()
    QTest.keyClicks(editor.editor, "2024")
    assert not editor.banner.isHidden()
    assert "与上年报告相同" in editor.banner.text()
    assert key not in doc.report.draft_prose
    assert "2024" in doc.report.prose[key]
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert editor.text() == last.prose[key]
    assert not editor.banner.isHidden()
    assert key in doc.report.draft_prose

    # 上年结转 = last year's 结转下年度继续办理, shown in the grid; last year's values as hints.
    tab = next(t for t in window.section_tabs if t.section.table == "requests")
    assert tab.table_view is not None
    model = tab.table_view.model()
    for column in model.table.columns:
        out = last.get(CellRef("requests", "carried_out", column.key))
        into = CellRef("requests", "carried_in", column.key)
        assert doc.report.get(into) == out, column.key
        assert model.data(model.index_of(into)) == format_value(out)
    received = CellRef("requests", "received", "natural")
    assert doc.report.get(received) is None  # this year's numbers are left to fill in
    hint = f"上年：{format_value(last.get(received))}"
    assert hint == "上年：27"
    assert hint in model.data(model.index_of(received), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index_of(received), PREVIOUS_ROLE) == hint


@pytest.mark.parametrize(("command", "suffix"), [("导出 Excel", ".xlsx"), ("导出 PDF", ".pdf")])
def test_jobs_export_proposes_the_report_file_name_beside_it(
    window: MainWindow, command: str, suffix: str
) -> None:
    answer_next_dialog(OutputOptionsDialog, lambda d: d.accept())  # only asked for the PDF
    proposed = choose_in_file_dialog(None)  # the clerk cancels
    action = next(a for a in _file_menu(window).actions() if a.text().startswith(command))
    action.trigger()
    assert window.document is not None and window.document.path is not None
    assert proposed == [str(window.document.path.with_suffix(suffix))]


def test_jobs_export_of_an_unsaved_report_proposes_its_title(
    window: MainWindow, tmp_path: Path
) -> None:
    assert window.document is not None
    window.document.path = None
    proposed = choose_in_file_dialog(None)
    window.jobs.export_xlsx_dialog()
    folder = window.jobs._folder()
    assert proposed == [str(folder / f"{window.document.report.title}.xlsx")]
    assert window.document.report.title.endswith("政府信息公开工作年度报告")

"""批量检查: the table fills in off the UI thread, sorts by errors, opens a row in the window,
cancels, and writes the same workbook and 汇总 as the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QSortFilterProxyModel, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.batch.review import ReviewedFile
from editor.batch.workbook import HEADER_ROW, REPORTS_SHEET
from editor.cli import main as cli_main
from editor.domain.storage import load_report, report_to_json, save_report
from editor.ui.batch_review import BatchReviewDialog, show_batch_review
from editor.ui.batch_review_model import (
    ERRORS_COLUMN,
    FILE_COLUMN,
    NOTE_COLUMN,
    SORT_ROLE,
    BatchReviewModel,
)
from editor.ui.batch_review_sum import SumOptionsDialog, write_sum_in_background
from editor.ui.main_window import MainWindow
from tests.batch.pile import BROKEN_ERRORS, Pile, department

TIMEOUT_MS = 120_000


def _read(qtbot, dialog: BatchReviewDialog, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.run_finished, timeout=TIMEOUT_MS):
        dialog.add_paths(paths)


def _shown_files(dialog: BatchReviewDialog) -> list[str]:
    proxy = dialog.proxy
    return [str(proxy.index(r, FILE_COLUMN).data()) for r in range(proxy.rowCount())]


def _boxes(dialog: BatchReviewDialog) -> list[QMessageBox]:
    return [b for b in dialog.findChildren(QMessageBox) if b.isVisible()]


def test_batch_review_model_passes_model_tester(qtmodeltester, pile: Pile) -> None:  # type: ignore[no-untyped-def]
    from editor.batch.inputs import collect_inputs
    from editor.batch.review import review_file

    model = BatchReviewModel()
    for item in collect_inputs([pile.folder / n for n in ("clean.html", pile.damaged)]).files:
        model.add(review_file(item))
    qtmodeltester.check(model, force_py=True)


def test_batch_review_model_sorts_unreadable_then_errors_then_cells_to_confirm(  # type: ignore[no-untyped-def]
    qapp, tmp_path: Path
) -> None:
    from editor.batch.inputs import InputFile
    from editor.batch.review import review_file
    from editor.domain.forms import CellRef

    to_confirm = department(2, "待确认局")
    to_confirm.flagged_cells = [CellRef("requests", "received", "natural").key]
    reports = {
        "clean": department(1, "好局"),
        "confirm": to_confirm,
        "broken": department(3, "错局", broken=True),
    }
    for name, report in reports.items():
        save_report(report, tmp_path / f"{name}.nianbao")
    (tmp_path / "damaged.nianbao").write_text("{", encoding="utf-8")
    model = BatchReviewModel()
    for name in ("clean", "confirm", "broken", "damaged"):
        model.add(review_file(InputFile(tmp_path / f"{name}.nianbao", name)))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
    order = [proxy.index(r, FILE_COLUMN).data() for r in range(proxy.rowCount())]
    assert order == ["damaged", "broken", "confirm", "clean"]
    model.remove([1, 3])
    assert [f.name for f in model.files] == ["clean", "broken"]


def test_batch_review_fills_in_worst_first_and_opens_rows(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, pile: Pile
) -> None:
    dialog = show_batch_review(window)
    assert show_batch_review(window) is dialog  # one per window, keeping its rows
    _read(qtbot, dialog, [pile.folder])
    shown = _shown_files(dialog)
    assert sorted(shown) == sorted([*pile.clean, *pile.broken, pile.damaged])
    assert shown[0] == pile.damaged  # cannot be read: beyond any error count
    assert set(shown[1 : 1 + len(pile.broken)]) == set(pile.broken)
    first_broken = dialog.proxy.index(1, ERRORS_COLUMN).data()
    assert first_broken == str(BROKEN_ERRORS)
    assert "6 份有错误" in dialog.status.text() and "1 份无法读取" in dialog.status.text()
    assert dialog.export_button.isEnabled() and dialog.sum_button.isEnabled()

    dialog.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _shown_files(dialog)[0] in pile.clean

    # A report file opens as itself; a published one as an unsaved import, a copy of the row's.
    row = _shown_files(dialog).index("broken.nianbao")
    dialog.open_row(dialog.proxy.index(row, 0))
    assert window.document is not None and window.document.path is not None
    assert window.document.path.name == "broken.nianbao"
    # The dialog steps aside for the window; the menu brings it back, rows kept.
    assert not dialog.isVisible() and "批量检查" in window.statusBar().currentMessage()
    assert show_batch_review(window) is dialog and len(dialog.model.files) == len(shown)
    row = _shown_files(dialog).index("broken.html")
    dialog.open_row(dialog.proxy.index(row, 0))
    opened = window.document.report
    assert window.document.path is None and opened.meta.organ == pile.organs["broken.html"]
    item = next(f for f in dialog.model.files if f.name == "broken.html")
    assert opened is not item.report and opened.tables == item.report.tables  # type: ignore[union-attr]
    window.document.undo_stack.setClean()

    row = _shown_files(dialog).index(pile.damaged)
    dialog.open_row(dialog.proxy.index(row, 0))
    assert any("PDF" in b.text() for b in _boxes(dialog))

    # Taken out of the list (not off the disk), e.g. before a 汇总.
    dialog.table.selectRow(row)
    assert dialog.remove_button.isEnabled()
    dialog.remove_selected()
    assert pile.damaged not in _shown_files(dialog) and (pile.folder / pile.damaged).exists()
    assert "无法读取" not in dialog.status.text()
    dialog.close()


def test_batch_review_reads_only_new_files_and_rechecks(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        save_report(department(i, f"局{i}"), folder / f"d{i}.nianbao")
    dialog = show_batch_review(window)
    _read(qtbot, dialog, [folder / "d0.nianbao"])
    _read(qtbot, dialog, [folder])
    assert sorted(_shown_files(dialog)) == ["d0.nianbao", "d1.nianbao", "d2.nianbao"]
    # The clerk fixes nothing but breaks one; 重新检查 reads the list again.
    save_report(department(1, "局1", broken=True), folder / "d1.nianbao")
    with qtbot.waitSignal(dialog.run_finished, timeout=TIMEOUT_MS):
        dialog.recheck()
    assert _shown_files(dialog)[0] == "d1.nianbao"
    dialog.close()


def test_batch_review_cancel_keeps_the_rows_read(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(200):
        save_report(department(i, f"局{i}"), folder / f"d{i:03d}.nianbao")
    dialog = show_batch_review(window)
    dialog.model.rowsInserted.connect(lambda *_args: dialog.cancel())
    _read(qtbot, dialog, [folder])
    assert len(dialog.model.files) == 1
    assert "已取消" in dialog.status.text() and not dialog.running
    assert dialog.add_folder_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.findChildren(QThread) == [])  # the thread is gone
    dialog.close()


def test_batch_review_writes_the_same_workbook_and_sum_as_the_command_line(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, pile: Pile, tmp_path: Path
) -> None:
    dialog = show_batch_review(window)
    _read(qtbot, dialog, [pile.folder])
    ours, theirs = tmp_path / "window.xlsx", tmp_path / "cli.xlsx"
    dialog.export(ours)
    qtbot.waitUntil(ours.exists, timeout=TIMEOUT_MS)
    cli_main(["review", str(pile.folder), "-o", str(theirs)])

    def rows(path: Path) -> list[tuple[object, ...]]:
        ws = openpyxl.load_workbook(path)[REPORTS_SHEET]
        return list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))

    assert rows(ours) == rows(theirs)

    quick = (".nianbao", ".html", ".txt")  # the 汇总 of every format: tests/commands
    clean = [f for f in dialog.model.files if f.name in pile.clean and f.name.endswith(quick)]
    target = tmp_path / "window-sum.nianbao"
    write_sum_in_background(dialog, clean, "测试县", 2023, target, window.open_path)
    qtbot.waitUntil(lambda: bool(_boxes(dialog)), timeout=TIMEOUT_MS)
    box = _boxes(dialog)[0]
    assert "汇总完成" in box.windowTitle() and "0 处错误" in box.text()
    names = [str(pile.folder / f.name) for f in clean]
    cli_sum = tmp_path / "cli-sum.nianbao"
    cli_main(["sum", *names, "--organ", "测试县", "--year", "2023", "-o", str(cli_sum)])
    ours_sum, theirs_sum = load_report(target), load_report(cli_sum)
    ours_sum.prose = theirs_sum.prose = {}  # file names: relative here, as given there
    assert report_to_json(ours_sum) == report_to_json(theirs_sum)
    box.close()
    dialog.close()


def test_batch_review_sum_refused_is_a_message_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, pile: Pile, tmp_path: Path
) -> None:
    dialog = show_batch_review(window)
    _read(qtbot, dialog, [pile.folder / n for n in ("clean.nianbao", pile.damaged)])
    files: list[ReviewedFile] = list(dialog.model.files)
    target = tmp_path / "sum.nianbao"
    write_sum_in_background(dialog, files, "测试县", 2023, target, window.open_path)
    qtbot.waitUntil(lambda: bool(_boxes(dialog)), timeout=TIMEOUT_MS)
    assert "无法汇总" in _boxes(dialog)[0].text() and pile.damaged in _boxes(dialog)[0].text()
    assert not target.exists()
    dialog.close()


def test_batch_review_sum_says_what_cannot_be_summed_before_asking(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, pile: Pile, tmp_path: Path
) -> None:
    """A pile with an unreadable report: 汇总 says so at once, before the organ, the year and the
    file are asked for (the clerk would otherwise fill them in for nothing)."""
    dialog = show_batch_review(window)
    _read(qtbot, dialog, [pile.folder / n for n in ("clean.nianbao", pile.damaged)])
    asked: list[str] = []

    def close_questions() -> None:  # a regression asks modally: record it and let the test go on
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, SumOptionsDialog) and widget.isVisible():
                asked.append(widget.windowTitle())
                widget.reject()

    QTimer.singleShot(3000, close_questions)
    dialog.sum_dialog()
    assert asked == []
    box = _boxes(dialog)[0]
    assert box.windowTitle() == "无法汇总" and pile.damaged in box.text()
    box.close()
    dialog.close()


def test_batch_review_selected_row_shows_its_note_in_full(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, pile: Pile
) -> None:
    """At 1024 pixels the 说明 column shows a few characters: the selected row's note is shown
    in full under the table."""
    dialog = show_batch_review(window)
    _read(qtbot, dialog, [pile.folder / n for n in ("clean.nianbao", pile.damaged)])
    dialog.table.selectRow(_shown_files(dialog).index("clean.nianbao"))  # nothing to say
    assert dialog.note.isHidden()
    damaged_row = _shown_files(dialog).index(pile.damaged)
    dialog.table.selectRow(damaged_row)
    note = str(dialog.proxy.index(damaged_row, NOTE_COLUMN).data())
    assert note and dialog.note.isVisibleTo(dialog)
    assert dialog.note.text() == f"{pile.damaged}：{note}"
    dialog.close()

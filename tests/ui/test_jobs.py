"""The window's import and export commands, run through the task helper."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from editor.domain.forms import CellRef
from editor.ui.main_window import MainWindow

TOTAL = CellRef("requests", "received", "total")


def test_jobs_menu_has_the_feature_actions(window: MainWindow) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for name in ("导入 Excel", "导出 Excel", "导出 PDF", "打印预览", "打印(", "导入已发布的年报"):
        assert any(t.startswith(name) for t in texts), name
    assert texts.index("新建：从上年报告开始(&L)…") == 1


def test_jobs_export_xlsx_then_import_into_current_is_one_step(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
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

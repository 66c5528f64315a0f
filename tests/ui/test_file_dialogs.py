"""The file dialogs Qt draws itself (the Linux bundle's): its 类型 and 修改日期 columns in
Chinese, whatever LANG the session started with."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from editor.app import create_application
from editor.ui.file_dialogs import LAST_YEAR_FILTERS, file_dialog


def test_file_dialogs_folder_type_and_dates_are_chinese(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    create_application(["nianbao"])  # the application's translations, as the editor has them
    (tmp_path / "2024年报").mkdir()
    (tmp_path / "上年.nianbao").write_text("{}", encoding="utf-8")
    dialog = file_dialog(None, "选择上年报告", tmp_path, LAST_YEAR_FILTERS)
    qtbot.addWidget(dialog)
    dialog.setViewMode(dialog.ViewMode.Detail)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree is not None
    model = tree.model()

    def rows() -> dict[str, list[str]]:
        root = tree.rootIndex()
        out = {}
        for r in range(model.rowCount(root)):
            cells = [model.index(r, c, root).data(Qt.ItemDataRole.DisplayRole) for c in range(4)]
            out[str(cells[0])] = [str(x) for x in cells]
        return out

    qtbot.waitUntil(lambda: {"2024年报", "上年.nianbao"} <= set(rows()), timeout=5000)
    folder = rows()["2024年报"]
    assert folder[2] == "文件夹"  # was "Folder"
    for cells in rows().values():
        assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{2}:\d{2}", cells[3]), cells[3]
    # The same dialog lists every kind of last year's report and 所有文件.
    assert dialog.nameFilters() == list(LAST_YEAR_FILTERS)

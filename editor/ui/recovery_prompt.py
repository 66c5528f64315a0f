"""The questions about autosaved work: at a start without a file, and whenever a file is opened
for which a crashed run left newer (or older) unsaved work."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.ui.recovery import Recovered, RecoveryStore

RESTORE = "恢复自动保存的内容"
OPEN_SAVED = "打开磁盘上的文件"
SAVED_AT_FORMAT = "%Y-%m-%d %H:%M:%S"


def _same_file(a: Path, b: Path) -> bool:
    return os.path.normcase(str(a.resolve())) == os.path.normcase(str(b.resolve()))


def left_by_another_run(store: RecoveryStore, recovered: Recovered) -> bool:
    # This window's own autosave belongs to the report it has open, not to a crash.
    return recovered.files[0].stem != f"recovery-{store.pid}"


def recoveries_for(store: RecoveryStore, path: Path) -> list[Recovered]:
    """Autosaves a crashed run left for the file `path`, newest first."""
    return [
        r
        for r in store.orphans()
        if r.source is not None and left_by_another_run(store, r) and _same_file(r.source, path)
    ]


def which_is_newer(recovered: Recovered, path: Path) -> str:
    """A sentence on whether the autosave or the file on disk is newer."""
    try:
        saved = datetime.strptime(recovered.saved_at, SAVED_AT_FORMAT)
        on_disk = datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError):
        return "无法比较两者的时间。"
    disk_text = on_disk.strftime(SAVED_AT_FORMAT)
    if saved >= on_disk:
        return f"自动保存的内容较新（磁盘上的文件保存于 {disk_text}）。"
    return (
        f"磁盘上的文件较新（保存于 {disk_text}，晚于自动保存），可能已在别处修改过；恢复前请确认。"
    )


def offer_for_file(parent: QWidget, store: RecoveryStore, path: Path) -> Recovered | None:
    """Asks whether to restore the autosave left for `path`; returns it when the clerk says so.

    Declining removes the autosaves of that file (the question says so), so it is not asked
    again at every open.
    """
    found = recoveries_for(store, path)
    if not found:
        return None
    latest = found[0]
    newer = which_is_newer(latest, path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("恢复未保存的工作")
    box.setText(f"“{path.name}”有上次未保存的工作：{latest.saved_at} 自动保存。\n{newer}")
    box.setInformativeText(f"选“{OPEN_SAVED}”将删除这份自动保存。")
    restore = box.addButton(RESTORE, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(OPEN_SAVED, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    chosen = box.clickedButton() is restore
    box.deleteLater()
    if not chosen:
        for r in found:
            store.remove(r)
        return None
    return latest

"""The crash handler: for a bug, save the clerk's work first, log the traceback, say where."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from editor.domain.errors import UserError

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def write_crash_log(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    path.write_text(text, encoding="utf-8")
    return path


def make_crash_handler(
    log_dir: Path,
    save_work: Callable[[], Path | None],
    parent: Callable[[], QWidget | None],
) -> ExceptHook:
    """An excepthook; `save_work` writes the recovery file and returns it (or None)."""

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if isinstance(error, UserError):
            # A user-fixable failure that escaped its handler: still just a message.
            _show(parent(), QMessageBox.Icon.Warning, "年报编辑器", str(error))
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        sys.stderr.write(text)
        try:
            saved = save_work()
            saved_line = (
                f"您的工作已自动保存到恢复文件，下次启动时会提示恢复：\n{saved}"
                if saved
                else "当前没有未保存的修改。"
            )
        except Exception as e:  # the handler must never fail itself
            saved_line = f"自动保存失败（{e}）；请立即用“另存为”保存到新文件。"
        try:
            log = write_crash_log(log_dir, text)
            log_line = f"错误记录已写入：\n{log}\n请把这个文件发给维护人员。"
        except OSError as e:
            log_line = f"错误记录无法写入（{e}）。"
        _show(
            parent(),
            QMessageBox.Icon.Critical,
            "程序内部错误",
            f"年报编辑器出现了一个内部错误。\n\n{saved_line}\n\n{log_line}",
        )

    return handle


def _show(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    if QApplication.instance() is None:
        return
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    _open_boxes.append(box)  # without a parent, only this reference keeps it on screen
    box.finished.connect(lambda _r: _open_boxes.remove(box))
    box.open()


_open_boxes: list[QMessageBox] = []

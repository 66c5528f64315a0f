"""Long jobs on a worker thread; the crash handler saves work and writes a log."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QWidget

from editor.domain.errors import UserError
from editor.domain.progress import Progress
from editor.ui.crash import make_crash_handler
from editor.ui.tasks import Task


def test_tasks_job_runs_off_the_ui_thread_and_reports_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, object] = {}

    def job(progress: Progress) -> str:
        seen["thread"] = threading.current_thread()
        progress(0.5, "一半")
        return "结果"

    task = Task(parent, "导出", job, lambda r: seen.__setitem__("result", r))
    with qtbot.waitSignal(task.finished) as done:
        task.start()
    assert done.args == [True]
    assert seen["result"] == "结果"
    assert seen["thread"] is not threading.main_thread()


def test_tasks_user_error_becomes_a_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)

    def job(_progress: Progress) -> None:
        raise UserError("文件已被其他程序占用")

    task = Task(parent, "导出", job, lambda _r: None)
    with qtbot.waitSignal(task.finished) as done:
        task.start()
    assert done.args == [False]
    from PySide6.QtWidgets import QMessageBox

    boxes = [w for w in parent.findChildren(QMessageBox) if w.isVisible()]
    assert boxes and boxes[0].text() == "文件已被其他程序占用"


def test_crash_handler_saves_work_and_writes_log(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "recovery-1.nianbao"
    handler = make_crash_handler(tmp_path / "logs", lambda: saved, lambda: None)
    try:
        raise RuntimeError("bug")
    except RuntimeError as e:
        handler(RuntimeError, e, e.__traceback__)
    logs = list((tmp_path / "logs").glob("crash-*.log"))
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: bug" in text and "Traceback" in text
    from editor.ui import crash

    box = crash._open_boxes[-1]
    assert str(saved) in box.text() and str(logs[0]) in box.text()
    box.close()

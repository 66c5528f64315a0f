"""Long jobs (export, import) on a worker thread, behind a progress dialog shown only if slow."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from editor.domain.errors import UserError
from editor.domain.progress import Progress
from editor.ui.ui_thread_gc import collect_on_ui_thread_only

# A job shorter than this never shows a dialog.
SHOW_AFTER_MS = 400


class _Worker(QObject):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._job = job

    def _report_progress(self, fraction: float, what: str) -> None:
        self.progressed.emit(fraction, what)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._report_progress)
        except BaseException as e:  # handed to the UI thread, which knows what to do
            self.failed.emit(e)
            return
        self.succeeded.emit(result)


class Task(QObject):
    """Runs `job(progress)` on a thread; `on_done(result)` on the UI thread when it succeeds.

    The job must work on its own data (a snapshot of the report), never on widgets. A UserError
    is shown as a message; any other exception goes to the crash handler (sys.excepthook).
    """

    finished = Signal(bool)  # succeeded?

    def __init__(
        self,
        parent: QWidget,
        title: str,
        job: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_done = on_done
        self.dialog = QProgressDialog(title, "", 0, 1000, parent)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setCancelButton(None)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setValue(0)
        self._thread = QThread(self)
        self._worker = _Worker(job)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)

    def start(self) -> Task:
        # A collection on the worker thread could destroy widgets there, and crash.
        collect_on_ui_thread_only()
        self._thread.start()
        return self

    def _progress(self, fraction: float, what: str) -> None:
        self.dialog.setLabelText(what)
        self.dialog.setValue(int(max(0.0, min(fraction, 1.0)) * 999))

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.hide()

    def _succeeded(self, result: object) -> None:
        self._finish()
        try:
            self._on_done(result)
        finally:
            self.finished.emit(True)

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, UserError):
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "年报编辑器",
                str(error),
                QMessageBox.StandardButton.Ok,
                self._parent,
            )
            if error.technical:  # the library's own words, for whoever supports the clerk
                box.setDetailedText(error.technical)
            box.open()
        else:
            sys.excepthook(type(error), error, error.__traceback__)
        self.finished.emit(False)


def run_task(
    parent: QWidget, title: str, job: Callable[[Progress], Any], on_done: Callable[[Any], None]
) -> Task:
    """Starts a Task; keep no reference: the parent owns it until it finishes."""
    task = Task(parent, title, job, on_done).start()
    task.finished.connect(lambda _ok: task.deleteLater())
    return task

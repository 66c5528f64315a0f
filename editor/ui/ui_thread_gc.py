"""Python's cycle collector, run on the UI thread only.

Why: the collector runs in whichever thread happens to allocate when its threshold is crossed. If
that is a worker thread (an Excel export) and the garbage holds Qt widgets (a closed dialog caught
in a reference cycle), the widgets are destroyed off the UI thread and the process crashes. CI stop
9 died that way: SIGSEGV while "Garbage-collecting" inside openpyxl on the export thread. So,
before any worker thread starts, automatic collection is switched off and a timer on the UI thread
collects instead, generation by generation, whenever the counts pass the interpreter's own
thresholds. Reference counting still frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Often enough that cyclic garbage never piles up, rare enough to cost nothing (a check of three
# counters when there is nothing to do).
CHECK_INTERVAL_MS = 500


class _UiThreadCollector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        count0, count1, count2 = gc.get_count()
        if count0 <= self._thresholds[0]:
            return
        generation = 0
        if count1 > self._thresholds[1]:
            generation = 1
            if count2 > self._thresholds[2]:
                generation = 2
        gc.collect(generation)


def collect_on_ui_thread_only() -> None:
    """Moves cycle collection to the UI thread for the running application (idempotent).

    Call on the UI thread, after the QApplication exists and before starting a worker thread.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("collect_on_ui_thread_only() needs a running QApplication")
    # Kept on the application's wrapper, not looked up with findChild: that wraps every child of
    # the application for Python, the style among them, and building the style's class (its
    # dozen enums) costs some 7 ms of every start.
    if not isinstance(getattr(app, "_ui_thread_collector", None), _UiThreadCollector):
        app._ui_thread_collector = _UiThreadCollector(app)  # type: ignore[attr-defined]
    # Every time, not once: something (a test, a library) may have switched it back on.
    gc.disable()

"""Cycle collection never runs on a worker thread, and still runs on the UI thread (CI stop 9)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from editor.domain.progress import Progress
from editor.ui.tasks import Task
from tests.conftest import ROOT


def _cyclic_junk(count: int) -> int:
    """Makes `count` two-element reference cycles: each one counts towards a collection."""
    for _ in range(count):
        pair: list[Any] = []
        pair.append(pair)
    return count


@pytest.fixture
def collecting_threads() -> Iterator[list[threading.Thread]]:
    threads: list[threading.Thread] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread())

    gc.callbacks.append(note)
    yield threads
    gc.callbacks.remove(note)


def test_worker_allocating_heavily_never_collects(qtbot, collecting_threads) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    worker: list[threading.Thread] = []

    def job(_progress: Progress) -> int:
        worker.append(threading.current_thread())
        # Far past every threshold: with automatic collection on, this collects many times here.
        return _cyclic_junk(50 * gc.get_threshold()[0])

    task = Task(parent, "导出", job, lambda _r: None)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert worker and worker[0] is not threading.main_thread()
    assert worker[0] not in collecting_threads


def test_cycles_are_still_collected_on_the_ui_thread(qtbot, collecting_threads) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    task = Task(parent, "导出", lambda _p: None, lambda _r: None)
    with qtbot.waitSignal(task.finished):
        task.start()

    class Node:
        pass

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    gone = weakref.ref(node)
    del node
    _cyclic_junk(2 * gc.get_threshold()[0])
    qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
    assert collecting_threads and set(collecting_threads) == {threading.main_thread()}


CRASH_SCENARIO = textwrap.dedent(
    """
    from PySide6.QtWidgets import QLabel, QWidget
    from editor.app import create_application
    from editor.ui.tasks import run_task

    app = create_application(["nianbao"])
    host = QWidget()
    for _ in range(50):  # closed windows caught in reference cycles: garbage holding widgets
        w = QWidget()
        QLabel("说明", w)
        w.me = w
        w.show()
        w.close()
    del w

    def job(_progress):
        junk = [[i] for i in range(200_000)]  # an export's worth of allocations
        return len(junk)

    run_task(host, "导出", job, lambda r: (print("done", r), app.quit()))
    app.exec()
    """
)


def test_export_thread_with_widget_garbage_around_does_not_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Before the fix this process died of SIGSEGV (exit -11) on every run.
    result = subprocess.run(
        [sys.executable, "-c", CRASH_SCENARIO],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "done 200000" in result.stdout


def test_one_collector_however_often_it_is_asked_for(qapp) -> None:  # type: ignore[no-untyped-def]
    from editor.ui.ui_thread_gc import _UiThreadCollector, collect_on_ui_thread_only

    for _ in range(3):
        collect_on_ui_thread_only()
    assert len(qapp.findChildren(_UiThreadCollector)) == 1
    assert not gc.isenabled()

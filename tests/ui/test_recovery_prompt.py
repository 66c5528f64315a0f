"""Opening a file by name (a double-click) after a crash offers the autosave left for it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report
from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore
from editor.ui.recovery_prompt import OPEN_SAVED, RESTORE
from tests.conftest import SAMPLE
from tests.ui.conftest import answer_next_dialog

NATURAL = CellRef("requests", "received", "natural")
DEAD_PID = 2**22 + 12345  # above Linux's pid_max default: no process has it


def _crashed_run_left(window: MainWindow, source: Path, value: int) -> RecoveryStore:
    """What a killed editor leaves: an autosave of `source` with one cell changed."""
    report = load_report(source)
    report.set(NATURAL, value)
    crashed = RecoveryStore(window.recovery.directory, pid=DEAD_PID)
    crashed.write(report, source.resolve())
    return crashed


def _click(text: str, asked: list[str]) -> None:
    def act(box: QMessageBox) -> None:
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()

    answer_next_dialog(QMessageBox, act)


@pytest.fixture
def other(tmp_path: Path) -> Path:
    path = tmp_path / "龙亭区2023.nianbao"
    save_report(load_report(SAMPLE), path)
    old = time.time() - 3600  # saved an hour before the crash
    os.utime(path, (old, old))
    return path


def test_recovery_prompt_open_by_name_restores_the_newer_autosave(
    window: MainWindow, other: Path
) -> None:
    _crashed_run_left(window, other, 99)
    asked: list[str] = []
    _click(RESTORE, asked)
    assert window.open_path(other)
    assert asked and "龙亭区2023.nianbao" in asked[0]
    assert "自动保存的内容较新" in asked[0]
    doc = window.document
    assert doc is not None
    assert doc.report.get(NATURAL) == 99
    assert doc.path == other.resolve()
    assert window.isWindowModified()  # restored work is not yet saved
    assert load_report(other).get(NATURAL) == 27  # the file itself untouched
    # The crashed run's autosave is gone; only this window's own remains.
    assert not list(window.recovery.directory.glob(f"recovery-{DEAD_PID}.*"))


def test_recovery_prompt_says_when_the_file_on_disk_is_newer(
    window: MainWindow, other: Path
) -> None:
    _crashed_run_left(window, other, 99)
    os.utime(other, None)  # saved again after the autosave (elsewhere, say)
    asked: list[str] = []
    _click(OPEN_SAVED, asked)
    assert window.open_path(other)
    assert "磁盘上的文件较新" in asked[0]
    doc = window.document
    assert doc is not None and doc.report.get(NATURAL) == 27 and not doc.modified
    # Declined: the autosave is removed and not offered again.
    assert not list(window.recovery.directory.glob("recovery-*.nianbao"))
    assert window.open_path(other)


def test_recovery_prompt_not_asked_for_another_files_autosave(
    window: MainWindow, other: Path, tmp_path: Path
) -> None:
    unrelated = tmp_path / "unrelated.nianbao"
    save_report(load_report(SAMPLE), unrelated)
    _crashed_run_left(window, unrelated, 5)
    assert window.open_path(other)  # no question: nothing to answer, nothing blocks
    assert window.document is not None and window.document.report.get(NATURAL) == 27
    assert list(window.recovery.directory.glob(f"recovery-{DEAD_PID}.nianbao"))

"""Fixtures for the window tests: a document of the sample, a window with its own settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QWidget

from editor.domain.model import Report
from editor.domain.storage import load_report, save_report
from editor.ui.document import ReportDocument
from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore
from tests.conftest import SAMPLE


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """A QMimeData made in Python and left on the clipboard crashes the process at exit (see
    editor.app.hand_clipboard_to_qt): tests copy and paste their own, so each leaves it empty."""
    yield
    QApplication.clipboard().clear()


@pytest.fixture
def report() -> Report:
    return load_report(SAMPLE)


@pytest.fixture
def document(qapp: QApplication, report: Report) -> ReportDocument:
    return ReportDocument(report)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    path = tmp_path / "sample.nianbao"
    save_report(load_report(SAMPLE), path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, sample_copy: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, RecoveryStore(tmp_path / "recovery"))
    # Not qtbot.addWidget: qtbot closes its widgets before fixtures end, and a window with
    # changes would then wait for an answer to "save?".
    assert win.open_path(sample_copy)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Closing must not ask: the test is over, whatever it left unsaved.
    if win.document is not None:
        win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()


def answer_next_box(button: QMessageBox.StandardButton) -> list[str]:
    """Clicks `button` on the next modal message box; the list receives the box's text."""
    clicked: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            clicked.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return clicked


D = TypeVar("D", bound=QDialog)


def answer_next_dialog(kind: type[D], act: Callable[[D], object]) -> list[D]:
    """Runs `act` on the next modal dialog of type `kind` once it is shown (as a clerk would
    answer it); the list receives the dialog."""
    seen: list[D] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(0, check)
    return seen


def choose_in_file_dialog(path: Path | None, filters: list[list[str]] | None = None) -> list[str]:
    """Answers the next file dialog with `path` (None: cancels it); the list receives what the
    dialog proposed when it opened (its selected file, or its folder), `filters` its filters."""
    proposed: list[str] = []

    def act(dialog: QFileDialog) -> None:
        selected = dialog.selectedFiles()
        proposed.append(selected[0] if selected else dialog.directory().absolutePath())
        if filters is not None:
            filters.append(dialog.nameFilters())
        if path is None:
            dialog.reject()
        else:
            choose(dialog, str(path))

    def choose(dialog: QFileDialog, wanted: str) -> None:
        # As a clerk does: go to the folder and type the name. (QFileDialog.selectFile leaves
        # the name alone once the name field has the focus, which under load it may already.)
        dialog.setDirectory(str(Path(wanted).parent))
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        if name_field is not None:
            name_field.setText(Path(wanted).name)
        else:
            dialog.selectFile(wanted)
        if dialog.selectedFiles()[:1] == [wanted]:
            dialog.accept()
        else:
            QTimer.singleShot(20, lambda: choose(dialog, wanted))

    answer_next_dialog(QFileDialog, act)
    return proposed


def type_text(widget: QWidget, text: str) -> None:
    """Types `text` into `widget` key by key, as an input method delivers Chinese (QTest's
    keyClicks takes only Latin-1)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key(ord(char.upper())) if char.isascii() else Qt.Key.Key_unknown
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )

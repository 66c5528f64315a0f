"""The editor exits cleanly after cells were copied (Qt must not free our clipboard data late)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.conftest import ROOT, SAMPLE

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QMimeData
    from editor.app import create_application, hand_clipboard_to_qt
    from editor.ui.clipboard import OUR_CELLS_FORMAT
    app = create_application(["nianbao"])
    mime = QMimeData()
    mime.setText("27\\t0")
    mime.setData(OUR_CELLS_FORMAT, b"1")
    app.clipboard().setMimeData(mime)
    hand_clipboard_to_qt(app)
    assert app.clipboard().text() == "27\\t0"
    print("done")
    """
)


def _python(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs this Python offscreen in a child process, as a user's start of the editor would."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_app_exit_after_copy_does_not_crash() -> None:
    done = _python(["-c", SCRIPT], ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"


def test_app_starts_on_sample_and_quits_when_asked(tmp_path: Path) -> None:
    # What the README's run command does, with the smoke tests' quit-after-show switch.
    done = _python(
        ["-m", "editor", str(SAMPLE)],
        tmp_path,
        NIANBAO_QUIT_AFTER_SHOW="1",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_app_has_window_icon(qapp: QApplication) -> None:
    from editor.app import create_application

    app = create_application(["nianbao"])
    assert not app.windowIcon().isNull()
    assert app.windowIcon().pixmap(32, 32).width() == 32

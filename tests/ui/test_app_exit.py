"""The editor exits cleanly after cells were copied (Qt must not free our clipboard data late)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

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


def test_app_exit_after_copy_does_not_crash() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"

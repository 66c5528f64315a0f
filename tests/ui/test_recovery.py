"""Work is never lost: a killed editor's autosave is offered and restored at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.domain.storage import load_report, save_report
from editor.ui.recovery import RecoveryStore
from tests.conftest import ROOT, SAMPLE

EDIT_AND_WAIT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication
    from editor.app import create_application, data_dir, start
    from editor.domain.forms import CellRef

    app = create_application(["nianbao"])
    window = start(["nianbao", sys.argv[1]], autosave_ms=300, idle_ms=100)
    tab = next(t for t in window.section_tabs if t.table_view is not None
               and t.table_view.model().table.key == "requests")
    model = tab.table_view.model()
    # The path typing takes: setData with the text the clerk typed.
    assert model.setData(model.index_of(CellRef("requests", "received", "natural")), "99")
    recovery = data_dir() / "recovery"
    while not list(recovery.glob("recovery-*.nianbao")):
        app.processEvents()
    print("AUTOSAVED", flush=True)
    app.exec()
    """
)

RESTART = textwrap.dedent(
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from editor.app import create_application, start
    from editor.domain.forms import CellRef

    app = create_application(["nianbao"])
    asked = []
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(20, answer)
    QTimer.singleShot(0, answer)
    window = start(["nianbao"])
    doc = window.document
    print("ASKED", "恢复" in asked[0] if asked else False)
    print("VALUE", doc.report.get(CellRef("requests", "received", "natural")))
    print("PATH", doc.path)
    print("MODIFIED", window.isWindowModified())
    doc.undo_stack.setClean()
    """
)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONPATH=str(ROOT),
    )
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_recovery_after_kill_restores_the_edit(tmp_path: Path) -> None:
    report_path = tmp_path / "report.nianbao"
    save_report(load_report(SAMPLE), report_path)
    env = _env(tmp_path / "home")
    editor = subprocess.Popen(
        [sys.executable, "-c", EDIT_AND_WAIT, str(report_path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert editor.stdout is not None
        line = editor.stdout.readline()
        assert line.strip() == "AUTOSAVED", editor.stderr.read() if editor.stderr else ""
    finally:
        editor.send_signal(signal.SIGKILL)  # a crash: no closeEvent, no clean-up
        editor.wait(10)
    restarted = subprocess.run(
        [sys.executable, "-c", RESTART], env=env, capture_output=True, text=True, timeout=60
    )
    out = dict(line.split(" ", 1) for line in restarted.stdout.splitlines() if " " in line)
    assert out.get("ASKED") == "True", restarted.stderr
    assert out["VALUE"] == "99"
    assert out["PATH"] == str(report_path.resolve())
    assert out["MODIFIED"] == "True"  # restored work is not yet saved
    original = load_report(report_path)
    assert original.get(original.form.table("requests").cells[0]) == 27


def test_recovery_store_ignores_files_of_running_processes(tmp_path: Path) -> None:
    report = load_report(SAMPLE)
    RecoveryStore(tmp_path, pid=os.getpid()).write(report, None)
    other = RecoveryStore(tmp_path, pid=1)  # pid 1 is alive: its file is not an orphan
    other.write(report, SAMPLE)
    found = RecoveryStore(tmp_path, pid=os.getpid()).orphans()
    assert [r.source for r in found] == [None]


def test_recovery_store_discard_removes_files(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    store.write(load_report(SAMPLE), SAMPLE)
    store.discard()
    assert list(tmp_path.iterdir()) == []


def test_recovery_store_start_up_cleans_temporaries_of_killed_autosaves(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".recovery-{dead.pid}.nianbao.{dead.pid}-0123abcd.tmp"
    stale.write_text("half")
    running = tmp_path / ".recovery-1.nianbao.1-0123abcd.tmp"  # pid 1 is alive
    running.write_text("half")
    assert RecoveryStore(tmp_path).clean_stale() == 1
    assert not stale.exists() and running.exists()


def test_recovery_store_skips_junk_without_raising(tmp_path: Path) -> None:
    report = load_report(SAMPLE)
    RecoveryStore(tmp_path, pid=999_999_999).write(report, SAMPLE)
    (tmp_path / "recovery-999999999.json").write_text("[1, 2]")  # not an object
    (tmp_path / "recovery-888888888.nianbao").write_text("{")  # half written
    (tmp_path / "recovery-x.nianbao").write_text("")
    assert RecoveryStore(tmp_path).orphans() == []


def test_recovery_store_files_get_the_umask_mode(tmp_path: Path) -> None:
    import stat

    old = os.umask(0o022)
    try:
        written = RecoveryStore(tmp_path).write(load_report(SAMPLE), None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(written.stat().st_mode) == 0o644

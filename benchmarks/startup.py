"""Start-up, recheck and paste timings of the editor window, each against a same-run baseline.

    python benchmarks/startup.py [--runs N]

1. Process start → main window shown with the sample loaded, against a bare PySide6 window with
   six tabs and one table (goal: at most 1.5×). Each is a fresh `python -c` process, median of N.
   Both run with compiled bytecode, as every installed copy has it (pip compiles on install, the
   bundles ship .pyc): a private cache, warmed by one uncounted run of each, so an environment
   with PYTHONDONTWRITEBYTECODE does not time the compiler. A third line times the bare window
   after importing the report model (with the form definitions) and touching PySide's Qt
   namespace: a floor no window of this editor goes below.
2. Recheck after one edit (goal: under 2 ms): one typed cell through the undo stack, which reruns
   every rule and updates the models, against `check_report` alone.
3. Pasting the full 25×7 block of 表三 (goal: under 100 ms), against setting the same values
   with `Report.set_values` alone.

With --instructions, (1) is also counted in CPU instructions under valgrind's callgrind (one run
each, some 40 s): wall-clock medians on a shared virtual machine drift by 10–20 % from one run to
the next, instruction counts by well under 1 %, so a change of a few per cent shows there first.
The count leaves out time in the kernel (file system, page faults), so its ratio reads lower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"

BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTableWidget, QWidget
app = QApplication([])
w = QMainWindow(); tabs = QTabWidget()
tabs.addTab(QTableWidget(28, 10), "表")
for i in range(5): tabs.addTab(QWidget(), str(i))
w.setCentralWidget(tabs); w.show(); app.processEvents()
print(time.time() - t0)
"""

EDITOR = """
import time, sys
t0 = float(sys.argv[1])
from editor.app import create_application
from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore
from PySide6.QtCore import QSettings
from pathlib import Path
app = create_application(["nianbao"])
w = MainWindow(QSettings(sys.argv[3], QSettings.Format.IniFormat), RecoveryStore(Path(sys.argv[4])))
w.show(); w.open_path(Path(sys.argv[2])); app.processEvents()
print(time.time() - t0)
"""


# What any window of this editor pays before its own work: the report model with the form
# definitions, and PySide's Qt namespace (its ~100 enums are built as Python enums when the name
# is first imported; the bare window never imports it, every real window does).
FLOOR = "import editor.domain.model\nfrom PySide6.QtCore import Qt\nQt.Key\n" + BARE


def _process_seconds(code: str, *args: str, cache: str = "") -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
    out = subprocess.run(
        [sys.executable, "-c", code, repr(time.time()), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _instructions(code: str, *args: str, cache: str) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    callgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    out = subprocess.run(
        [*callgrind, sys.executable, "-c", code, repr(time.time()), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    collected = [line for line in out.stderr.splitlines() if "Collected :" in line]
    return int(collected[-1].split()[-1])


def startup_instructions() -> None:
    import shutil
    import tempfile

    if shutil.which("valgrind") is None:
        print("start-up instructions: valgrind is not installed; skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        cache = f"{tmp}/pycache"
        editor_args = (str(SAMPLE), f"{tmp}/s.ini", f"{tmp}/r")
        counts = []
        for code, args in ((BARE, ()), (FLOOR, ()), (EDITOR, editor_args)):
            _process_seconds(code, *args, cache=cache)  # compiles into the cache; not counted
            counts.append(_instructions(code, *args, cache=cache))
    b, f, e = counts
    print(
        f"start-up instructions: bare window {b / 1e6:.0f} M, floor {f / 1e6:.0f} M "
        f"(ratio {f / b:.2f}), editor with sample {e / 1e6:.0f} M (ratio {e / b:.2f})"
    )


def startup(runs: int) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cache = f"{tmp}/pycache"
        editor_args = (str(SAMPLE), f"{tmp}/s.ini", f"{tmp}/r")
        for code, args in ((BARE, ()), (FLOOR, ()), (EDITOR, editor_args)):
            _process_seconds(code, *args, cache=cache)  # compiles into the cache; not counted
        bare, floor, editor = [], [], []
        for _ in range(runs):  # interleaved, so a busy moment of the machine hits all three
            bare.append(_process_seconds(BARE, cache=cache))
            floor.append(_process_seconds(FLOOR, cache=cache))
            editor.append(_process_seconds(EDITOR, *editor_args, cache=cache))
    b, f, e = statistics.median(bare), statistics.median(floor), statistics.median(editor)
    print(
        f"start-up: bare window {b * 1000:.0f} ms, editor with sample {e * 1000:.0f} ms, "
        f"ratio {e / b:.2f} (goal ≤ 1.5)"
    )
    print(
        f"  floor: bare window after the report model and Qt's enums {f * 1000:.0f} ms, "
        f"ratio {f / b:.2f}"
    )


def in_process(runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from editor.domain.checks import check_report
    from editor.domain.forms import CellRef
    from editor.domain.storage import load_report
    from editor.ui.document import ReportDocument
    from editor.ui.table_model import ReportTableModel
    from editor.ui.table_view import ReportTableView

    app = QApplication.instance() or QApplication([])
    document = ReportDocument(load_report(SAMPLE))
    views = [ReportTableView(ReportTableModel(document, t)) for t in document.form.tables]
    for v in views:
        v.show()
    app.processEvents()
    ref = CellRef("requests", "received", "natural")
    edit, check = [], []
    for i in range(runs * 20):
        t = time.perf_counter()
        document.push_cells({ref: 27 + i % 2 + 1}, "t")
        edit.append(time.perf_counter() - t)
        t = time.perf_counter()
        check_report(document.report)
        check.append(time.perf_counter() - t)
    e, c = statistics.median(edit), statistics.median(check)
    print(
        f"recheck after one edit: {e * 1000:.2f} ms (check_report alone {c * 1000:.2f} ms, "
        f"ratio {e / c:.2f}; goal < 2 ms)"
    )
    requests = views[1]
    table = requests.model().table
    grid = [[str(i + j) for j in range(len(table.columns))] for i in range(len(table.rows))]
    first = table.cells[0]
    paste, plain = [], []
    for k in range(runs * 5):
        block = [[str(int(x) + k) for x in row] for row in grid]
        requests.setCurrentIndex(requests.model().index_of(first))
        t = time.perf_counter()
        assert requests.paste_grid(block)
        app.processEvents()
        paste.append(time.perf_counter() - t)
        values = {
            r: int(block[i][j]) + 1000
            for i, row in enumerate(table.rows)
            for j, col in enumerate(table.columns)
            for r in [CellRef(table.key, row.key, col.key)]
        }
        t = time.perf_counter()
        document.report.set_values(values)
        plain.append(time.perf_counter() - t)
    p, s = statistics.median(paste), statistics.median(plain)
    rows, cols = len(grid), len(grid[0])
    print(
        f"paste {rows}×{cols} block of 表三: {p * 1000:.1f} ms (Report.set_values alone "
        f"{s * 1000:.2f} ms; goal < 100 ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="also count start-up under callgrind"
    )
    args = parser.parse_args()
    startup(args.runs)
    if args.instructions:
        startup_instructions()
    in_process(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Takes the README's screenshots: every tab with the sample, and with a copy whose total is broken.

Run under a virtual display (the real xcb platform, as a user sees it):
    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb python docs/screenshots/take.py

With --screen NAME it takes whole-screen shots instead, of the maximized window on an office
screen (run by screens.sh under Xvfb with a window manager, at 1024×768, 1366×768 and
1920×1080 at 150 %): NAME-start.png (the start page), NAME-table3.png (表三 with last year's
values shown), NAME-find.png (查找/替换 over the prose).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from editor.app import create_application
from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report
from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
OUT = Path(__file__).resolve().parent


# A window is a few dozen flat colours: a 256-colour palette keeps text crisp at a third the size.
COLOURS = 256


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Lets the window manager map and the window paint (a busy machine needs a moment)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(window: MainWindow, app: QApplication, name: str, *, screen: bool = False) -> None:
    settle(app)
    path = OUT / f"{name}.png"
    if screen:
        # The whole screen, dialogs and window frame included (as `import -window root`).
        app.primaryScreen().grabWindow(0).save(str(path))
    else:
        window.grab().save(str(path))
    with Image.open(path) as shot:
        small = shot.convert("RGB").quantize(COLOURS, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def shoot(window: MainWindow, app: QApplication, prefix: str) -> None:
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        save(window, app, f"{prefix}-{i}")


def shoot_scrolled(window: MainWindow, app: QApplication, prefix: str) -> None:
    """Each table with frozen header rows, scrolled to its bottom: the headers stay on top."""
    for i, tab in enumerate(window.section_tabs, start=1):
        view = tab.table_view
        if view is None or view.frozen_header is None:
            continue
        window.tabs.setCurrentIndex(i)
        app.processEvents()
        bar = view.verticalScrollBar()
        if bar.maximum() == 0:
            continue
        bar.setValue(bar.maximum())
        save(window, app, f"{prefix}-{i}-bottom")
        bar.setValue(0)


def with_last_year(tmp: Path) -> Path:
    """The sample as a report started from last year's, with four-digit numbers: its 表三 and
    表四 scaled (sums are linear, so every rule still holds), last year's a little smaller."""
    report = load_report(SAMPLE)

    def scaled(factor: int) -> dict[str, dict[str, dict[str, int | float]]]:
        return {
            table: {
                row: {c: v * factor if table != "proactive" else v for c, v in cols.items()}
                for row, cols in rows.items()
            }
            for table, rows in report.tables.items()
        }

    report.previous = scaled(97)
    report.previous["proactive"]["normative_docs"]["in_force"] = 3  # 3 + 1 issued = 4 now
    report.previous_form = report.meta.form_version
    report.tables = scaled(113)
    path = tmp / "样例（含上年数）.nianbao"
    save_report(report, path)
    return path


def shoot_screen(app: QApplication, tmp: Path, name: str) -> None:
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("recent_files", [str(SAMPLE)])
    window = MainWindow(settings, RecoveryStore(tmp / "r"))
    window.showMaximized()
    settle(app, 1.5)
    save(window, app, f"{name}-start", screen=True)
    window.open_path(with_last_year(tmp))
    requests = next(t for t in window.section_tabs if t.section.table == "requests")
    window.tabs.setCurrentWidget(requests)
    window.show_previous_action.setChecked(True)
    save(window, app, f"{name}-table3", screen=True)
    window.show_previous_action.setChecked(False)
    window.tabs.setCurrentIndex(1)
    dialog = window.find_replace(True)
    dialog.find_edit.setText("2023")
    dialog.replace_edit.setText("2024")
    dialog.find_next()
    save(window, app, f"{name}-find", screen=True)
    dialog.close()
    assert window.document is not None
    window.document.undo_stack.setClean()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screen", help="whole-screen shots named NAME-*.png (see screens.sh)")
    args, rest = parser.parse_known_args()
    app = create_application([sys.argv[0], *rest])
    with tempfile.TemporaryDirectory() as tmp:
        if args.screen:
            shoot_screen(app, Path(tmp), args.screen)
            return 0
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings, RecoveryStore(Path(tmp) / "r"))
        window.resize(1280, 800)
        window.show()
        window.open_path(SAMPLE)
        shoot(window, app, "sample")
        shoot_scrolled(window, app, "sample")
        assert window.document is not None
        # The broken copy: one total changed, as a clerk's typo would.
        total = CellRef("requests", "received", "total")
        window.document.push_cells({total: 30}, "输入 一、本年新收政府信息公开申请数量·总计")
        shoot(window, app, "broken")
        window.document.undo_stack.setClean()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

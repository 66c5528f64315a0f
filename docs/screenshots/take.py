"""Takes the README's screenshots: every tab with the sample, and with a copy whose total is broken.

Run under a virtual display (the real xcb platform, as a user sees it):
    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb python docs/screenshots/take.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from editor.app import create_application
from editor.domain.forms import CellRef
from editor.ui.main_window import MainWindow
from editor.ui.recovery import RecoveryStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
OUT = Path(__file__).resolve().parent


# A window is a few dozen flat colours: a 256-colour palette keeps text crisp at a third the size.
COLOURS = 256


def save(window: MainWindow, app: QApplication, name: str) -> None:
    for _ in range(5):
        app.processEvents()
    path = OUT / f"{name}.png"
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


def main() -> int:
    app = create_application(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
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

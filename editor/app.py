"""Composition root for the GUI: the application, its translations and font, the main window."""

from __future__ import annotations

import gc

# Loading the window builds a few hundred thousand objects (Qt's enums, our modules, compiled
# patterns) that live as long as the process; automatic collection would walk them again and
# again while they are made (some 40 passes, ~6 ms of every start) and find nothing. So it is
# paused for the imports below; at the end of this module they are frozen (gc.freeze: no later
# pass walks them) and collection is restored. create_application then hands it to the
# UI-thread collector (ui_thread_gc); a process that only imports this module collects as before.
_COLLECTING_BEFORE_IMPORT = gc.isenabled()
gc.disable()

import os
import sys
from collections.abc import Sequence
from pathlib import Path

# The Qt-free modules the window needs are imported before Qt. Once PySide6.QtCore is loaded,
# PySide's __feature__ import hook reads the source of every module imported after it
# (inspect.getsource, to see whether the module uses PySide): files read at every start for
# nothing, ~1 % of it.
import editor.domain.checks
import editor.domain.storage  # noqa: F401

# isort: split
from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from editor.assets import APP_ICON, BUNDLED_CJK_FONT
from editor.domain.atomic_write import ignore_file_size_signal
from editor.ui.crash import make_crash_handler
from editor.ui.main_window import MainWindow
from editor.ui.qt_catalogue_gaps import QtCatalogueGaps
from editor.ui.recovery import RecoveryStore
from editor.ui.ui_thread_gc import collect_on_ui_thread_only


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with names (for settings paths), Chinese Qt dialogs and a CJK font."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # A file name that is not UTF-8 (GBK, from a zip made on Windows) arrives with lone
        # surrogates, which crash QApplication's argv conversion (SIGSEGV). Qt reads only its
        # own options there; the window opens the file from the original argv.
        app = QApplication(
            [a.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for a in argv]
        )
    app.setOrganizationName("nianbao")
    app.setApplicationName("nianbao")
    app.setApplicationDisplayName("年报编辑器")
    # Lets Linux desktops match the window to its menu entry (packaging/linux/*.desktop).
    app.setDesktopFileName("org.nianbao.editor")
    app.setWindowIcon(QIcon(str(APP_ICON)))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load(
        "qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
        app.installTranslator(QtCatalogueGaps(app))
    _ensure_cjk_font(app)
    collect_on_ui_thread_only()
    return app


def _ensure_cjk_font(app: QApplication) -> None:
    # A new machine may have no font with Chinese glyphs: boxes instead of text.
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_CJK_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        from PySide6.QtGui import QFont  # on a machine without CJK fonts only (class ~1 ms)

        font = QFont(app.font())
        font.setFamilies([families[0], *font.families()])
        app.setFont(font)


def data_dir() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def start(argv: Sequence[str], *, autosave_ms: int = 30_000, idle_ms: int = 5_000) -> MainWindow:
    """Builds and shows the window: opens argv[1] if given, else offers a crash recovery."""
    recovery = RecoveryStore(data_dir() / "recovery")
    recovery.clean_stale()  # temporaries of an autosave that was killed half-way
    window = MainWindow(QSettings(), recovery, autosave_ms=autosave_ms, idle_ms=idle_ms)
    sys.excepthook = make_crash_handler(data_dir() / "logs", window.emergency_save, lambda: window)
    window.show()
    if len(argv) > 1:
        window.open_path(Path(argv[1]))
    else:
        window.offer_recovery()
    return window


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    ignore_file_size_signal()
    app = create_application(args)
    window = start(args)
    if os.environ.get("NIANBAO_QUIT_AFTER_SHOW"):
        # For smoke tests of an installed build: prove the window comes up, then leave cleanly.
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    del window
    hand_clipboard_to_qt(app)
    return code


def hand_clipboard_to_qt(app: QApplication) -> None:
    """Replaces cells we copied with a plain-text copy made by Qt itself.

    A QMimeData created from Python and left on the clipboard is destroyed by Qt's exit handlers
    after Python has shut down, which crashes the process (seen: SIGSEGV in
    Shiboken::Object::destroy on the offscreen platform). The text stays on the clipboard.
    """
    from editor.ui.clipboard import OUR_CELLS_FORMAT

    clipboard = app.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(OUR_CELLS_FORMAT):
        clipboard.setText(mime.text())


gc.freeze()
if _COLLECTING_BEFORE_IMPORT:
    gc.enable()

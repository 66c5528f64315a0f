"""The window's files: new, open (offering a crash's autosave of that file), save, autosave,
recovery at start, and the recent files. A mixin of `MainWindow`, kept apart for size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from editor.domain.atomic_write import clean_stale_temporaries
from editor.domain.errors import UserError
from editor.domain.model import Report, new_report
from editor.domain.storage import FILE_SUFFIX, load_report
from editor.domain.userfiles import os_reason
from editor.ui import file_dialogs, recovery_prompt
from editor.ui.document import ReportDocument
from editor.ui.recovery import Recovered, RecoveryStore

APP_TITLE = "年报编辑器"
FILE_FILTERS = (file_dialogs.REPORT_FILTER, file_dialogs.ALL_FILES)
MAX_RECENT = 8


if TYPE_CHECKING:
    from editor.ui.messages import Action

    _Window = QMainWindow  # what the mixin's methods may use of the window
else:
    _Window = object


class WindowFiles(_Window):
    """File commands of the main window (which provides the attributes below)."""

    settings: QSettings
    recovery: RecoveryStore
    document: ReportDocument | None
    recent_menu: QMenu
    autosave_timer: QTimer
    _autosave_pending: bool

    if TYPE_CHECKING:

        def set_document(self, document: ReportDocument) -> None: ...

        def _recent_files_changed(self, files: list[str]) -> None: ...

        def show_message(
            self,
            icon: QMessageBox.Icon,
            title: str,
            text: str,
            *,
            details: str = "",
            close_button: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
            actions: Sequence[Action] = (),
        ) -> QMessageBox: ...

        def show_error(self, title: str, error: UserError) -> QMessageBox: ...

    # ------------------------------------------------------------------ files

    def maybe_save(self) -> bool:
        """Asks about unsaved changes; True when it is fine to go on."""
        doc = self.document
        if doc is None or not doc.modified:
            return True
        answer = QMessageBox.question(
            self,
            APP_TITLE,
            f"“{doc.display_name}”有未保存的修改。是否保存？",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_file(self) -> None:
        if not self.maybe_save():
            return
        from editor.ui.year_prompt import ask_year  # on demand: see ReportJobs._open_local

        year = ask_year(self, "新建空白报告", "报告年度：", date.today().year - 1)
        if year is not None:
            self.new_report(year)

    def new_report(self, year: int) -> None:
        self.recovery.discard()
        self.set_document(ReportDocument(new_report(year)))

    def _start_folder(self) -> Path:
        folder = file_dialogs.last_folder(self.settings)
        if folder is not None:
            return folder
        recent = self.recent_files()
        return Path(recent[0]).parent if recent else Path.home()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = file_dialogs.choose(
            self, "打开年报", self._start_folder(), FILE_FILTERS, settings=self.settings
        )
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Opens a report file; a bad file gets a message, never a traceback.

        When a crashed run left unsaved work for this file, the clerk is asked first whether to
        restore it (saying which is newer): opening a file by name, as a double-click does, must
        not silently pass over it.
        """
        if ask and not self.maybe_save():
            return False
        recovered = recovery_prompt.offer_for_file(self, self.recovery, path)
        if recovered is not None:
            self._restore(recovered)
            self.recovery.remove(recovered)
            for other in recovery_prompt.recoveries_for(self.recovery, path):
                self.recovery.remove(other)
            self._add_recent(path.resolve())
            return True
        try:
            report = load_report(path)
        except UserError as e:
            self.show_error("无法打开", e)
            return False
        clean_stale_temporaries(path.parent, path.name)  # left by a save that was killed
        self.recovery.discard()
        self.set_document(ReportDocument(report, path.resolve()))
        self._add_recent(path.resolve())
        return True

    def open_unsaved(
        self, report: Report, source: Path | None, *, origin: Path | None = None
    ) -> None:
        """Shows a report that is not (yet) what is on disk: recovered or imported."""
        document = ReportDocument(report, source, origin=origin)
        self.set_document(document)
        document.mark_unsaved()
        self._autosave_pending = True

    def save(self) -> bool:
        doc = self.document
        assert doc is not None
        if doc.path is None:
            return self.save_as()
        return self._save_to(doc.path)

    def save_as(self) -> bool:
        doc = self.document
        assert doc is not None
        suggested = doc.suggested_path(FILE_SUFFIX, file_dialogs.last_folder(self.settings))
        target = file_dialogs.choose(
            self, "另存为", suggested, FILE_FILTERS, save=True, settings=self.settings
        )
        if target is None:
            return False
        if target.suffix != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        doc = self.document
        assert doc is not None
        try:
            doc.save(path)
        except UserError as e:  # WriteFileError: full disk, read-only folder, size limit…
            self.show_error("保存失败", e)
            return False
        except OSError as e:
            self.show_message(
                QMessageBox.Icon.Warning,
                "保存失败",
                f"无法保存到“{path}”：{os_reason(e)}。\n原文件未被改动。请换一个位置另存。",
            )
            return False
        self.recovery.discard()
        self._autosave_pending = False
        self._add_recent(path)
        self.statusBar().showMessage(f"已保存到 {path}", 6000)
        return True

    # ------------------------------------------------------------------ autosave and recovery

    def autosave(self) -> Path | None:
        """Writes the recovery file when there are changes not yet autosaved."""
        doc = self.document
        if doc is None or not doc.modified or not self._autosave_pending:
            return None
        try:
            written = self.recovery.write(doc.report, doc.path)
        except UserError as e:
            self.statusBar().showMessage(f"自动保存失败：{e.message}", 10000)
            return None
        except OSError as e:
            self.statusBar().showMessage(f"自动保存失败：{os_reason(e)}", 10000)
            return None
        self._autosave_pending = False
        return written

    def emergency_save(self) -> Path | None:
        """For the crash handler: the recovery file, written now if anything is unsaved."""
        doc = self.document
        if doc is None or not doc.modified:
            return None
        self._autosave_pending = True
        return self.autosave()

    def offer_recovery(self) -> bool:
        """After a crash: asks whether to restore the newest recovery file; True if restored."""
        found = [
            r
            for r in self.recovery.orphans()
            if recovery_prompt.left_by_another_run(self.recovery, r)
        ]
        if not found:
            return False
        latest = found[0]
        name = latest.source.name if latest.source else latest.report.title or "未命名报告"
        answer = QMessageBox.question(
            self,
            "恢复未保存的工作",
            f"年报编辑器上次没有正常退出。\n找到 {latest.saved_at} 自动保存的“{name}”。\n\n"
            "是否恢复？（选“否”将删除这份自动保存。）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            for r in found:
                self.recovery.remove(r)
            return False
        self._restore(latest)
        for r in found:
            self.recovery.remove(r)
        return True

    def _restore(self, recovered: Recovered) -> None:
        self.open_unsaved(recovered.report, recovered.source)
        self.autosave()  # our own recovery file takes over from the old one
        self.statusBar().showMessage("已恢复上次自动保存的内容，请核对后保存", 10000)

    # ------------------------------------------------------------------ recent files

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _add_recent(self, path: Path) -> None:
        files = [str(path), *[f for f in self.recent_files() if f != str(path)]][:MAX_RECENT]
        self.settings.setValue("recent_files", files)
        self.settings.setValue(file_dialogs.LAST_FOLDER_KEY, str(path.parent))
        self._rebuild_recent_menu()
        self._recent_files_changed(files)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _c=False, p=name: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(files))

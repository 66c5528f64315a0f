"""The main window: tabs for the report, menus and toolbar, findings, files, autosave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
)

from editor.domain.checks import Finding, count_by_severity, summary_text
from editor.domain.errors import UserError
from editor.domain.model import Report, new_report
from editor.domain.storage import FILE_SUFFIX, load_report
from editor.ui.comparison_view import add_comparison_action
from editor.ui.copied_prose import tab_title_mark
from editor.ui.document import ReportDocument
from editor.ui.findings_panel import FindingsPanel
from editor.ui.jobs import ReportJobs
from editor.ui.meta_tab import MetaTab
from editor.ui.recovery import Recovered, RecoveryStore
from editor.ui.section_tab import SectionTab
from editor.ui.table_view import ReportTableView

APP_TITLE = "年报编辑器"
FILE_FILTER = f"年报文件 (*{FILE_SUFFIX});;所有文件 (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One window, one open report at a time."""

    def __init__(
        self,
        settings: QSettings,
        recovery: RecoveryStore,
        *,
        autosave_ms: int = 30_000,
        idle_ms: int = 5_000,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.recovery = recovery
        self.document: ReportDocument | None = None
        self.messages: list[QMessageBox] = []  # open non-modal messages, newest last
        self._autosave_pending = False
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.meta_tab: MetaTab | None = None
        self.section_tabs: list[SectionTab] = []
        self.findings_panel = FindingsPanel()
        self.findings_dock = QDockWidget("检查结果", self)
        self.findings_dock.setObjectName("findings")
        self.findings_dock.setWidget(self.findings_panel)
        self.findings_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [150], Qt.Orientation.Vertical)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_ms)
        self.setAcceptDrops(True)
        self._build_actions()
        self._build_menus()
        self._connect_signals()
        self.autosave_timer.start()
        self.resize(1280, 800)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.set_document(ReportDocument(new_report(date.today().year - 1)))

    # ------------------------------------------------------------------ building

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key, pix = QKeySequence.StandardKey, QStyle.StandardPixmap
        self.new_action = self._action(
            "新建(&N)", self.new_file, QKeySequence(key.New), pix.SP_FileIcon
        )
        self.open_action = self._action(
            "打开(&O)…", self.open_dialog, QKeySequence(key.Open), pix.SP_DialogOpenButton
        )
        self.save_action = self._action(
            "保存(&S)", self.save, QKeySequence(key.Save), pix.SP_DialogSaveButton
        )
        self.save_as_action = self._action("另存为(&A)…", self.save_as, QKeySequence(key.SaveAs))
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence(key.Quit))
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.undo_action.setIcon(self.style().standardIcon(pix.SP_ArrowBack))
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(key.Redo)])
        self.redo_action.setIcon(self.style().standardIcon(pix.SP_ArrowForward))
        self.check_action = self._action(
            "检查(&C)", self.run_check, QKeySequence("F7"), pix.SP_DialogApplyButton
        )
        self.fill_action = self._action(
            "按明细填写合计(&T)",
            self.fill_totals,
            QKeySequence("Ctrl+Shift+T"),
            pix.SP_BrowserReload,
        )
        self.confirm_action = self._action("确认导入值(&K)", self.confirm_selection)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.jobs = ReportJobs(self)
        self.jobs.add_to(file_menu, self.open_action, self.quit_action)
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.fill_action, self.confirm_action])
        check_menu = bar.addMenu("检查(&C)")
        check_menu.addAction(self.check_action)
        check_menu.addAction(self.findings_dock.toggleViewAction())
        self.comparison_action = add_comparison_action(self, check_menu)
        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.check_action, self.fill_action])
        self._rebuild_recent_menu()

    def _connect_signals(self) -> None:
        self.findings_panel.finding_activated.connect(self.go_to_finding)
        self.autosave_timer.timeout.connect(self.autosave)
        self.idle_timer.timeout.connect(self.autosave)

    # ------------------------------------------------------------------ the document

    def set_document(self, document: ReportDocument) -> None:
        """Shows `document` in fresh tabs (the form decides which tabs and tables)."""
        old = self.document
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.tabs.clear()
        self.meta_tab = MetaTab(document)
        self.tabs.addTab(self.meta_tab, "基本信息")
        form = document.form
        self.section_tabs = []
        for i, section in enumerate(form.sections):
            lead = (form.opening,) if i == 0 else ()
            tab = SectionTab(document, section, lead)
            tab.setToolTip(section.title)
            if tab.table_view is not None:
                tab.table_view.input_refused.connect(self.refuse_input)
            self.section_tabs.append(tab)
            self.tabs.addTab(tab, section.title)
        document.findings_changed.connect(self._show_findings)
        document.modified_changed.connect(self._modified_changed)
        document.path_changed.connect(lambda _p: self._update_title())
        document.undo_stack.indexChanged.connect(self._changed)
        self._show_findings(document.findings)
        self._update_title()
        if old is not None:
            old.deleteLater()

    def _changed(self, _index: int) -> None:
        self._autosave_pending = True
        self.idle_timer.start()
        self.statusBar().clearMessage()

    def _modified_changed(self, _modified: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        doc = self.document
        assert doc is not None
        self.setWindowTitle(f"{doc.display_name}[*] — {APP_TITLE}")
        self.setWindowModified(doc.modified)

    # ------------------------------------------------------------------ findings

    def _show_findings(self, findings: list[Finding]) -> None:
        doc = self.document
        assert doc is not None
        self.findings_panel.show_findings(doc.form, findings)
        errors, warnings = count_by_severity(findings)
        self.counts.setText(summary_text(findings))
        self.counts.setStyleSheet("color: #b00020;" if errors else "")
        self.findings_dock.setWindowTitle(f"检查结果：{summary_text(findings)}")
        for i, tab in enumerate(self.section_tabs, start=1):
            own = [f for f in findings if tab.owns(f)]
            tab.show_findings(own)
            e, w = count_by_severity(own)
            title = tab.section.title
            if e or w:
                title += f"（{e + w}）"
            title += tab_title_mark(own)  # "·待更新" while prose there is still last year's
            self.tabs.setTabText(i, title)
            colour = QColor("#b00020") if e else QColor("#8a6d00") if w else QColor()
            self.tabs.tabBar().setTabTextColor(i, colour)
        del warnings

    def go_to_finding(self, finding: Finding) -> None:
        """Switches to the tab the finding is about and selects its cells or text."""
        for tab in self.section_tabs:
            if not tab.owns(finding):
                continue
            self.tabs.setCurrentWidget(tab)
            if finding.cells and tab.table_view is not None:
                tab.table_view.select_refs(list(finding.cells))
                tab.table_view.setFocus()
            elif finding.span is not None:
                tab.editors[finding.span.prose].select_range(finding.span.start, finding.span.end)
            return
        if self.meta_tab is not None:
            self.tabs.setCurrentWidget(self.meta_tab)

    def run_check(self) -> None:
        doc = self.document
        assert doc is not None
        doc.recheck()
        self.findings_dock.show()
        self.statusBar().showMessage(f"检查完成：{summary_text(doc.findings)}", 8000)
        if doc.findings:
            first = self.findings_panel.topLevelItem(0)
            if first is not None:
                self.findings_panel.setCurrentItem(first)
            self.findings_panel.setFocus()

    # ------------------------------------------------------------------ commands on cells

    def current_table_view(self) -> ReportTableView | None:
        tab = self.tabs.currentWidget()
        return tab.table_view if isinstance(tab, SectionTab) else None

    def fill_totals(self) -> int:
        """Fills the selected totals, or every total when none is selected; says what it did."""
        doc = self.document
        assert doc is not None
        view = self.current_table_view()
        chosen = None
        if view is not None:
            totals = {r for r in view.selected_refs() if r in view.model().table.total_cells}
            chosen = totals or None
        count = doc.fill_totals(chosen)
        scope = "所选" if chosen else "全部"
        if count:
            self.statusBar().showMessage(
                f"已按明细填写{scope}合计：{count} 个单元格（可用“撤销”恢复）", 10000
            )
        else:
            self.statusBar().showMessage(f"{scope}合计都与明细一致，无需填写", 8000)
        return count

    def confirm_selection(self) -> None:
        view = self.current_table_view()
        doc = self.document
        if view is None or doc is None or not doc.confirm_cells(view.selected_refs()):
            self.statusBar().showMessage("所选单元格中没有待确认的导入值", 6000)

    def refuse_input(self, message: str) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 10000)
        self.show_message(QMessageBox.Icon.Warning, "输入未被接受", message)

    def show_message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        """A window-modal message that does not block the event loop."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        self.messages.append(box)
        box.finished.connect(lambda _r: self.messages.remove(box))
        box.open()
        return box

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
        year, ok = QInputDialog.getInt(
            self, "新建报告", "报告年度：", date.today().year - 1, 2008, 2100
        )
        if ok:
            self.new_report(year)

    def new_report(self, year: int) -> None:
        self.recovery.discard()
        self.set_document(ReportDocument(new_report(year)))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(Path(self.recent_files()[0]).parent) if self.recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(self, "打开年报", start, FILE_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Opens a report file; a bad file gets a message, never a traceback."""
        if ask and not self.maybe_save():
            return False
        try:
            report = load_report(path)
        except UserError as e:
            self.show_message(QMessageBox.Icon.Warning, "无法打开", str(e))
            return False
        self.recovery.discard()
        self.set_document(ReportDocument(report, path.resolve()))
        self._add_recent(path.resolve())
        return True

    def open_unsaved(self, report: Report, source: Path | None) -> None:
        """Shows a report that is not (yet) what is on disk: recovered or imported."""
        document = ReportDocument(report, source)
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
        suggested = doc.suggested_path(FILE_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(self, "另存为", str(suggested), FILE_FILTER)
        if not path:
            return False
        target = Path(path)
        if target.suffix != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        doc = self.document
        assert doc is not None
        try:
            doc.save(path)
        except OSError as e:
            self.show_message(
                QMessageBox.Icon.Warning,
                "保存失败",
                f"无法保存到“{path}”：{e.strerror or e}\n原文件未被改动。请换一个位置另存。",
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
        except OSError as e:
            self.statusBar().showMessage(f"自动保存失败：{e.strerror or e}", 10000)
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
        found = self.recovery.orphans()
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
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _c=False, p=name: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    # ------------------------------------------------------------------ window events

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.recovery.discard()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_report(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_report(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)


def _dropped_report(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and url.toLocalFile().endswith(FILE_SUFFIX):
            return Path(url.toLocalFile())
    return None

"""The main window: a start page or the report's tabs, menus and toolbar, findings, files,
autosave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QStyle,
    QTabWidget,
)

from editor.domain.checks import Finding, count_by_severity, sum_fill_values, summary_text
from editor.domain.errors import UserError
from editor.domain.forms import CellRef, TableDef
from editor.domain.model import Report, new_report
from editor.domain.storage import FILE_SUFFIX, load_report
from editor.ui import file_dialogs, recovery_prompt
from editor.ui.document import ReportDocument
from editor.ui.edit_menu import EditActions
from editor.ui.findings_panel import FindingsPanel
from editor.ui.jobs import ReportJobs
from editor.ui.meta_tab import MetaTab
from editor.ui.recovery import Recovered, RecoveryStore
from editor.ui.section_tab import SectionTab, short_title
from editor.ui.start_page import StartPage
from editor.ui.table_view import ReportTableView

if TYPE_CHECKING:
    from editor.ui.find_replace import FindReplaceDialog
    from editor.ui.help_view import HelpDialog

APP_TITLE = "年报编辑器"
FILE_FILTERS = (file_dialogs.REPORT_FILTER, file_dialogs.ALL_FILES)
MAX_RECENT = 8
SHOW_PREVIOUS_KEY = "view/show_previous"
# Below this height (logical pixels) the prose above a table starts folded away.
SMALL_SCREEN_HEIGHT = 900


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
        self.start_page = StartPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)
        self.find_dialog: FindReplaceDialog | None = None
        self.help_dialog: HelpDialog | None = None
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
        self.resizeDocks([self.findings_dock], [130], Qt.Orientation.Vertical)
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
        self._fit_to_screen()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.show_start_page()

    def _fit_to_screen(self) -> None:
        """A first start fills most of the screen (1280×800 at most), never more than it."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        area = screen.availableGeometry()
        self.resize(min(1280, area.width()), min(800, area.height()))
        if area.width() < 1320 or area.height() < 860:
            # A 1024×768 or 1366×768 office screen: all of it, title bar and status bar in sight
            # (a window as tall as the screen would push its status bar below the edge).
            self.setWindowState(Qt.WindowState.WindowMaximized)

    @property
    def small_screen(self) -> bool:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen is not None and screen.availableGeometry().height() < SMALL_SCREEN_HEIGHT

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
            "新建空白报告(&N)…", self.new_file, QKeySequence(key.New), pix.SP_FileIcon
        )
        self.new_action.setIconText("新建")
        self.open_action = self._action(
            "打开(&O)…", self.open_dialog, QKeySequence(key.Open), pix.SP_DialogOpenButton
        )
        self.open_action.setIconText("打开")
        self.save_action = self._action(
            "保存(&S)", self.save, QKeySequence(key.Save), pix.SP_DialogSaveButton
        )
        self.save_action.setIconText("保存")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, QKeySequence(key.SaveAs))
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence(key.Quit))
        self.edit = EditActions(self)
        self.undo_action = self.edit.undo
        self.redo_action = self.edit.redo
        self.fill_action = self.edit.fill_totals
        self.confirm_action = self.edit.confirm
        self.check_action = self._action(
            "检查(&C)", self.run_check, QKeySequence("F7"), pix.SP_DialogApplyButton
        )
        self.check_action.setIconText("检查")
        self.show_previous_action = QAction("显示上年数(&L)", self)
        self.show_previous_action.setIconText("显示上年数")
        self.show_previous_action.setCheckable(True)
        self.show_previous_action.setToolTip("在每个数字下面另起一行显示上年的数（不与本年数重叠）")
        self.show_previous_action.setChecked(
            self.settings.value(SHOW_PREVIOUS_KEY) in ("true", True)
        )
        self.show_previous_action.toggled.connect(self.set_show_previous)
        self.help_action = self._action(
            "填写说明(&H)", self.show_help, QKeySequence(key.HelpContents), pix.SP_DialogHelpButton
        )
        self.about_action = self._action("关于(&A)", self.show_about)

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
        self.edit.add_to(edit_menu)
        view_menu = bar.addMenu("查看(&V)")
        view_menu.addAction(self.show_previous_action)
        view_menu.addAction(self.findings_dock.toggleViewAction())
        check_menu = bar.addMenu("检查(&C)")
        check_menu.addAction(self.check_action)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([self.help_action, self.about_action])
        toolbar = self.addToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.check_action, self.fill_action, self.show_previous_action])
        self.document_actions = [
            self.save_action,
            self.save_as_action,
            self.check_action,
            self.show_previous_action,
            *self.edit.document_actions,
            *self.jobs.document_actions,
        ]
        self._rebuild_recent_menu()

    def _connect_signals(self) -> None:
        self.findings_panel.finding_activated.connect(self.go_to_finding)
        self.start_page.start_from_last_year.connect(self.jobs.new_from_last_year_dialog)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.new_blank.connect(self.new_file)
        self.start_page.recent_chosen.connect(lambda path: self.open_path(path))
        self.autosave_timer.timeout.connect(self.autosave)
        self.idle_timer.timeout.connect(self.autosave)

    # ------------------------------------------------------------------ the document

    def show_start_page(self) -> None:
        """No report open: the start page, and the actions that need a report disabled."""
        self.start_page.show_recent(self.recent_files())
        self.pages.setCurrentWidget(self.start_page)
        self.findings_dock.hide()
        for action in self.document_actions:
            action.setEnabled(False)
        self.setWindowTitle(APP_TITLE)
        self.start_page.last_year_button.setFocus()

    def set_document(self, document: ReportDocument) -> None:
        """Shows `document` in fresh tabs (the form decides which tabs and tables)."""
        old = self.document
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
        self.document = document
        self.pages.setCurrentWidget(self.tabs)
        self.findings_dock.show()
        for action in self.document_actions:
            action.setEnabled(True)
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
            tab.grid_built.connect(self._grid_built)
            if section.table is not None and self.small_screen:
                tab.set_prose_folded(True)
            self.section_tabs.append(tab)
            self.tabs.addTab(tab, short_title(section))
            self.tabs.setTabToolTip(i + 1, section.title)
        if self.find_dialog is not None:
            self.find_dialog.document = document
            self.find_dialog.current = None
        document.findings_changed.connect(self._show_findings)
        document.modified_changed.connect(self._modified_changed)
        document.path_changed.connect(lambda _p: self._update_title())
        document.undo_stack.indexChanged.connect(self._changed)
        self._show_findings(document.findings)
        self._update_title()
        if old is not None:
            old.deleteLater()

    def _grid_built(self, view: ReportTableView) -> None:
        view.input_refused.connect(self.refuse_input)
        view.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        view.set_show_previous(self.show_previous_action.isChecked())

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
        entries = self.findings_panel.show_findings(doc.form, findings, doc.report)
        errors, warnings = count_by_severity(findings)
        self.counts.setText(summary_text(findings))
        self.counts.setStyleSheet("color: #b00020;" if errors else "")
        self.findings_dock.setWindowTitle(f"检查结果：{summary_text(findings)}")
        for i, tab in enumerate(self.section_tabs, start=1):
            own = [f for f in findings if tab.owns(f)]
            tab.show_findings(own)
            e, w = count_by_severity(own)
            # The count of the panel's lines: a table's blank totals count once.
            lines = sum(1 for entry in entries if tab.owns(entry.finding))
            title = short_title(tab.section)
            if lines:
                title += f"（{lines}）"
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
                tab.reveal_prose(finding.span.prose, finding.span.start, finding.span.end)
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
        """按明细填写合计: the selected totals that disagree with their parts; when the selection
        holds none (after a paste it holds the pasted cells), every such total of the table in
        view; on a tab without a table, of all tables. Says exactly what it looked at."""
        doc = self.document
        assert doc is not None
        view = self.current_table_view()
        if view is None:
            count = doc.fill_totals(None)
            self._say_filled(count, "各表的合计", "各表的合计都与明细一致，无需填写")
            return count
        table = view.model().table
        selected = {r for r in view.selected_refs() if r in table.total_cells}
        broken = set(sum_fill_values(doc.report, doc.form, selected)) if selected else set()
        if broken:
            # With the totals built on them (（七）总计 on the rows' totals), or filling the
            # selection would break those.
            count = doc.fill_totals(_with_dependent_totals(table, broken))
            self._say_filled(count, "所选的合计", "")
            return count
        count = doc.fill_totals(set(table.total_cells))
        looked = "所选单元格中没有与明细不符的合计；" if selected else ""
        self._say_filled(
            count,
            f"{looked}{table.number}中与明细不符的合计",
            f"{looked}{table.number}的 {len(table.total_cells)} 个合计都与明细一致，无需填写",
        )
        return count

    def _say_filled(self, count: int, what: str, nothing: str) -> None:
        if count:
            text = f"已按明细填写{what}：{count} 个单元格（可用“撤销”恢复）"
            self.statusBar().showMessage(text, 10000)
        else:
            self.statusBar().showMessage(nothing, 8000)

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
            self, "新建空白报告", "报告年度：", date.today().year - 1, 2008, 2100
        )
        if ok:
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
            self.show_message(QMessageBox.Icon.Warning, "无法打开", str(e))
            return False
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
        self.start_page.show_recent(files)

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for i, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _c=False, p=name: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(files))

    # ------------------------------------------------------------------ view, find, help

    def set_show_previous(self, show: bool) -> None:
        """显示上年数: last year's value on its own line under each number, in every grid."""
        self.settings.setValue(SHOW_PREVIOUS_KEY, "true" if show else "false")
        for tab in self.section_tabs:
            if tab.built_grid is not None:  # the others take it when they are built
                tab.built_grid.set_show_previous(show)
        doc = self.document
        if show and doc is not None and doc.report.previous is None:
            self.statusBar().showMessage(
                "这份报告没有上年数：用“新建 → 从上年报告开始”建立的报告才带有上年数", 10000
            )

    def prose_order(self) -> list[str]:
        """The prose fields in the order the report prints them (for 查找/替换)."""
        return [key for tab in self.section_tabs for key in tab.prose_keys]

    def reveal_prose(self, key: str, start: int, end: int) -> None:
        for tab in self.section_tabs:
            if key in tab.prose_keys:
                self.tabs.setCurrentWidget(tab)
                tab.reveal_prose(key, start, end)
                return

    def find_replace(self, replace: bool) -> FindReplaceDialog:
        """Ctrl+F / Ctrl+H: the find dialog over all prose, seeded with the selected words."""
        from editor.ui.find_replace import FindReplaceDialog

        doc = self.document
        assert doc is not None
        focus = QApplication.focusWidget()
        seed = focus.textCursor().selectedText() if isinstance(focus, QPlainTextEdit) else ""
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(doc, self.prose_order, self.reveal_prose, self)
        self.find_dialog.open_for(replace=replace, seed=seed)
        return self.find_dialog

    def help_place(self) -> tuple[str | None, tuple[str, str] | None]:
        """The section and table row the clerk is at, for F1."""
        tab = self.tabs.currentWidget()
        if self.pages.currentWidget() is not self.tabs or not isinstance(tab, SectionTab):
            return None, None
        row = None
        view = tab.table_view
        if view is not None:
            current = view.currentIndex()
            ref = (
                view.model().ref_at(current.row(), current.column()) if current.isValid() else None
            )
            if ref is not None:
                row = (ref.table, ref.row)
        return tab.section.key, row

    def show_help(self) -> HelpDialog:
        """F1: the 填写说明, at the section and row in view."""
        from editor.domain.forms import form_for, form_version_for_year
        from editor.ui.help_view import HelpDialog

        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        doc = self.document
        form = doc.form if doc is not None else form_for(form_version_for_year(date.today().year))
        section, row = self.help_place()
        self.help_dialog.show_at(form, section, row)
        return self.help_dialog

    def show_about(self) -> None:
        from editor import __version__

        QMessageBox.about(
            self,
            "关于年报编辑器",
            f"年报编辑器 {__version__}\n政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）"
            "的离线编辑、核对与导出工具。不联网。",
        )

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


def _with_dependent_totals(table: TableDef, totals: set[CellRef]) -> set[CellRef]:
    """`totals` and every total whose parts include one of them, transitively."""
    chosen = set(totals)
    grown = True
    while grown:
        grown = False
        for relation in table.sums:
            if relation.total not in chosen and chosen.intersection(relation.parts):
                chosen.add(relation.total)
                grown = True
    return chosen


def _dropped_report(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile() and url.toLocalFile().endswith(FILE_SUFFIX):
            return Path(url.toLocalFile())
    return None

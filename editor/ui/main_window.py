"""The main window: a start page or the report's tabs, menus and toolbar, findings, files,
autosave."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from editor.domain.checks import (
    Finding,
    count_by_severity,
    sum_fill_values,
    summary_text,
    with_dependent_totals,
)
from editor.domain.errors import UserError
from editor.domain.storage import FILE_SUFFIX
from editor.ui.action_icons import action_icon
from editor.ui.copied_prose import tab_title_mark
from editor.ui.document import ReportDocument
from editor.ui.edit_menu import EditActions
from editor.ui.findings_panel import FindingsPanel
from editor.ui.jobs import ReportJobs
from editor.ui.messages import Action, show_message
from editor.ui.meta_tab import MetaTab
from editor.ui.on_demand import add_batch_review, add_comparison_action
from editor.ui.recovery import RecoveryStore
from editor.ui.section_tab import SectionTab
from editor.ui.window_assist import SHOW_PREVIOUS_KEY, WindowAssist
from editor.ui.window_files import APP_TITLE, WindowFiles

if TYPE_CHECKING:
    from editor.ui.find_replace import FindReplaceDialog
    from editor.ui.help_view import HelpDialog
    from editor.ui.start_page import StartPage
    from editor.ui.table_view import ReportTableView

# Below this height (logical pixels) the prose above a table starts folded away.
SMALL_SCREEN_HEIGHT = 900


class MainWindow(WindowFiles, WindowAssist, QMainWindow):
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
        self._start_page: StartPage | None = None  # built when first shown, see showEvent
        self.pages = QStackedWidget()
        self.pages.addWidget(QWidget())  # what the window holds until a report or the start page
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
        self._no_document()

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
        icon: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if icon is not None:
            action.setIcon(action_icon(icon))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            "新建空白报告(&N)…", self.new_file, QKeySequence(key.New), "new"
        )
        self.new_action.setIconText("新建")
        self.open_action = self._action(
            "打开(&O)…", self.open_dialog, QKeySequence(key.Open), "open"
        )
        self.open_action.setIconText("打开")
        self.save_action = self._action("保存(&S)", self.save, QKeySequence(key.Save), "save")
        self.save_action.setIconText("保存")
        self.save_as_action = self._action("另存为(&A)…", self.save_as, QKeySequence(key.SaveAs))
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence(key.Quit))
        self.edit = EditActions(self)
        self.undo_action = self.edit.undo
        self.redo_action = self.edit.redo
        self.fill_action = self.edit.fill_totals
        self.confirm_action = self.edit.confirm
        self.check_action = self._action("检查(&C)", self.run_check, QKeySequence("F7"), "check")
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
            "填写说明(&H)", self.show_help, QKeySequence(key.HelpContents), "help"
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
        add_batch_review(self, file_menu, self.quit_action)
        edit_menu = bar.addMenu("编辑(&E)")
        self.edit.add_to(edit_menu)
        view_menu = bar.addMenu("查看(&V)")
        view_menu.addAction(self.show_previous_action)
        view_menu.addAction(self.findings_dock.toggleViewAction())
        check_menu = bar.addMenu("检查(&C)")
        check_menu.addAction(self.check_action)
        self.comparison_action = add_comparison_action(self, check_menu)
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
        self.autosave_timer.timeout.connect(self.autosave)
        self.idle_timer.timeout.connect(self.autosave)

    # ------------------------------------------------------------------ the document

    @property
    def start_page(self) -> StartPage:
        """The start page, made on first use: a start that opens a file (a double-click) shows
        the report straight away and never needs it."""
        if self._start_page is None:
            from editor.ui.start_page import StartPage

            page = StartPage()
            page.start_from_last_year.connect(self.jobs.new_from_last_year_dialog)
            page.open_requested.connect(self.open_dialog)
            page.new_blank.connect(self.new_file)
            page.recent_chosen.connect(lambda path: self.open_path(path))
            page.show_recent(self.recent_files())
            self.pages.addWidget(page)
            self._start_page = page
        return self._start_page

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.document is None and self._start_page is None:
            # After the caller's next step rather than now: app.start() shows the window, then
            # opens the file it was given, and then the page is not wanted.
            QTimer.singleShot(0, self._start_page_if_no_document)

    def _start_page_if_no_document(self) -> None:
        if self.document is None:
            self.show_start_page()

    def show_start_page(self) -> None:
        """No report open: the start page, and the actions that need a report disabled."""
        page = self.start_page
        page.show_recent(self.recent_files())
        self.pages.setCurrentWidget(page)
        self._no_document()
        page.last_year_button.setFocus()

    def _no_document(self) -> None:
        self.findings_dock.hide()
        for action in self.document_actions:
            action.setEnabled(False)
        self.setWindowTitle(APP_TITLE)

    def _recent_files_changed(self, files: list[str]) -> None:
        if self._start_page is not None:
            self._start_page.show_recent(files)

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
            self.tabs.addTab(tab, section.short_title)
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
            title = tab.section.short_title
            if lines:
                title += f"（{lines}）"
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
            count = doc.fill_totals(with_dependent_totals(table, broken))
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

    def show_error(self, title: str, error: UserError) -> QMessageBox:
        """A user-fixable failure: its message, and the library's own words under 详细信息."""
        return self.show_message(
            QMessageBox.Icon.Warning, title, str(error), details=error.technical or ""
        )

    def show_message(
        self,
        icon: QMessageBox.Icon,
        title: str,
        text: str,
        *,
        details: str = "",
        close_button: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
        actions: Sequence[Action] = (),
    ) -> QMessageBox:
        """messages.show_message over the window; the open boxes are kept in `messages`."""
        box = show_message(
            self, icon, title, text, details=details, close_button=close_button, actions=actions
        )
        self.messages.append(box)
        box.finished.connect(lambda _r: self.messages.remove(box))
        return box

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

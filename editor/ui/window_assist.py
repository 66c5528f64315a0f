"""The window's view, find and help commands: 显示上年数, 查找/替换 over the prose, F1 填写说明,
关于. A mixin of `MainWindow`, kept apart for size."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
)

from editor.ui.document import ReportDocument
from editor.ui.section_tab import SectionTab

if TYPE_CHECKING:
    from editor.ui.find_replace import FindReplaceDialog
    from editor.ui.help_view import HelpDialog

SHOW_PREVIOUS_KEY = "view/show_previous"


if TYPE_CHECKING:
    _Window = QMainWindow  # what the mixin's methods may use of the window
else:
    _Window = object


class WindowAssist(_Window):
    """View, find and help commands of the main window (which provides the attributes below)."""

    settings: QSettings
    document: ReportDocument | None
    section_tabs: list[SectionTab]
    tabs: QTabWidget
    pages: QStackedWidget
    find_dialog: FindReplaceDialog | None
    help_dialog: HelpDialog | None
    show_previous_action: QAction

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

"""The import, export and print commands of the window, each run by the task helper."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from editor.ui import file_dialogs
from editor.ui.file_dialogs import (
    LAST_YEAR_FILTERS,
    PDF_FILTER,
    PUBLISHED_IMPORT_FILTERS,
    XLSX_FILTER,
)
from editor.ui.leftovers_prompt import asks_about_last_year

if TYPE_CHECKING:
    from editor.domain.progress import Progress
    from editor.exporters.pdf import PdfOptions
    from editor.importers.result import ImportResult
    from editor.ui.main_window import MainWindow
    from editor.ui.tasks import Task

# The exporters and importers (openpyxl, reportlab, pdfium) are imported when first used: at
# start-up they cost 0.4 s, more than the rest of the window together (python -X importtime).

OPEN_FOLDER = "打开所在文件夹"
OPEN_FILE = "打开文件"


class ReportJobs:
    """Adds the import/export/print actions to the window's menus and runs them."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document_actions: list[QAction] = []  # enabled only while a report is open
        self.print_action: QAction | None = None

    def add_to(self, file_menu: QMenu, after_new: QAction, before: QAction) -> None:
        """ "从上年报告开始" goes before `after_new` (next to 新建), the rest before `before`."""
        w = self.window
        start = QAction("新建：从上年报告开始(&L)…", w)
        start.triggered.connect(self.new_from_last_year_dialog)
        file_menu.insertAction(after_new, start)
        actions: list[tuple[str, Callable[[], None]] | None] = [
            ("导入 Excel(&I)…", self.import_xlsx_dialog),
            ("导入已发布的年报(&P)…", self.import_published_dialog),
            None,
            ("导出 Excel(&E)…", self.export_xlsx_dialog),
            ("导出 PDF(&D)…", self.export_pdf_dialog),
            ("导出 Word(&W)…", self.export_docx_dialog),
            ("复制为网页(&H)", self.copy_as_web_page),
            None,
            ("打印预览(&V)…", self.print_preview),
            ("打印(&T)…", self.print_report),
            None,
        ]
        needs_report = {self.export_xlsx_dialog, self.export_pdf_dialog, self.export_docx_dialog}
        needs_report |= {self.copy_as_web_page, self.print_preview, self.print_report}
        for entry in actions:
            if entry is None:
                file_menu.insertSeparator(before)
                continue
            action = QAction(entry[0], w)
            action.triggered.connect(entry[1])
            file_menu.insertAction(before, action)
            if entry[1] in needs_report:
                self.document_actions.append(action)
            if entry[1] == self.print_report:
                action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
                self.print_action = action

    # ------------------------------------------------------------------ helpers

    def _snapshot(self) -> Any:
        assert self.window.document is not None
        return self.window.document.snapshot()

    def suggested_path(self, suffix: str) -> str:
        assert self.window.document is not None
        return str(self.window.document.suggested_path(suffix, self._folder()))

    def _folder(self) -> Path:
        """Where a dialog starts when the report gives no better place: the last folder used."""
        return file_dialogs.last_folder(self.window.settings) or Path.home()

    def choose_file(
        self, title: str, start: str | Path, filters: tuple[str, ...], *, save: bool = False
    ) -> Path | None:
        return file_dialogs.choose(
            self.window, title, start, filters, save=save, settings=self.window.settings
        )

    def show_exported(self, path: Path) -> None:
        """Says where the file went, with a way to it: 打开文件, 打开所在文件夹."""
        self.window.statusBar().showMessage(f"已导出到 {path}", 8000)
        self.window.show_message(
            QMessageBox.Icon.Information,
            "导出完成",
            f"已导出到：\n{path}",
            close_button=QMessageBox.StandardButton.Close,
            actions=(
                (OPEN_FILE, lambda: self._open_local(path, "文件")),
                (OPEN_FOLDER, lambda: self._open_local(path.parent, "文件夹")),
            ),
        )

    def _open_local(self, path: Path, what: str) -> None:
        """Opens `path` with the system's own program; says where it is when there is none
        (a desktop without a file manager answers xdg-open with nothing the clerk can see)."""
        # Imported here, as every Qt class only a clerk's action needs: PySide builds a class (and
        # its enums) when it is first imported, and start-up should not pay for it.
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        # Local file URLs only: the system's viewer or file manager, never the network.
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.window.show_message(
                QMessageBox.Icon.Information,
                f"无法打开{what}",
                f"系统中没有可以打开它的程序。请在文件管理器中打开：\n{path}",
            )

    def _run(self, title: str, job: Callable[[Progress], Any], done: Callable[[Any], None]) -> Task:
        from editor.ui.tasks import run_task  # its thread and progress dialog: on first job

        return run_task(self.window, title, job, done)

    def _notes(self, result: ImportResult) -> None:
        self.window.show_message(
            QMessageBox.Icon.Information,
            "导入结果",
            f"已导入“{result.source}”，请核对。",
            details=result.text(),
        )

    # ------------------------------------------------------------------ exports

    @asks_about_last_year("导出 Excel")  # copied prose or last year's period left: ask first
    def export_xlsx_dialog(self) -> None:
        path = self.choose_file(
            "导出 Excel", self.suggested_path(".xlsx"), (XLSX_FILTER,), save=True
        )
        if path:
            self.export_xlsx(path.with_suffix(".xlsx"))

    def export_xlsx(self, path: Path) -> Task:
        from editor.exporters.xlsx import export_xlsx

        report = self._snapshot()
        return self._run(
            "正在导出 Excel",
            lambda progress: export_xlsx(report, path, progress),
            lambda _r: self.show_exported(path),
        )

    def _output_options(self, report: Any, action: str) -> PdfOptions | None:
        from editor.ui.output_options import ask_output_options

        return ask_output_options(self.window, report, self.window.settings, action)

    @asks_about_last_year("导出 PDF")  # copied prose or last year's period left: ask first
    def export_pdf_dialog(self) -> None:
        report = self._snapshot()
        options = self._output_options(report, "导出 PDF")
        if options is None:
            return
        path = self.choose_file("导出 PDF", self.suggested_path(".pdf"), (PDF_FILTER,), save=True)
        if path:
            self.export_pdf(path.with_suffix(".pdf"), options)

    def export_pdf(self, path: Path, options: PdfOptions) -> Task:
        from editor.exporters.pdf import export_pdf

        report = self._snapshot()
        return self._run(
            "正在导出 PDF",
            lambda progress: export_pdf(report, path, options, progress),
            lambda _r: self.show_exported(path),
        )

    @asks_about_last_year("导出 Word")  # copied prose or last year's period left: ask first
    def export_docx_dialog(self) -> None:
        from editor.ui import publish

        publish.export_docx_dialog(self.window)

    @asks_about_last_year("复制为网页")  # copied prose or last year's period left: ask first
    def copy_as_web_page(self) -> None:
        from editor.ui import publish

        publish.copy_as_web_page(self.window)

    @asks_about_last_year("打印预览")  # copied prose or last year's period left: ask first
    def print_preview(self) -> None:
        from editor.ui import printing

        report = self._snapshot()
        options = self._output_options(report, "打印预览")
        if options is not None:
            printing.show_print_preview(self.window, report, options)

    @asks_about_last_year("打印")  # copied prose or last year's period left: ask first
    def print_report(self) -> None:
        from editor.ui import printing

        report = self._snapshot()
        options = self._output_options(report, "打印")
        if options is not None:
            printing.print_report(self.window, report, options)

    # ------------------------------------------------------------------ imports

    def import_xlsx_dialog(self) -> None:
        path = self.choose_file("导入 Excel", self._folder(), (XLSX_FILTER, file_dialogs.ALL_FILES))
        if not path:
            return
        doc = self.window.document
        into_current = False
        if doc is not None and doc.report.tables:
            box = QMessageBox(self.window)
            box.setWindowTitle("导入 Excel")
            box.setText("把工作簿中的表格导入到哪里？")
            current = box.addButton("导入到当前报告", QMessageBox.ButtonRole.AcceptRole)
            new = box.addButton("作为新报告打开", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() not in (current, new):
                return
            into_current = box.clickedButton() is current
        self.import_xlsx(path, into_current=into_current)

    def import_xlsx(self, path: Path, *, into_current: bool) -> Task:
        from editor.importers.xlsx import import_xlsx

        return self._run(
            "正在导入 Excel",
            lambda progress: import_xlsx(path, progress),
            lambda result: self._xlsx_imported(result, into_current, path),
        )

    def _xlsx_imported(self, result: ImportResult, into_current: bool, path: Path) -> None:
        doc = self.window.document
        from editor.importers.xlsx import value_changes

        if into_current and doc is not None:
            # Every imported cell in one command: one undo step takes the whole import back.
            try:
                changes = value_changes(doc.report, result)
            except Exception as e:
                self.window.show_message(QMessageBox.Icon.Warning, "无法导入", str(e))
                return
            doc.push_cells(changes, f"导入“{result.source}”")
        else:
            self.window.open_unsaved(result.report, None, origin=path)
        self._notes(result)

    def import_published_dialog(self) -> None:
        if not self.window.maybe_save():
            return
        path = self.choose_file("导入已发布的年报", self._folder(), PUBLISHED_IMPORT_FILTERS)
        if path:
            self.import_published(path)

    def import_published(self, path: Path) -> Task:
        from editor.importers.published import import_published

        return self._run(
            "正在读取已发布的年报",
            lambda progress: import_published(path, progress),
            lambda result: self._opened_as_new(result, path),
        )

    def new_from_last_year_dialog(self) -> None:
        if not self.window.maybe_save():
            return
        path = self.choose_file("选择上年报告", self._folder(), LAST_YEAR_FILTERS)
        if not path:
            return
        from editor.ui.year_prompt import ask_year  # on demand: see _open_local

        year = ask_year(self.window, "从上年报告开始", "新报告的年度：", date.today().year - 1)
        if year is not None:
            self.new_from_last_year(path, year)

    def new_from_last_year(self, path: Path, year: int) -> Task:
        from editor.importers.last_year import new_from_last_year

        return self._run(
            "正在读取上年报告",
            lambda _progress: new_from_last_year(path, year),
            lambda result: self._opened_as_new(result, path),
        )

    def _opened_as_new(self, result: ImportResult, origin: Path) -> None:
        # `origin`: the file it came from; a save is proposed beside it, not in the home folder.
        self.window.open_unsaved(result.report, None, origin=origin)
        if result.origin is not None:  # a published report: 核对原文 beside the grid, not a box
            from editor.ui.source_review import show_source_review

            if show_source_review(self.window, result) is not None:
                return
        self._notes(result)

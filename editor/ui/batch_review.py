"""批量检查: many reports read and checked off the UI thread, a row each as they come in.

The work is editor.batch (the same as `nianbao review` and `nianbao sum`); this window only picks
the files, shows the rows, and hands the results to the same workbook and 汇总 writers. The
dialog is not modal: the clerk opens a report from it, fixes it, and comes back to the list.
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from editor.batch.inputs import InputFile, collect_inputs
from editor.batch.review import ROW_HEADINGS, ReviewedFile, summarize
from editor.domain.storage import FILE_SUFFIX
from editor.ui import file_dialogs
from editor.ui.batch_review_model import (
    ERRORS_COLUMN,
    FILE_COLUMN,
    NOTE_COLUMN,
    SORT_ROLE,
    STATUS_COLUMN,
    BatchReviewModel,
)
from editor.ui.batch_review_sum import sum_dialog
from editor.ui.messages import show_message
from editor.ui.tasks import run_task
from editor.ui.ui_thread_gc import collect_on_ui_thread_only

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

READABLE_FILTERS = (
    "报告 (*.nianbao *.xlsx *.pdf *.docx *.html *.htm *.txt)",
    file_dialogs.REPORT_FILTER,
    file_dialogs.XLSX_FILTER,
    *file_dialogs.PUBLISHED_FILTERS,
    file_dialogs.ALL_FILES,
)
LAST_FOLDER_KEY = "batch/last_folder"  # the collected reports' folder, apart from the window's


def show_batch_review(window: MainWindow) -> BatchReviewDialog:
    """The window's 批量检查 dialog, made on first use and kept with its rows."""
    dialog = window.findChild(BatchReviewDialog)
    if dialog is None:
        dialog = BatchReviewDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class _ReviewWorker(QObject):
    """Iterates the reviews on a worker thread; the rows go to the UI thread as signals."""

    reviewed = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, files: list[InputFile], cancel: threading.Event) -> None:
        super().__init__()
        self._files = files
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        from editor.batch.pool import iter_reviews  # multiprocessing loads only when needed

        reviews = iter_reviews(self._files)
        try:
            for item in reviews:
                if self._cancel.is_set():
                    break
                self.reviewed.emit(item)
        except BaseException as e:  # a bug: the UI thread hands it to the crash handler
            self.failed.emit(e)
        finally:
            reviews.close()  # stops the worker processes when cancelled
            self.finished.emit()


class BatchReviewDialog(QDialog):
    """Pick files or folders; a row per report fills in; open one, export, or 汇总 them."""

    run_finished = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("批量检查")
        self.setAcceptDrops(True)
        self.model = BatchReviewModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._thread: QThread | None = None
        self._worker: _ReviewWorker | None = None
        self._cancel = threading.Event()
        self._expected = 0
        self._build()
        self._connect_signals()
        self._update_buttons()
        self._fit_to_screen()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.add_files_button = QPushButton("添加文件(&F)…")
        self.add_folder_button = QPushButton("添加文件夹(&D)…")
        self.recheck_button = QPushButton("重新检查(&R)")
        self.remove_button = QPushButton("移除所选(&M)")
        self.remove_button.setToolTip("从列表中移除所选文件（Delete），不删除文件本身")
        self.clear_button = QPushButton("清空列表")
        top = QHBoxLayout()
        for button in (self.add_files_button, self.add_folder_button):
            top.addWidget(button)
        top.addStretch(1)
        top.addWidget(self.recheck_button)
        top.addWidget(self.remove_button)
        top.addWidget(self.clear_button)

        self.status = QLabel("添加报告文件或文件夹（也可拖放到此处），逐份读取并检查。")
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat("%v/%m")
        self.progress.hide()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.hide()
        middle = QHBoxLayout()
        middle.addWidget(self.status, 1)
        middle.addWidget(self.progress)
        middle.addWidget(self.cancel_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ERRORS_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        remove = QAction("移除所选", self.table)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.table.addAction(remove)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # "乡镇/东山…人民政府.pdf": a file's name and its folder both stay readable.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().hide()  # row numbers would be the reading order, not 序号
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._size_columns()
        # The status next to the file: on a 1024-pixel screen the key figures scroll, not it.
        header.moveSection(STATUS_COLUMN, FILE_COLUMN + 1)

        # The selected report's 说明 in full: at 1024 pixels its column shows a few characters.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.hide()

        self.export_button = QPushButton("导出审核结果(&E)…")
        self.sum_button = QPushButton("汇总(&S)…")
        self.close_button = QPushButton("关闭")
        bottom = QHBoxLayout()
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.sum_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(bottom)

    def _size_columns(self) -> None:
        """Each column as wide as its heading or its longest usual content, no wider."""
        metrics = self.fontMetrics()
        samples = {"文件": "乡镇/某某镇人民政府.pdf", "机关": "某某县人民政府办公室"}
        samples |= {"格式": "年报文件", "状态": "有错误，待确认"}
        for column, heading in enumerate(ROW_HEADINGS):
            text = max(heading, samples.get(heading, "00000"), key=metrics.horizontalAdvance)
            self.table.setColumnWidth(column, metrics.horizontalAdvance(text) + 18)

    def _connect_signals(self) -> None:
        self.add_files_button.clicked.connect(self.add_files_dialog)
        self.add_folder_button.clicked.connect(self.add_folder_dialog)
        self.recheck_button.clicked.connect(self.recheck)
        self.clear_button.clicked.connect(self.clear)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.table.selectionModel().currentRowChanged.connect(self._show_note)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.doubleClicked.connect(self.open_row)
        self.export_button.clicked.connect(self.export_dialog)
        self.sum_button.clicked.connect(self.sum_dialog)
        self.close_button.clicked.connect(self.close)

    def _show_note(self, current: QModelIndex, _previous: QModelIndex) -> None:
        note = self.proxy.index(current.row(), NOTE_COLUMN).data() if current.isValid() else ""
        name = self.proxy.index(current.row(), FILE_COLUMN).data() if current.isValid() else ""
        self.note.setText(f"{name}：{note}" if note else "")
        self.note.setVisible(bool(note))

    def _fit_to_screen(self) -> None:
        """Wide enough for every column on a large screen; never beyond a small one."""
        screen = self.window_.screen().availableGeometry()
        self.resize(min(1400, screen.width() - 60), min(640, screen.height() - 100))

    # ------------------------------------------------------------------ state

    @property
    def running(self) -> bool:
        return self._thread is not None

    def _update_buttons(self) -> None:
        idle = not self.running
        has_rows = bool(self.model.files)
        for button in (self.add_files_button, self.add_folder_button):
            button.setEnabled(idle)
        self.recheck_button.setEnabled(idle and has_rows)
        self.clear_button.setEnabled(idle and has_rows)
        self.remove_button.setEnabled(idle and self.table.selectionModel().hasSelection())
        self.export_button.setEnabled(idle and has_rows)
        self.sum_button.setEnabled(idle and any(f.readable for f in self.model.files))

    def _show_counts(self) -> None:
        files = self.model.files
        if not files:
            return
        text = summarize(files).text()
        if self.running:
            text = f"正在读取… {text}"
        self.status.setText(text)

    # ------------------------------------------------------------------ adding and reading

    def _start_folder(self) -> str:
        """Where the reports were last added from; else where the clerk last opened a file."""
        settings = self.window_.settings
        folder = str(settings.value(LAST_FOLDER_KEY, "") or "")
        if folder and Path(folder).is_dir():
            return folder
        return str(file_dialogs.last_folder(settings) or "")

    def add_files_dialog(self) -> None:
        dialog = file_dialogs.file_dialog(
            self, "添加报告文件", self._start_folder(), READABLE_FILTERS
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        self._add_chosen(dialog)

    def add_folder_dialog(self) -> None:
        dialog = file_dialogs.file_dialog(
            self, "添加文件夹", self._start_folder(), (file_dialogs.ALL_FILES,)
        )
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        self._add_chosen(dialog)

    def _add_chosen(self, dialog: QFileDialog) -> None:
        try:
            chosen = dialog.exec() == QDialog.DialogCode.Accepted
            paths = [Path(p) for p in dialog.selectedFiles()] if chosen else []
        finally:
            dialog.deleteLater()
        self.add_paths(paths)

    def add_paths(self, paths: list[Path]) -> None:
        """Reads the files given (folders: the reports in them) that are not listed yet."""
        if self.running or not paths:
            return
        self.window_.settings.setValue(
            LAST_FOLDER_KEY, str(paths[0] if paths[0].is_dir() else paths[0].parent)
        )
        listed = [f.path for f in self.model.files]
        inputs = collect_inputs(paths, exclude=listed, short_names=True)
        if not inputs.files:
            self.status.setText("所选位置没有新的报告文件。")
            return
        self._start(inputs.files)

    def recheck(self) -> None:
        """Reads every listed file again (after the clerk fixed some)."""
        if self.running or not self.model.files:
            return
        files = [InputFile(f.path, f.name) for f in self.model.files]
        self.model.clear()
        self._start(files)

    def remove_selected(self) -> None:
        if self.running:
            return
        rows = [self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()]
        self.model.remove(rows)
        self._show_counts()
        self._update_buttons()

    def clear(self) -> None:
        if not self.running:
            self.model.clear()
            self.status.setText("列表已清空。")
            self._update_buttons()

    def _start(self, files: list[InputFile]) -> None:
        self._cancel = threading.Event()
        self._expected = len(files)
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText(f"正在读取 {len(files)} 份文件…")
        # A collection on the worker thread could destroy widgets there, and crash.
        collect_on_ui_thread_only()
        thread = QThread(self)
        worker = _ReviewWorker(files, self._cancel)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.reviewed.connect(self._reviewed)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._finished)
        self._thread, self._worker = thread, worker
        self._update_buttons()
        thread.start()

    def _reviewed(self, item: ReviewedFile) -> None:
        if self._cancel.is_set():
            return
        self.model.add(item)
        self.progress.setValue(self.progress.value() + 1)
        self._show_counts()

    def _failed(self, error: BaseException) -> None:
        import sys

        sys.excepthook(type(error), error, error.__traceback__)

    def _finished(self) -> None:
        self._stop_thread()
        self.progress.hide()
        self.cancel_button.hide()
        read = len(self.model.files)
        self._show_counts()
        if self._cancel.is_set():
            self.status.setText(f"已取消。{self.status.text()}")
        elif read:
            self.status.setText(f"检查完成：{self.status.text()}")
        self._update_buttons()
        self.run_finished.emit()

    def _stop_thread(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None

    def cancel(self) -> None:
        """Stops reading: the files read so far keep their rows."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.status.setText("正在取消…")

    def wait_until_stopped(self) -> None:
        """Cancels a run and waits for its thread (closing, quitting)."""
        if self._thread is None:
            return
        self._cancel.set()
        self._thread.quit()
        self._thread.wait()
        self._stop_thread()

    # ------------------------------------------------------------------ rows

    def selected_file(self) -> ReviewedFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self._file_at(rows[0]) if rows else None

    def _file_at(self, index: QModelIndex) -> ReviewedFile:
        return self.model.files[self.proxy.mapToSource(index).row()]

    def open_row(self, index: QModelIndex) -> None:
        """Opens the report in the main window: a report file as itself, others as imported."""
        item = self._file_at(index)
        window = self.window_
        if item.report is None:
            show_message(self, QMessageBox.Icon.Warning, "无法读取", item.problem)
            return
        if item.path.suffix.lower() == FILE_SUFFIX:
            opened = window.open_path(item.path)
        elif window.maybe_save():
            # A copy: editing it must not change the row it came from.
            window.open_unsaved(copy.deepcopy(item.report), None, origin=item.path)
            opened = True
        else:
            opened = False
        if opened:
            self._step_aside(f"已打开“{item.name}”")

    def sum_dialog(self) -> None:
        # Beside the reports' folder, not in it: a 汇总 in the folder would be read next time.
        folder = Path(self._start_folder()).parent if self._start_folder() else Path(".")
        sum_dialog(self, self.model.files, self.window_.settings, folder, self.open_in_window)

    def open_in_window(self, path: Path) -> None:
        if self.window_.open_path(path):
            self._step_aside(f"已打开“{path.name}”")

    def _step_aside(self, what: str) -> None:
        """Shows the window with the opened report. The dialog, which a window manager keeps
        above its window, is hidden with its rows kept; the menu brings it back."""
        self.hide()
        window = self.window_
        window.raise_()
        window.activateWindow()
        window.statusBar().showMessage(f"{what}。批量检查的列表仍在：文件 → 批量检查…", 15000)

    # ------------------------------------------------------------------ writing

    def export_dialog(self) -> None:
        start = Path(self._start_folder() or ".") / "审核结果.xlsx"
        filters = (file_dialogs.XLSX_FILTER,)
        path = file_dialogs.choose(self, "导出审核结果", start, filters, save=True)
        if path is not None:
            self.export(path.with_suffix(".xlsx"))

    def export(self, path: Path) -> None:
        from editor.batch.workbook import export_review  # openpyxl loads only when needed

        files = list(self.model.files)
        run_task(
            self,
            "正在导出审核结果",
            lambda _progress: export_review(files, path),
            lambda _r: self.status.setText(f"审核结果已导出到 {path}"),
        )

    # ------------------------------------------------------------------ Qt events

    def closeEvent(self, event: QCloseEvent) -> None:
        self.wait_until_stopped()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and not self.running:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

"""核对原文: after a published report is imported, its source beside the grid, the cells the import
could not read marked, one at a time: Enter confirms the cell (with the value typed, if any) and
moves to the next. Selecting any cell of the grid shows where the import read it. The import
report stays one click away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.domain.errors import ValueInputError
from editor.domain.forms import CellRef
from editor.domain.values import format_value, parse_cell_text
from editor.importers.result import ImportResult, NoteKind
from editor.ui.document import ReportDocument
from editor.ui.source_view import SourceView

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow

DOCK_NAME = "source_review"


class SourceReviewPanel(QWidget):
    """The source of `result` and the flagged cells of `document`, one by one."""

    cell_chosen = Signal(object)  # CellRef: the window shows it in the grid

    def __init__(
        self, document: ReportDocument, result: ImportResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        assert result.origin is not None
        self.document = document
        self.result = result
        self.current: CellRef | None = None
        self.report_dialog: QDialog | None = None
        self.asks = _asks_by_cell(result)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b4f00;")
        self.value = QLineEdit()
        self.value.setPlaceholderText("空白（按原文填写数值；没有发生请填 0）")
        self.value.returnPressed.connect(self.confirm_current)
        self.confirm_button = QPushButton("确认并转到下一个 (Enter)")
        self.confirm_button.clicked.connect(self.confirm_current)
        self.previous_button = QPushButton("上一个")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("下一个")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.report_button = QPushButton("导入报告…")
        self.report_button.clicked.connect(self.show_import_report)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.view = SourceView(result.origin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.name)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addWidget(self.value, 1)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        document.flags_changed.connect(self._flags_changed)
        document.cells_changed.connect(self._cells_changed)
        flagged = self.flagged()
        self.go_to(flagged[0] if flagged else None)

    # ------------------------------------------------------------------ state

    def flagged(self) -> list[CellRef]:
        """The cells still to confirm, in the form's order."""
        marked = self.document.flagged()
        return [ref for ref in self.document.form.cells if ref in marked]

    def _update_title(self) -> None:
        left = len(self.flagged())
        source = self.result.source
        if left:
            self.title.setText(f"核对原文：{source}　待确认 {left} 个单元格")
        else:
            self.title.setText(f"核对原文：{source}　没有待确认的单元格")
        self.previous_button.setEnabled(left > 0)
        self.next_button.setEnabled(left > 0)

    # ------------------------------------------------------------------ navigation

    def go_to(self, ref: CellRef | None, *, select: bool = True) -> None:
        """Shows `ref` (a flagged cell or any other) in the source and in the panel."""
        self.current = ref
        flagged = self.flagged()
        self._update_title()
        is_flagged = ref is not None and ref in flagged
        self.value.setEnabled(is_flagged)
        self.confirm_button.setEnabled(is_flagged)
        if ref is None:
            self.name.setText(
                "导入时每个单元格都已读取。选择表格中的单元格，可在原文中查看它的位置。"
            )
            self.note.clear()
            self.value.clear()
        else:
            self.name.setText(
                self.document.form.cell_name(ref) + ("（待确认）" if is_flagged else "")
            )
            self.note.setText(self.asks.get(ref, "") if is_flagged else "")
            shown = self.document.report.get(ref)
            self.value.setText("" if shown is None else format_value(shown))
            self.value.selectAll()
        self.view.show_cells(ref.key if ref else None, [r.key for r in flagged])
        if select and ref is not None:
            self.cell_chosen.emit(ref)
        if is_flagged:
            self.value.setFocus()

    def step(self, direction: int) -> None:
        """To the next (1) or previous (-1) cell to confirm, around the end."""
        flagged = self.flagged()
        if not flagged:
            self.go_to(self.current, select=False)
            return
        order = self.document.form.cells
        at = order.index(self.current) if self.current in order else -1
        ahead = [r for r in flagged if (order.index(r) - at) * direction > 0]
        if direction > 0:
            target = ahead[0] if ahead else flagged[0]
        else:
            target = ahead[-1] if ahead else flagged[-1]
        self.go_to(target)

    def show_grid_cell(self, ref: CellRef) -> None:
        """The grid's current cell changed: show where it was read (no selection back)."""
        if ref != self.current:
            self.go_to(ref, select=False)

    # ------------------------------------------------------------------ confirming

    def confirm_current(self) -> None:
        """Takes the typed value (or confirms the cell as it is) and moves to the next."""
        ref = self.current
        if ref is None or ref not in self.document.flagged():
            return
        kind = self.document.form.table(ref.table).kind_of(ref)
        try:
            value = parse_cell_text(self.value.text(), kind)
        except ValueInputError as e:
            self.status.setText(f"{self.document.form.cell_name(ref)}：{e.message}")
            self.status.setStyleSheet("color: #b00020;")
            return
        name = self.document.form.table(ref.table).cell_name(ref)
        if value != self.document.report.get(ref):
            self.document.push_cells({ref: value}, f"核对原文：{name}")
        else:
            self.document.confirm_cells([ref])
        self.status.setStyleSheet("")
        shown = "空白" if value is None else format_value(value)
        self.status.setText(f"已确认 {self.document.form.cell_name(ref)} 为 {shown}（可撤销）")
        if self.flagged():
            self.step(1)
        else:
            self.go_to(None, select=False)
            self.status.setText(self.status.text() + "。全部待确认的单元格都已核对。")

    def _flags_changed(self, _refs: frozenset[CellRef]) -> None:
        self.go_to(self.current, select=False)

    def _cells_changed(self, refs: frozenset[CellRef]) -> None:
        if self.current in refs:
            self.go_to(self.current, select=False)

    # ------------------------------------------------------------------ the import report

    def show_import_report(self) -> QDialog:
        if self.report_dialog is None:
            dialog = QDialog(self)
            dialog.setWindowTitle(f"导入报告：{self.result.source}")
            text = QPlainTextEdit(self.result.text())
            text.setReadOnly(True)
            close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            close.rejected.connect(dialog.close)
            layout = QVBoxLayout(dialog)
            layout.addWidget(text)
            layout.addWidget(close)
            dialog.resize(720, 480)
            self.report_dialog = dialog
        self.report_dialog.show()
        self.report_dialog.raise_()
        return self.report_dialog

    def close_source(self) -> None:
        self.view.close_source()

    def document_gone(self) -> None:
        """Another report was opened: this source is not its source any more."""
        self.close_source()
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.close()


def _asks_by_cell(result: ImportResult) -> dict[CellRef, str]:
    out: dict[CellRef, str] = {}
    for note in result.notes:
        if note.kind in (NoteKind.ASK, NoteKind.UNMATCHED):
            for ref in note.cells:
                out.setdefault(ref, note.message)
    return out


def show_source_review(window: MainWindow, result: ImportResult) -> QDockWidget | None:
    """Docks 核对原文 beside the grid for the report just opened from `result`'s source."""
    document = window.document
    if result.origin is None or document is None:
        return None
    for old in window.findChildren(QDockWidget, DOCK_NAME):
        _close_dock(old)
    panel = SourceReviewPanel(document, result)
    dock = QDockWidget("核对原文", window)
    dock.setObjectName(DOCK_NAME)
    dock.setWidget(panel)
    dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resizeDocks([dock], [max(420, window.width() * 2 // 5)], Qt.Orientation.Horizontal)
    panel.cell_chosen.connect(lambda ref: _select_in_grid(window, ref))
    _follow_grid(window, panel)
    # A bound slot of the panel: disconnected by Qt if the panel goes first (window closed).
    document.destroyed.connect(panel.document_gone)
    dock.show()
    if panel.current is not None:
        _select_in_grid(window, panel.current)
        panel.value.setFocus()
    return dock


def _close_dock(dock: QDockWidget) -> None:
    panel = dock.widget()
    if isinstance(panel, SourceReviewPanel):
        panel.close_source()
    dock.close()


def _table_tabs(window: MainWindow) -> list[QWidget]:
    """The window's section tabs that hold a table (built or not yet)."""
    return [t for t in getattr(window, "section_tabs", []) if getattr(t, "section", None)]


def _select_in_grid(window: MainWindow, ref: CellRef) -> None:
    for tab in _table_tabs(window):
        if tab.section.table != ref.table:  # type: ignore[attr-defined]
            continue
        view = tab.table_view  # type: ignore[attr-defined]  # (builds the tab if need be)
        if view is not None:
            window.tabs.setCurrentWidget(tab)
            view.select_refs([ref])
        return


def _follow_grid(window: MainWindow, panel: SourceReviewPanel) -> None:
    """The grid's current cell, in every table, shown in the source; tabs are built when first
    shown, so a grid built later is followed from then on."""

    def follow(view: QWidget | None) -> None:
        if view is None:
            return

        def changed(current: QModelIndex, _previous: QModelIndex) -> None:
            ref = view.model().ref_at(current.row(), current.column())  # type: ignore[attr-defined]
            if ref is not None:
                panel.show_grid_cell(ref)

        view.selectionModel().currentChanged.connect(changed)  # type: ignore[attr-defined]

    for tab in _table_tabs(window):
        built = getattr(tab, "built_grid", None)
        if built is not None:
            follow(built)
        elif hasattr(tab, "grid_built"):
            tab.grid_built.connect(follow)

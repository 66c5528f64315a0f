"""The 编辑 menu: undo, the clipboard, clear, fill, totals, 空白填 0, find and replace.

Its clipboard entries act on whatever has the focus: a text field's own cut/copy/paste, or the
grid's block copy and paste. Keys the grid and text fields already handle themselves (Delete,
Ctrl+Enter) are shown in the menu but not bound here, so a text field keeps its Delete key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from editor.domain.forms import CellRef, TableDef
from editor.domain.model import Report
from editor.ui.action_icons import action_icon

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow
    from editor.ui.table_view import ReportTableView

TextWidget = QLineEdit | QPlainTextEdit


def zero_fill_values(report: Report, table: TableDef, scope: list[CellRef]) -> dict[CellRef, int]:
    """空白填 0 over `scope`: blank detail cells become 0, a blank total the sum of its parts.

    A blank total becomes what its parts add up to (0 when they are all blank too), so filling
    blanks never turns a total into an error; totals are done in the form's order, row totals
    before the sums that use them.
    """
    blanks = {ref for ref in scope if ref in table.cell_set and report.get(ref) is None}
    totals = blanks & table.total_cells
    changes: dict[CellRef, int] = {ref: 0 for ref in blanks - totals}
    for relation in table.sums:
        if relation.total not in totals:
            continue
        parts = [changes.get(p, report.get(p)) for p in relation.parts]
        changes[relation.total] = int(sum(p for p in parts if p is not None))
    return changes


class EditActions:
    """Builds the 编辑 menu's actions for `window` and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        key = QKeySequence.StandardKey
        group = window.undo_group
        self.undo = group.createUndoAction(window, "撤销")
        self.undo.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.undo.setIcon(action_icon("undo"))
        # The menu names the step ("撤销 输入 …"); the toolbar button keeps one short word, so
        # the toolbar does not jump about with every edit. The tooltip still names the step.
        self.undo.setIconText("撤销")
        self.redo = group.createRedoAction(window, "重做")
        # Ctrl+Y on every platform; some already list it among their redo keys, and a key twice
        # in one action is "ambiguous" to Qt and then does nothing at all.
        redo_keys = [QKeySequence("Ctrl+Y"), *QKeySequence.keyBindings(key.Redo)]
        self.redo.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
        self.redo.setIcon(action_icon("redo"))
        self.redo.setIconText("重做")
        self.cut = self._action("剪切(&T)", self.cut_focused, QKeySequence(key.Cut))
        self.copy = self._action("复制(&C)", self.copy_focused, QKeySequence(key.Copy))
        self.paste = self._action("粘贴(&P)", self.paste_focused, QKeySequence(key.Paste))
        self.clear = self._action("清除(&L)\tDel", self.clear_focused)
        self.fill_range = self._action("填充所选单元格(&R)\tCtrl+Enter", self.fill_range_now)
        self.fill_range.setToolTip("把当前单元格的值填入所选的全部单元格（一步可撤销）")
        self.zero_blanks = self._action("空白填 0(&0)", self.fill_blanks_with_zero)
        self.zero_blanks.setToolTip(
            "所选区域（未选区域时为本表）的空白单元格填 0，空白合计按明细填写"
        )
        self.fill_totals = self._action(
            "按明细填写合计(&S)", window.fill_totals, QKeySequence("Ctrl+Shift+T")
        )
        self.fill_totals.setIcon(action_icon("fill-totals"))
        self.fill_totals.setIconText("填写合计")
        self.confirm = self._action("确认导入值(&K)", window.confirm_selection)
        self.find = self._action(
            "查找(&F)…", lambda: window.find_replace(False), QKeySequence(key.Find)
        )
        self.replace = self._action(
            "替换(&H)…", lambda: window.find_replace(True), QKeySequence("Ctrl+H")
        )
        self.document_actions = [
            self.cut,
            self.copy,
            self.paste,
            self.clear,
            self.fill_range,
            self.zero_blanks,
            self.fill_totals,
            self.confirm,
            self.find,
            self.replace,
        ]

    def _action(self, text: str, slot: object, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def add_to(self, menu: QMenu) -> None:
        menu.addActions([self.undo, self.redo])
        menu.addSeparator()
        menu.addActions([self.cut, self.copy, self.paste, self.clear])
        menu.addSeparator()
        menu.addActions([self.fill_range, self.zero_blanks, self.fill_totals, self.confirm])
        menu.addSeparator()
        menu.addActions([self.find, self.replace])

    # ------------------------------------------------------------------ where the focus is

    def _focused_text(self) -> TextWidget | None:
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, QLineEdit | QPlainTextEdit) else None

    def _focused_grid(self) -> ReportTableView | None:
        from editor.ui.table_view import ReportTableView  # loaded with the first table shown

        widget: QWidget | None = QApplication.focusWidget()
        while widget is not None:
            if isinstance(widget, ReportTableView):
                return widget
            widget = widget.parentWidget()
        return self.window.current_table_view()

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # ------------------------------------------------------------------ the clipboard

    def cut_focused(self) -> None:
        text = self._focused_text()
        if text is not None:
            text.cut()
        elif (grid := self._focused_grid()) is not None:
            grid.copy_selection()
            grid.clear_selection()

    def copy_focused(self) -> None:
        text = self._focused_text()
        if text is not None:
            text.copy()
        elif (grid := self._focused_grid()) is not None:
            grid.copy_selection()

    def paste_focused(self) -> None:
        text = self._focused_text()
        if text is not None:
            text.paste()
        elif (grid := self._focused_grid()) is not None:
            grid.paste_clipboard()

    def clear_focused(self) -> None:
        text = self._focused_text()
        if isinstance(text, QLineEdit):
            if text.hasSelectedText():
                text.del_()
        elif isinstance(text, QPlainTextEdit):
            text.textCursor().removeSelectedText()
        elif (grid := self._focused_grid()) is not None:
            grid.clear_selection()

    # ------------------------------------------------------------------ filling

    def fill_range_now(self) -> None:
        grid = self._focused_grid()
        if grid is None:
            self._say("请先在表格中选择要填充的单元格")
            return
        current = grid.currentIndex()
        text = grid.model().display_text(current.row(), current.column())
        if not grid.fill_selection_with(text):
            self._say("所选单元格已经都是这个值")

    def fill_blanks_with_zero(self) -> int:
        """Fills blanks in the selection, or in the whole table when one cell is selected."""
        grid = self._focused_grid()
        document = self.window.document
        if grid is None or document is None:
            self._say("请先切换到表二、表三或表四，再用“空白填 0”")
            return 0
        table = grid.model().table
        selected = grid.selected_refs()
        scope, where = (
            (selected, "所选区域") if len(selected) > 1 else (list(table.cells), table.number)
        )
        changes = zero_fill_values(document.report, table, scope)
        if not changes:
            self._say(f"{where}没有空白单元格")
            return 0
        document.push_cells(dict(changes), f"空白填 0（{where}）")
        self._say(f"已将{where}的 {len(changes)} 个空白单元格填好（可用“撤销”恢复）")
        return len(changes)

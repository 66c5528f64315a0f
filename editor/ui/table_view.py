"""The grid widget: spreadsheet keys, block copy and paste, clear, and the cell painting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from editor.domain.errors import ValueInputError
from editor.domain.forms import CellRef
from editor.domain.layout import CellRole
from editor.domain.values import parse_cell_text
from editor.ui import grid_fit
from editor.ui.cell_moves import Step, step_from
from editor.ui.clipboard import OUR_CELLS_FORMAT, Grid, parse_html_table, parse_tsv, to_html, to_tsv
from editor.ui.frozen_header import FrozenHeaderView
from editor.ui.table_model import PREVIOUS_ROLE, STATE_ROLE, ReportTableModel

Index = QModelIndex | QPersistentModelIndex

Action = QAbstractItemView.CursorAction
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Where a key that ends editing moves the cursor, as in Excel.
_MOVES = {
    Qt.Key.Key_Return: Action.MoveDown,
    Qt.Key.Key_Enter: Action.MoveDown,
    Qt.Key.Key_Tab: Action.MoveNext,
    Qt.Key.Key_Backtab: Action.MovePrevious,
    Qt.Key.Key_Up: Action.MoveUp,
    Qt.Key.Key_Down: Action.MoveDown,
}
# The cursor moves that land only on cells taking a value (see cell_moves).
_STEPS = {
    Action.MoveDown: Step.DOWN,
    Action.MoveUp: Step.UP,
    Action.MoveNext: Step.NEXT,
    Action.MovePrevious: Step.PREVIOUS,
    Action.MoveLeft: Step.LEFT,
    Action.MoveRight: Step.RIGHT,
}
_MAX_REASONS = 6
READ_ONLY_NOTICE = "此处是表头或项目名称，不能填写；请用 Enter、Tab 或方向键移到数字单元格"


class CellDelegate(QStyledItemDelegate):
    """Right-aligned editor; Enter/Tab commit and move; Ctrl+Enter fills the selection."""

    def __init__(
        self,
        on_commit_move: Callable[[QAbstractItemView.CursorAction], None],
        on_fill: Callable[[str], object],
    ) -> None:
        super().__init__()
        self._on_commit_move = on_commit_move
        self._on_fill = on_fill
        self.show_previous = False  # last year's value on a second line (the 显示上年数 toggle)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setFrame(False)
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            assert isinstance(event, QKeyEvent)
            key, modifiers = Qt.Key(event.key()), event.modifiers()
            if key in _ENTER_KEYS and modifiers & Qt.KeyboardModifier.ControlModifier:
                # Excel's Ctrl+Enter: the typed value goes into every selected cell.
                text = editor.text()
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
                self._on_fill(text)
                return True
            move = _MOVES.get(key)
            if key in _ENTER_KEYS and modifiers & Qt.KeyboardModifier.ShiftModifier:
                move = Action.MoveUp
            if move is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self._on_commit_move(move)
                return True
        return super().eventFilter(editor, event)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hint = index.data(PREVIOUS_ROLE) if self.show_previous else None
        if hint:
            self._paint_with_previous(painter, option, index, str(hint))
        else:
            super().paint(painter, option, index)
        if index.data(STATE_ROLE) == "flagged":
            # A corner mark, so a flagged cell stands out even when selected.
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e08a00"))
            r = option.rect.topRight()
            painter.drawPolygon([r, r + QPoint(-7, 0), r + QPoint(0, 7)])
            painter.restore()

    def _paint_with_previous(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index, hint: str
    ) -> None:
        """This year's value on the first line, last year's in grey on its own line below:
        the two never share a line, whatever their number of digits."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        value = opt.text
        opt.text = ""  # background, selection and focus frame as usual; the text is ours
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        area = opt.rect.adjusted(4, 1, -4, -1)
        half = area.height() // 2
        first = QRect(area.left(), area.top(), area.width(), half)
        second = QRect(area.left(), area.top() + half, area.width(), area.height() - half)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        painter.save()
        painter.setFont(opt.font)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText))
        elif isinstance(foreground, QBrush):
            painter.setPen(foreground.color())
        else:
            painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
        painter.drawText(first, right, value)
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.85, 7.0))
        painter.setFont(small)
        painter.setPen(QColor("#e8ecf2") if selected else QColor("#6b6b6b"))
        painter.drawText(second, right, _fitting(hint, QFontMetrics(small), second.width()))
        painter.restore()


def _fitting(hint: str, metrics: QFontMetrics, width: int) -> str:
    """ "上年：30010" if it fits, else the number alone, else elided."""
    if metrics.horizontalAdvance(hint) <= width:
        return hint
    number = hint.split("：", 1)[-1]
    if metrics.horizontalAdvance(number) <= width:
        return number
    return metrics.elidedText(number, Qt.TextElideMode.ElideLeft, width)


class ReportTableView(QTableView):
    """A `ReportTableModel` drawn like the paper form, edited like a spreadsheet."""

    input_refused = Signal(str)  # a typed or pasted value was not taken; the message says why
    notice = Signal(str)  # a word for the status bar (typing on a label cell, a fill)

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._refused = False
        # The header rows (表三's 申请人情况 …) stay in sight on a long table; 表二 has none.
        self.frozen_header: FrozenHeaderView | None = None
        self.widths = grid_fit.SHAPE_WIDTHS[model.table.shape]
        self.setModel(model)
        self.cell_delegate = CellDelegate(self._commit_move, self.fill_selection_with)
        self.setItemDelegate(self.cell_delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._apply_spans()
        self.refit()
        if model.layout.header_row_count:
            # By pixel, so the body slides under the frozen rows instead of jumping by rows.
            self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            self.frozen_header = FrozenHeaderView(self, model)
        self._connect_signals()

    def model(self) -> ReportTableModel:
        model = super().model()
        assert isinstance(model, ReportTableModel)
        return model

    def _connect_signals(self) -> None:
        self.model().input_refused.connect(self._refuse)

    def _apply_spans(self) -> None:
        for cell in self.model().layout.spans:
            self.setSpan(cell.row, cell.column, cell.row_span, cell.column_span)

    # ------------------------------------------------------------------ frozen header rows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.refit()
        if self.frozen_header is not None:
            self.frozen_header.follow_main()

    def refit(self) -> None:
        """Columns to the width the view has, rows to their wrapped labels (see grid_fit)."""
        layout = self.model().layout
        grid_fit.fit_columns_to(self, layout, self.widths)
        grid_fit.fit_rows(self, layout, 2 if self.cell_delegate.show_previous else 1)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.frozen_header is not None:
            self.frozen_header.follow_main()

    def scrollTo(
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        super().scrollTo(index, hint)
        frozen = self.frozen_header
        if frozen is None or not index.isValid() or index.row() < frozen.rows:
            return
        # A body cell that scrolled up under the frozen rows is brought out below them.
        covered = frozen.covered_height() - self.visualRect(index).top()
        if covered > 0:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - covered)

    # ------------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers:
            self.clear_selection()
        elif key in _ENTER_KEYS and ctrl:
            self.fill_selection_with(self.model().display_text(*self._current_anchor()))
        elif key in _ENTER_KEYS:
            shift = modifiers & Qt.KeyboardModifier.ShiftModifier
            self._move(Action.MoveUp if shift else Action.MoveDown)
        elif self._typed_on_read_only(event):
            # Not passed on: the view's keyboard search would jump to a label starting with the
            # typed digit, and the digit would vanish without a word.
            self.notice.emit(READ_ONLY_NOTICE)
        else:
            super().keyPressEvent(event)

    def _typed_on_read_only(self, event: QKeyEvent) -> bool:
        text = event.text()
        if not text or not text.isprintable() or text.isspace():
            return False
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        current = self.currentIndex()
        return current.isValid() and not (self.model().flags(current) & Qt.ItemFlag.ItemIsEditable)

    def _current_anchor(self) -> tuple[int, int]:
        current = self.currentIndex()
        cell = self.model().layout.cell_at(current.row(), current.column())
        return (cell.row, cell.column) if cell is not None else (current.row(), current.column())

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        step = _STEPS.get(cursorAction)
        current = self.currentIndex()
        if step is None or not current.isValid():
            return super().moveCursor(cursorAction, modifiers)
        target = step_from(self.model().layout, current.row(), current.column(), step)
        if target is None:
            return current  # nowhere to go in that direction: stay
        return self.model().index(*target)

    def _commit_move(self, action: QAbstractItemView.CursorAction) -> None:
        if self._refused:
            self._refused = False
            return  # the value was not taken: stay on the cell
        self._move(action)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self.setCurrentIndex(target)

    def fill_selection_with(self, text: str) -> bool:
        """Ctrl+Enter: `text` into every selected cell that takes a value, as one undo step."""
        refs = self.selected_refs()
        if not refs:
            return False
        model = self.model()
        if len(refs) == 1:
            return model.setData(model.index_of(refs[0]), text)
        return self.paste_grid([[text]])

    def set_show_previous(self, show: bool) -> None:
        """The 显示上年数 toggle: last year's value on a line of its own under this year's."""
        self.cell_delegate.show_previous = show
        grid_fit.fit_rows(self, self.model().layout, 2 if show else 1)
        self.viewport().update()

    def _refuse(self, message: str) -> None:
        self._refused = True
        self.input_refused.emit(message)

    # ------------------------------------------------------------------ selection helpers

    def selected_refs(self) -> list[CellRef]:
        model = self.model()
        refs: list[CellRef] = []
        for index in self.selectionModel().selectedIndexes():
            ref = model.ref_at(index.row(), index.column())
            if ref is not None and ref not in refs:
                refs.append(ref)
        return refs

    def select_refs(self, refs: list[CellRef]) -> None:
        """Makes `refs` the selection, the first one current, and scrolls to it."""
        model = self.model()
        selection = QItemSelection()
        indexes = [model.index_of(r) for r in refs if r in model.table.cell_set]
        for index in indexes:
            selection.select(index, index)
        if not indexes:
            return
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().setCurrentIndex(
            indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate
        )
        self.selectionModel().select(selection, flags)
        self.scrollTo(indexes[0])

    def cell_on_screen(self, ref: CellRef) -> QRect | None:
        """Where the cell `ref` is drawn, in screen coordinates; None if this table lacks it or
        it is scrolled out of sight."""
        model = self.model()
        if ref not in model.table.cell_set:
            return None
        rect = self.visualRect(model.index_of(ref)).intersected(self.viewport().rect())
        if rect.isEmpty():
            return None
        return QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def _bounds(self) -> tuple[int, int, int, int] | None:
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            current = self.currentIndex()
            if not current.isValid():
                return None
            indexes = [current]
        rows = [i.row() for i in indexes]
        columns = [i.column() for i in indexes]
        return min(rows), min(columns), max(rows), max(columns)

    # ------------------------------------------------------------------ gestures

    def clear_selection(self) -> bool:
        refs = self.selected_refs()
        return self.model().document.push_cells(dict.fromkeys(refs), f"清除 {len(refs)} 个单元格")

    def copy_selection(self) -> None:
        bounds = self._bounds()
        if bounds is None:
            return
        top, left, bottom, right = bounds
        model = self.model()
        grid = [
            [model.display_text(r, c) for c in range(left, right + 1)]
            for r in range(top, bottom + 1)
        ]
        spans = {
            (cell.row - top, cell.column - left): (
                min(cell.row_span, bottom - cell.row + 1),
                min(cell.column_span, right - cell.column + 1),
            )
            for cell in model.layout.spans
            if top <= cell.row <= bottom and left <= cell.column <= right
        }
        mime = QMimeData()
        mime.setText(to_tsv(grid))
        mime.setHtml(to_html(grid, spans))
        mime.setData(OUR_CELLS_FORMAT, b"1")
        QGuiApplication.clipboard().setMimeData(mime)

    def paste_clipboard(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        grid = parse_html_table(mime.html()) if mime.hasHtml() else None
        if grid is None and mime.hasText():
            grid = parse_tsv(mime.text())
        if not grid:
            return False
        return self.paste_grid(grid)

    def paste_grid(self, grid: Grid) -> bool:
        """Applies a block at the current cell, whole or not at all (one undo step)."""
        model = self.model()
        form = model.document.form
        changes: dict[CellRef, int | float | None] = {}
        reasons: list[str] = []
        targets = self._paste_targets(grid)
        for (i, j, text), ref in targets:
            if ref is None:
                if text.strip():
                    reasons.append(f"第 {i + 1} 行第 {j + 1} 列的“{text}”落在可填写的单元格之外")
                continue
            try:
                changes[ref] = parse_cell_text(text, model.kind(ref))
            except ValueInputError as e:
                reasons.append(f"{form.cell_name(ref)}：{e.message}")
        if reasons:
            extra = len(reasons) - _MAX_REASONS
            more = f"\n……另有 {extra} 处" if extra > 0 else ""
            self._refuse(
                "粘贴未执行（整块粘贴要么全部填入，要么一个也不填）：\n"
                + "\n".join(reasons[:_MAX_REASONS])
                + more
            )
            return False
        if not changes:
            return False
        rows, columns = len(grid), max(len(r) for r in grid)
        if not model.document.push_cells(changes, f"粘贴 {rows}×{columns} 的数据块"):
            return False  # the block equals what is there: no undo step
        self.select_refs(list(changes))
        return True

    def _paste_targets(self, grid: Grid) -> list[tuple[tuple[int, int, str], CellRef | None]]:
        model = self.model()
        selected = self.selected_refs()
        if len(grid) == 1 and len(grid[0]) == 1 and len(selected) > 1:
            # One value onto a selection fills every selected cell, as in Excel.
            return [((0, 0, grid[0][0]), ref) for ref in selected]
        bounds = self._bounds()
        if bounds is None:
            return []
        top, left = bounds[0], bounds[1]
        layout = model.layout
        out: list[tuple[tuple[int, int, str], CellRef | None]] = []
        for i, row in enumerate(grid):
            column = left
            for j, text in enumerate(row):
                cell = layout.cell_at(top + i, column)
                if cell is None or cell.role is not CellRole.VALUE:
                    out.append(((i, j, text), None))
                    column += 1
                    continue
                out.append(((i, j, text), cell.ref))
                # A value merged across several columns (表二) takes one pasted value.
                column = cell.column + cell.column_span
        return out

    # ------------------------------------------------------------------ menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction("复制", QKeySequence(QKeySequence.StandardKey.Copy), self.copy_selection)
        menu.addAction("粘贴", QKeySequence(QKeySequence.StandardKey.Paste), self.paste_clipboard)
        menu.addAction("清除", QKeySequence(Qt.Key.Key_Delete), self.clear_selection)
        menu.addSeparator()
        document = self.model().document
        refs = self.selected_refs()
        totals = {r for r in refs if r in self.model().table.total_cells}
        fill = menu.addAction("按明细填写所选合计", lambda: document.fill_totals(totals))
        fill.setEnabled(bool(totals))
        confirm = menu.addAction("确认所选导入值", lambda: document.confirm_cells(refs))
        confirm.setEnabled(bool(set(refs) & document.flagged()))
        menu.exec(event.globalPos())

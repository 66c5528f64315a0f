"""One table of the form as a Qt model, laid out like the paper form by `table_layout()`.

Header and label cells are read-only model cells; value cells read from and write to the report
through the document, so typing, paste and undo share one path.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from editor.domain.checks import RULES, SEVERITY_NAMES, Finding
from editor.domain.errors import ValueInputError
from editor.domain.forms import CellRef, TableDef
from editor.domain.layout import CellRole, LayoutCell, TableLayout, table_layout
from editor.domain.values import INVALID_SHOWN, format_value, parse_cell_text
from editor.ui.document import ReportDocument

Index = QModelIndex | QPersistentModelIndex

# Custom roles the delegate reads.
PREVIOUS_ROLE = Qt.ItemDataRole.UserRole + 1  # "上年：27", drawn as a grey hint
STATE_ROLE = Qt.ItemDataRole.UserRole + 2  # "error" | "warning" | "blank" | "flagged" | ""
REF_ROLE = Qt.ItemDataRole.UserRole + 3  # the CellRef of a value cell

HEADER_BRUSH = QBrush(QColor("#eef1f5"))
TOTAL_BRUSH = QBrush(QColor("#e6effa"))
STATE_BRUSHES = {
    "error": QBrush(QColor("#f9c9c9")),
    "warning": QBrush(QColor("#fdf0c2")),
    "flagged": QBrush(QColor("#ffd98a")),
    "blank": QBrush(QColor("#f7f7f2")),
}
ERROR_TEXT = QBrush(QColor("#a10000"))

_ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LABEL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_HEADER = Qt.AlignmentFlag.AlignCenter


class ReportTableModel(QAbstractTableModel):
    """The grid of one `TableDef`; `input_refused(message)` when typed text is not a value."""

    input_refused = Signal(str)

    def __init__(self, document: ReportDocument, table: TableDef) -> None:
        super().__init__(document)
        self.document = document
        self.table = table
        self.layout: TableLayout = table_layout(table)
        self._bold = QFont()
        self._bold.setBold(True)
        self._findings: dict[CellRef, list[Finding]] = {}
        self._index_findings(document.findings)
        document.cells_changed.connect(self._cells_changed)
        document.flags_changed.connect(self._cells_changed)
        document.findings_changed.connect(self._findings_changed)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.column_count

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        cell = self.layout.cell_at(index.row(), index.column())
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if cell is not None and cell.role is CellRole.VALUE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        try:
            cell = self.layout.anchor_at(index.row(), index.column())
            if cell is None:
                return None  # covered by a merged cell
            if cell.ref is None:
                return self._fixed_data(cell, role)
            return self._value_data(cell.ref, role)
        except Exception:
            # Qt calls this from paint code, where an exception can take the window down (seen:
            # a segfault). Whatever a value is, the cell shows as broken, never as a crash.
            return _broken_cell_data(role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.ref_at(index.row(), index.column())
        if ref is None:
            return False
        try:
            parsed = parse_cell_text(str(value if value is not None else ""), self.kind(ref))
        except ValueInputError as e:
            self.input_refused.emit(f"{self.document.form.cell_name(ref)}：{e.message}")
            return False
        self.document.push_cells({ref: parsed}, f"输入 {self.table.cell_name(ref)}")
        return True

    # ------------------------------------------------------------------ helpers for the view

    def ref_at(self, row: int, column: int) -> CellRef | None:
        return self.layout.ref_at(row, column)

    def kind(self, ref: CellRef) -> Any:
        return self.table.kind_of(ref)

    def index_of(self, ref: CellRef) -> QModelIndex:
        row, column = self.layout.position_of(ref)
        return self.index(row, column)

    def display_text(self, row: int, column: int) -> str:
        """The text a copy takes: the value or the label, "" for covered parts of a merge."""
        cell = self.layout.anchor_at(row, column)
        if cell is None:
            return ""
        if cell.ref is None:
            return cell.text
        return format_value(self.document.report.get(cell.ref))  # never raises

    # ------------------------------------------------------------------ roles

    def _fixed_data(self, cell: LayoutCell, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role is CellRole.LABEL or cell.role is CellRole.BLOCK_HEADING:
                return int(_ALIGN_LABEL)
            return int(_ALIGN_HEADER)
        if role == Qt.ItemDataRole.BackgroundRole and cell.role is not CellRole.LABEL:
            return HEADER_BRUSH
        if role == Qt.ItemDataRole.FontRole and cell.role in (
            CellRole.HEADER,
            CellRole.BLOCK_HEADING,
        ):
            return self._bold
        return None

    def _value_data(self, ref: CellRef, role: int) -> Any:
        report = self.document.report
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return format_value(report.get(ref))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_ALIGN_NUMBER)
        if role == STATE_ROLE:
            return self._state(ref)
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self._state(ref)
            if state:
                return STATE_BRUSHES[state]
            return TOTAL_BRUSH if ref in self.table.total_cells else None
        if role == Qt.ItemDataRole.ForegroundRole and self._state(ref) == "error":
            return ERROR_TEXT
        if role == Qt.ItemDataRole.FontRole and ref in self.table.total_cells:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ref)
        if role == PREVIOUS_ROLE:
            last = report.previous_value(ref)
            return None if last is None else f"上年：{format_value(last)}"
        if role == REF_ROLE:
            return ref
        return None

    def _state(self, ref: CellRef) -> str:
        found = self._findings.get(ref, [])
        if any(f.is_error for f in found):
            return "error"
        if ref.key in self.document.report.flagged_cells:
            return "flagged"
        if any(f.rule != "value.blank" for f in found):
            return "warning"
        if found:
            return "blank"
        return ""

    def _tooltip(self, ref: CellRef) -> str:
        lines = [self.document.form.cell_name(ref)]
        if ref in self.table.total_cells:
            lines.append("合计单元格（可用“按明细填写合计”）")
        for f in self._findings.get(ref, []):
            rule = RULES[f.rule]
            lines.append(f"【{SEVERITY_NAMES[f.severity]}】{rule.title}")
            if f.rule == "value.blank":
                lines.append("空白不等于 0；没有发生请填 0")
                continue
            if f.expected is not None:
                lines.append(f"应为：{_show(f.expected)}　实为：{_show(f.actual)}")
            lines.append(f.message)
        if ref.key in self.document.report.flagged_cells:
            lines.append("【待确认】导入时未能确定此值，请核对后“确认”")
        last = self.document.report.previous_value(ref)
        if last is not None:
            lines.append(f"上年：{format_value(last)}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ reactions

    def _index_findings(self, findings: list[Finding]) -> None:
        by_cell: dict[CellRef, list[Finding]] = {}
        for f in findings:
            # A sum or balance finding is about its first cell; the rest are its parts.
            targets = f.cells if f.rule == "value.blank" else f.cells[:1]
            for ref in targets:
                if ref.table == self.table.key:
                    by_cell.setdefault(ref, []).append(f)
        self._findings = by_cell

    def _findings_changed(self, findings: list[Finding]) -> None:
        before = self._findings
        self._index_findings(findings)
        touched = {
            r for r in set(before) | set(self._findings) if before.get(r) != self._findings.get(r)
        }
        self._emit_changed(touched)

    def _cells_changed(self, refs: frozenset[CellRef]) -> None:
        self._emit_changed({r for r in refs if r.table == self.table.key})

    def _emit_changed(self, refs: set[CellRef]) -> None:
        if not refs:
            return
        positions = [self.layout.position_of(r) for r in refs if r in self.table.cell_set]
        if not positions:
            return
        rows = [p[0] for p in positions]
        columns = [p[1] for p in positions]
        # One bounding-box signal: a paste of 175 cells is one repaint, not 175.
        self.dataChanged.emit(
            self.index(min(rows), min(columns)),
            self.index(max(rows), max(columns)),
        )


def _show(value: object) -> str:
    if value is None:
        return "空白"
    if isinstance(value, int | float):
        return format_value(value)
    return str(value)


def _broken_cell_data(role: int) -> Any:
    if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
        return INVALID_SHOWN
    if role == STATE_ROLE:
        return "error"
    if role == Qt.ItemDataRole.BackgroundRole:
        return STATE_BRUSHES["error"]
    if role == Qt.ItemDataRole.ForegroundRole:
        return ERROR_TEXT
    if role == Qt.ItemDataRole.ToolTipRole:
        return "此单元格的值无效，无法显示；请重新填写"
    return None

"""The findings list: every broken rule across the tabs, with its severity; a click goes there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from editor.domain.checks import SEVERITY_NAMES, Finding
from editor.domain.forms import FormDef

_SEVERITY_COLOURS = {"error": QColor("#b00020"), "warning": QColor("#8a6d00")}


def finding_place(form: FormDef, finding: Finding) -> str:
    """Where a finding is, in the clerk's words: a cell, a section, or the report."""
    if finding.rule == "value.blank" and finding.cells:
        return form.table(finding.cells[0].table).number
    if finding.cells:
        return form.cell_name(finding.cells[0])
    if finding.span is not None:
        for section in form.sections:
            if any(p.key == finding.span.prose for p in section.prose):
                return section.title
        return "正文"
    return "基本信息"


class FindingsPanel(QTreeWidget):
    """Lists findings; `finding_activated(Finding)` when the clerk clicks one or presses Enter."""

    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["级别", "位置", "说明"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 220)
        self.findings: list[Finding] = []
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)

    def show_findings(self, form: FormDef, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.clear()
        items = []
        for i, f in enumerate(findings):
            item = QTreeWidgetItem([SEVERITY_NAMES[f.severity], finding_place(form, f), f.message])
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            item.setForeground(0, QBrush(_SEVERITY_COLOURS[f.severity.value]))
            item.setToolTip(2, f.message)
            items.append(item)
        self.addTopLevelItems(items)

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if (
                item is not None
                and self.findings[item.data(0, Qt.ItemDataRole.UserRole)] == finding
            ):
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.finding_activated.emit(self.findings[item.data(0, Qt.ItemDataRole.UserRole)])

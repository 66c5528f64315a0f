"""The findings list: every broken rule across the tabs, with its severity; a click goes there.

While a fresh report is being filled, one total not yet typed breaks its row sum, its column sum
and the balance at once. Findings that only stem from blank totals are shown as one entry per
table ("表三：3 个合计尚未填写…"), which opens to the single findings; the rest are listed one by
one.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from editor.domain.checks import SEVERITY_NAMES, Finding
from editor.domain.forms import CellRef, FormDef
from editor.domain.model import Report

_SEVERITY_COLOURS = {"error": QColor("#b00020"), "warning": QColor("#8a6d00")}
_RELATION_RULES = frozenset(
    {"requests.row_total", "requests.results_sum", "requests.balance", "appeals.total"}
)
BLANK_TOTALS_RULE = "requests.row_total"  # the rule a grouped entry is shown with (an error)


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


class Entry(NamedTuple):
    """One line of the panel: a finding, or a table's findings that stem from blank totals."""

    finding: Finding
    members: tuple[Finding, ...] = ()  # for a group: the findings it stands for
    blank_totals: tuple[CellRef, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.members)


def _blank_totals_of(finding: Finding, form: FormDef, report: Report) -> tuple[CellRef, ...]:
    if finding.rule not in _RELATION_RULES or not finding.cells:
        return ()
    totals = form.table(finding.cells[0].table).total_cells
    return tuple(c for c in finding.cells if c in totals and report.get(c) is None)


def panel_entries(form: FormDef, findings: list[Finding], report: Report | None) -> list[Entry]:
    """The panel's lines: findings in order, a table's blank-total findings folded into one."""
    if report is None:
        return [Entry(f) for f in findings]
    stemming: dict[str, list[tuple[Finding, tuple[CellRef, ...]]]] = {}
    for f in findings:
        blanks = _blank_totals_of(f, form, report)
        if blanks:
            stemming.setdefault(f.cells[0].table, []).append((f, blanks))
    grouped = {t: members for t, members in stemming.items() if len(members) > 1}
    entries: list[Entry] = []
    placed: set[str] = set()
    for f in findings:
        table = f.cells[0].table if f.cells else ""
        if table not in grouped or f not in [m for m, _b in grouped[table]]:
            entries.append(Entry(f))
            continue
        if table in placed:
            continue
        placed.add(table)
        members = grouped[table]
        blanks = tuple(dict.fromkeys(c for _m, b in members for c in b))
        number = form.table(table).number
        message = (
            f"{number}：{len(blanks)} 个合计尚未填写，{len(members)} 处勾稽关系因此暂不成立。"
            "填完明细后可用“按明细填写合计”（Ctrl+Shift+T）一次填好。"
        )
        summary = Finding(BLANK_TOTALS_RULE, message, blanks)
        entries.append(Entry(summary, tuple(m for m, _b in members), blanks))
    return entries


class FindingsPanel(QTreeWidget):
    """Lists findings; `finding_activated(Finding)` when the clerk clicks one or presses Enter."""

    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["级别", "位置", "说明"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(1, 220)
        self.findings: list[Finding] = []
        self.entries: list[Entry] = []
        self._shown: list[Finding] = []  # what each item's index points at
        self.itemClicked.connect(self._activated)
        self.itemActivated.connect(self._activated)

    def show_findings(
        self, form: FormDef, findings: list[Finding], report: Report | None = None
    ) -> list[Entry]:
        self.findings = list(findings)
        self.entries = panel_entries(form, self.findings, report)
        self._shown = []
        self.clear()
        items = []
        for entry in self.entries:
            item = self._item(form, entry.finding)
            if entry.is_group:
                item.setText(1, form.table(entry.blank_totals[0].table).number)
                item.addChildren([self._item(form, m) for m in entry.members])
            items.append(item)
        self.addTopLevelItems(items)
        return self.entries

    def _item(self, form: FormDef, finding: Finding) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [SEVERITY_NAMES[finding.severity], finding_place(form, finding), finding.message]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, len(self._shown))
        self._shown.append(finding)
        item.setForeground(0, QBrush(_SEVERITY_COLOURS[finding.severity.value]))
        item.setToolTip(2, finding.message)
        return item

    def item_for(self, finding: Finding) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if top is None:
                continue
            for item in (top, *(top.child(j) for j in range(top.childCount()))):
                if (
                    item is not None
                    and self._shown[item.data(0, Qt.ItemDataRole.UserRole)] == finding
                ):
                    if item is not top and not top.isExpanded():
                        top.setExpanded(True)
                    return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.finding_activated.emit(self._shown[item.data(0, Qt.ItemDataRole.UserRole)])

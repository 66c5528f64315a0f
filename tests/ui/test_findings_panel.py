"""While a fresh report is being filled, totals not yet typed give one entry per table, not one
error per broken relation; a click on it selects those totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.domain.model import new_report
from editor.ui.findings_panel import panel_entries
from editor.ui.main_window import MainWindow

PARTS = ("natural", "business", "research", "social", "legal", "other_org")


def _filling(window: MainWindow) -> None:
    """A fresh 表三 with its detail typed and its totals not yet."""
    window.new_report(2025)
    doc = window.document
    assert doc is not None
    table = doc.form.table("requests")
    values = {r: 0 for r in table.cells if r not in table.total_cells}
    values[CellRef("requests", "received", "natural")] = 5
    values[CellRef("requests", "disclosed", "natural")] = 5
    doc.push_cells(values, "t")


def test_findings_panel_blank_totals_are_one_entry_per_table(window: MainWindow) -> None:
    _filling(window)
    doc = window.document
    assert doc is not None
    relation_errors = [f for f in doc.findings if f.is_error]
    assert len(relation_errors) >= 4  # each blank total breaks several relations
    panel = window.findings_panel
    groups = [e for e in panel.entries if e.is_group]
    assert len(groups) == 1
    group = groups[0]
    assert set(group.members) == set(relation_errors)
    assert "表三" in group.finding.message and "合计尚未填写" in group.finding.message
    tab = 1 + [t.section.key for t in window.section_tabs].index("requests")
    assert window.tabs.tabText(tab) == "三、依申请公开（2）"  # the group and 表三 blank cells
    # A click on it selects the blank totals in 表三.
    item = panel.topLevelItem(panel.entries.index(group))
    assert item is not None and item.childCount() == len(group.members)
    QTest.mouseClick(
        panel.viewport(), Qt.MouseButton.LeftButton, pos=panel.visualItemRect(item).center()
    )
    view = window.current_table_view()
    assert view is not None and view.model().table.key == "requests"
    assert set(view.selected_refs()) == set(group.blank_totals)
    # Filled, the group goes and nothing is left.
    window.fill_totals()
    assert not [e for e in window.findings_panel.entries if e.is_group]
    assert not [f for f in doc.findings if f.is_error]


def test_findings_panel_a_wrong_total_is_not_folded_away() -> None:
    report = new_report(2025)
    table = report.form.table("appeals")
    for ref in table.cells:
        report.set(ref, 1)  # every total wrong (1 instead of 4), none blank
    entries = panel_entries(report.form, check_report(report), report)
    assert not [e for e in entries if e.is_group]
    assert len([e for e in entries if e.finding.rule == "appeals.total"]) == 3

"""One tab per section of the report: its official title, its prose, and its table if it has one.

Above a table the prose folds away (a bar with 展开/收起 and the character count), so that on a
768-pixel-high screen the table gets the room; the tab's short title leaves the full official
title to the page heading.

A tab builds its widgets when first shown (or first asked for them): opening a report then
builds only the tab in view, which is most of the window's start-up work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.domain.checks import Finding
from editor.domain.forms import ProseField, SectionDef
from editor.ui.copied_prose import COPIED_RULE
from editor.ui.document import ReportDocument

if TYPE_CHECKING:
    # The editors' and the grid's modules load with the first section tab shown (the window
    # opens on 基本信息).
    from editor.ui.prose_editor import ProseFieldEditor
    from editor.ui.table_view import ReportTableView

PROSE_HEIGHT = 130  # the unfolded prose above a table, in pixels at 100 %


class SectionTab(QWidget):
    """Prose editors (and the table view) of one `SectionDef`."""

    grid_built = Signal(object)  # the ReportTableView, once the tab has built it

    def __init__(
        self,
        document: ReportDocument,
        section: SectionDef,
        lead: tuple[ProseField, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.section = section
        self._lead = lead
        # `lead`: the report's opening paragraph, which precedes section 一 on paper.
        self.prose_keys: tuple[str, ...] = tuple(f.key for f in (*lead, *section.prose))
        self._built = False
        self._editors: dict[str, ProseFieldEditor] = {}
        self._table_view: ReportTableView | None = None
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._fold_wanted = False
        self.heading = QLabel(section.title)
        self.prose_scroll: QScrollArea | None = None
        self.fold_button: QToolButton | None = None
        self.prose = QWidget()

    @property
    def editors(self) -> dict[str, ProseFieldEditor]:
        self.build()
        return self._editors

    @property
    def table_view(self) -> ReportTableView | None:
        self.build()
        return self._table_view

    @property
    def built_grid(self) -> ReportTableView | None:
        """The table view if the tab has been built (never builds it)."""
        return self._table_view

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)

    def build(self) -> None:
        """Makes the tab's widgets (once)."""
        if self._built:
            return
        self._built = True
        from editor.ui.prose_editor import ProseFieldEditor

        document, section = self.document, self.section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold; padding: 2px 0;")
        prose_layout = QVBoxLayout(self.prose)
        prose_layout.setContentsMargins(0, 0, 0, 0)
        for field in (*self._lead, *section.prose):
            lead = field in self._lead
            heading = field.heading or ("开头语（正文之前的段落，可不填）" if lead else "")
            editor = ProseFieldEditor(document, field.key, heading)
            editor.highlight(self._spans.get(field.key, []))
            self._editors[field.key] = editor
            prose_layout.addWidget(editor, 1)
        if section.table is None:
            layout.addWidget(self.heading)
            if len(self._editors) > 1:
                for editor in self._editors.values():
                    editor.editor.setMinimumHeight(150)
                self.prose_scroll = QScrollArea()
                self.prose_scroll.setWidgetResizable(True)
                self.prose_scroll.setWidget(self.prose)
                layout.addWidget(self.prose_scroll, 1)
            else:
                layout.addWidget(self.prose, 1)
            return
        for editor in self._editors.values():
            editor.editor.setMinimumHeight(60)
        self.prose.setMaximumHeight(PROSE_HEIGHT)
        from editor.ui.table_model import ReportTableModel
        from editor.ui.table_view import ReportTableView

        table = document.form.table(section.table)
        self._table_view = ReportTableView(ReportTableModel(document, table))
        self.fold_button = QToolButton()
        self.fold_button.setCheckable(True)
        self.fold_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fold_button.setAutoRaise(True)
        self.fold_button.toggled.connect(self._set_unfolded)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.fold_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.prose)
        layout.addWidget(self._table_view, 1)
        document.prose_changed.connect(lambda _key: self._label_fold())
        self.set_prose_folded(self._fold_wanted)
        self.grid_built.emit(self._table_view)

    # ------------------------------------------------------------------ folding

    @property
    def prose_folded(self) -> bool:
        return self.fold_button is not None and not self.fold_button.isChecked()

    def set_prose_folded(self, folded: bool) -> None:
        """Folds the prose above the table away (or shows it again)."""
        self._fold_wanted = folded
        if self.fold_button is None:
            return
        self.fold_button.setChecked(not folded)
        self._set_unfolded(not folded)

    def _set_unfolded(self, unfolded: bool) -> None:
        self.prose.setVisible(unfolded)
        self._label_fold()

    def _label_fold(self) -> None:
        if self.fold_button is None:
            return
        text = "".join(e.text() for e in self._editors.values())
        count = len("".join(text.split()))
        if self.fold_button.isChecked():
            self.fold_button.setText("收起表前文字")
            self.fold_button.setArrowType(Qt.ArrowType.UpArrow)
        else:
            self.fold_button.setText(
                f"展开表前文字（{count} 字）" if count else "展开表前文字（空）"
            )
            self.fold_button.setArrowType(Qt.ArrowType.DownArrow)

    # ------------------------------------------------------------------ findings

    def show_findings(self, findings: list[Finding]) -> None:
        """Highlights the prose ranges findings point at (kept for when the tab is built)."""
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in self.prose_keys}
        for f in findings:
            # Copied prose is marked sentence by sentence by its editor, not as one range.
            if f.span is not None and f.span.prose in spans and f.rule != COPIED_RULE:
                spans[f.span.prose].append((f.span.start, f.span.end))
        self._spans = spans
        for key, editor in self._editors.items():
            editor.highlight(spans[key])

    def owns(self, finding: Finding) -> bool:
        if finding.cells and self.section.table is not None:
            return finding.cells[0].table == self.section.table
        return finding.span is not None and finding.span.prose in self.prose_keys

    def reveal_prose(self, key: str, start: int, end: int) -> None:
        """Selects start..end in the prose field `key` and brings it into sight: unfolds the
        prose above a table, and scrolls the section's scroll area to the selected line."""
        editor = self.editors[key]
        if self.prose_folded:
            self.set_prose_folded(False)
        editor.select_range(start, end)
        if self.prose_scroll is not None:
            self.prose_scroll.ensureWidgetVisible(editor.editor, 0, 40)
            rect = editor.editor.cursorRect()
            inner = self.prose_scroll.widget()
            assert inner is not None
            place = editor.editor.viewport().mapTo(inner, rect.center())
            self.prose_scroll.ensureVisible(place.x(), place.y(), 20, rect.height() + 20)

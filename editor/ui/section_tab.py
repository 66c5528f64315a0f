"""One tab per section of the report: its official title, its prose, and its table if it has one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from editor.domain.checks import Finding
from editor.domain.forms import ProseField, SectionDef, TableShape
from editor.ui.copied_prose import COPIED_RULE
from editor.ui.document import ReportDocument
from editor.ui.prose_editor import ProseFieldEditor
from editor.ui.table_model import ReportTableModel
from editor.ui.table_view import ReportTableView, fit_columns, fit_rows

# Column widths (px) by table shape: label columns, then each number column.
_WIDTHS: dict[TableShape, tuple[list[int], int]] = {
    TableShape.GRID: ([64, 104, 330], 80),
    TableShape.BLOCKS: ([190], 170),
    TableShape.STRIP: ([], 70),
}


class SectionTab(QWidget):
    """Prose editors (and the table view) of one `SectionDef`."""

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel(section.title)
        title.setStyleSheet("font-size: 16px; font-weight: bold; padding: 2px 0 4px 0;")
        layout.addWidget(title)
        self.editors: dict[str, ProseFieldEditor] = {}
        prose = QWidget()
        prose_layout = QVBoxLayout(prose)
        prose_layout.setContentsMargins(0, 0, 0, 0)
        # `lead`: the report's opening paragraph, which precedes section 一 on paper.
        for field in (*lead, *section.prose):
            heading = field.heading or ("开头语（正文之前的段落，可不填）" if field in lead else "")
            editor = ProseFieldEditor(document, field.key, heading)
            self.editors[field.key] = editor
            prose_layout.addWidget(editor, 1)
        self.table_view: ReportTableView | None = None
        if section.table is None:
            if len(self.editors) > 1:
                for editor in self.editors.values():
                    editor.editor.setMinimumHeight(150)
                scroll = QScrollArea()
                scroll.setWidgetResizable(True)
                scroll.setWidget(prose)
                layout.addWidget(scroll, 1)
            else:
                layout.addWidget(prose, 1)
            return
        table = document.form.table(section.table)
        model = ReportTableModel(document, table)
        self.table_view = ReportTableView(model)
        labels, value = _WIDTHS[table.shape]
        fit_columns(self.table_view, labels, value)
        fit_rows(self.table_view, 26)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(prose)
        caption = QLabel(f"{table.number}")
        caption.setStyleSheet("color: #555;")
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(2)
        holder_layout.addWidget(caption)
        holder_layout.addWidget(self.table_view, 1)
        splitter.addWidget(holder)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([150, 600])
        layout.addWidget(splitter, 1)

    def show_findings(self, findings: list[Finding]) -> None:
        """Highlights the prose ranges findings point at."""
        spans: dict[str, list[tuple[int, int]]] = {k: [] for k in self.editors}
        for f in findings:
            # Copied prose is marked sentence by sentence by its editor, not as one range.
            if f.span is not None and f.span.prose in spans and f.rule != COPIED_RULE:
                spans[f.span.prose].append((f.span.start, f.span.end))
        for key, editor in self.editors.items():
            editor.highlight(spans[key])

    def owns(self, finding: Finding) -> bool:
        if finding.cells and self.section.table is not None:
            return finding.cells[0].table == self.section.table
        return finding.span is not None and finding.span.prose in self.editors

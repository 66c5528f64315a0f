"""Where in the source each cell of an imported report was printed: for checking against it.

The window shows the source beside the grid (the PDF page, or the text) and marks the place
of the cell being checked. Text positions are those of the extracted text; a PDF also has, per
line of that text, its page and box, and a box per field of a table row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor.importers.published.extract import Box, LinePlace


@dataclass(frozen=True)
class PagePlace:
    page: int  # 0-based
    box: Box  # points from the page's top left


@dataclass
class SourceOrigin:
    path: Path
    kind: str  # "文本", "网页", "Word 文档", "PDF"
    text: str  # the text the importer read
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # cell key -> text span
    tables: dict[str, int] = field(default_factory=dict)  # table key -> where its section starts
    lines: list[LinePlace | None] = field(default_factory=list)  # PDF: one per line of text

    @property
    def is_pdf(self) -> bool:
        return self.kind == "PDF"

    def span_of(self, key: str) -> tuple[int, int] | None:
        """The text span of a cell (its number, else its row), else of its table's section."""
        if key in self.cells:
            return self.cells[key]
        table = key.split(".", 1)[0]
        if table in self.tables:
            return self.tables[table], self.tables[table]
        return None

    def place_of(self, key: str) -> PagePlace | None:
        """Where on which PDF page the cell is printed: its field's box in a table row, else the
        box of the line(s) its span covers."""
        span = self.span_of(key)
        if span is None or not self.lines:
            return None
        start, end = span
        first = self.text.count("\n", 0, start)
        last = self.text.count("\n", 0, max(start, end - 1))
        line = self.lines[first] if first < len(self.lines) else None
        if line is None:
            return None
        # One field of a table row (a span with no TAB in it, maybe an empty field): its box.
        if line.cells and first == last and "\t" not in self.text[start:end]:
            line_start = self.text.rfind("\n", 0, start) + 1
            field_index = self.text.count("\t", line_start, start)
            if field_index < len(line.cells) and line.cells[field_index] is not None:
                cell = line.cells[field_index]
                assert cell is not None
                return PagePlace(line.page, cell)
        boxes = [
            p.box for p in self.lines[first : last + 1] if p is not None and p.page == line.page
        ]
        x0 = min(b[0] for b in boxes)
        x1 = max(b[2] for b in boxes)
        return PagePlace(line.page, (x0, min(b[1] for b in boxes), x1, max(b[3] for b in boxes)))

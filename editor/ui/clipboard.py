"""Blocks of cells to and from the clipboard formats of Excel, WPS and web pages (TSV and HTML)."""

from __future__ import annotations

import csv
import html
import io
from html.parser import HTMLParser

Grid = list[list[str]]

# Marks the cells we put on the clipboard, so that at exit we know the data is ours.
OUR_CELLS_FORMAT = "application/x-nianbao-cells"


def parse_tsv(text: str) -> Grid:
    """Tab-separated rows as Excel and WPS put them on the clipboard.

    The csv module, because Excel quotes a cell holding a tab, line break or quote.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row or [""] for row in csv.reader(io.StringIO(text), delimiter="\t")]


class _TableParser(HTMLParser):
    """Collects the first <table>'s cells; a colspan leaves blanks so columns stay aligned."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: Grid = []
        self._depth = 0
        self._done = False
        self._cell: list[str] | None = None
        self._colspan = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth += 1
        elif self._depth == 1 and tag == "tr":
            self.rows.append([])
        elif self._depth == 1 and tag in ("td", "th"):
            if not self.rows:
                self.rows.append([])
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._colspan = int(span) if span.isdigit() else 1
        elif self._cell is not None and tag == "br":
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._done:
            return
        if tag == "table":
            self._depth -= 1
            if self._depth == 0:
                self._done = True
        elif self._depth == 1 and tag in ("td", "th") and self._cell is not None:
            self._close_cell()

    def _close_cell(self) -> None:
        assert self._cell is not None
        text = " ".join("".join(self._cell).split())
        self.rows[-1].append(text)
        self.rows[-1].extend([""] * (max(self._colspan, 1) - 1))
        self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_html_table(markup: str) -> Grid | None:
    """The cells of the first table in `markup`, or None when it holds no table."""
    parser = _TableParser()
    parser.feed(markup)
    parser.close()
    if parser._cell is not None:
        parser._close_cell()
    rows = [r for r in parser.rows if r]
    return rows or None


def to_tsv(grid: Grid) -> str:
    return "".join("\t".join(_quote(c) for c in row) + "\n" for row in grid)


def _quote(cell: str) -> str:
    if any(ch in cell for ch in '\t\n"'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def to_html(grid: Grid, spans: dict[tuple[int, int], tuple[int, int]] | None = None) -> str:
    """A <table> Excel and WPS paste with merges; `spans[(r, c)] = (rows, columns)`.

    Positions covered by a span (other than its top-left) are left out, as HTML requires.
    """
    spans = spans or {}
    covered: set[tuple[int, int]] = set()
    for (r, c), (rs, cs) in spans.items():
        covered |= {(r + i, c + j) for i in range(rs) for j in range(cs)} - {(r, c)}
    lines = ["<table border=1 style='border-collapse:collapse'>"]
    for r, row in enumerate(grid):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f" rowspan={rs}" if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "<html><body>" + "".join(lines) + "</body></html>"

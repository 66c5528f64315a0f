"""A published web page (.html with rowspan/colspan), and what copying it to text gives: each
table row one line, its cells apart by TABs (a merged cell once, or followed by empty fields as
some browsers and WPS copy it; trailing TABs kept or trimmed by the editor it was pasted into)."""

from __future__ import annotations

import html
from pathlib import Path

from tests.published_variants.document import Closing, Document, Heading, Paragraph, TableBlock
from tests.published_variants.grid import Grid


def render_html(document: Document, path: Path, *, wrap_labels: bool, nbsp: bool) -> None:
    parts = ["<html><head><meta charset='utf-8'><title>年报</title></head><body>"]
    parts.append("<div class='crumb'>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>")
    for block in document.blocks:
        if isinstance(block, Heading):
            tag = "h1" if block.level == 0 else "h2"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            parts.append(_table(block.grid, wrap_labels=wrap_labels, nbsp=nbsp))
        elif isinstance(block, Closing):
            parts += [f"<p align='right'>{html.escape(t)}</p>" for t in (block.signer, block.date)]
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def _table(grid: Grid, *, wrap_labels: bool, nbsp: bool) -> str:
    rows = ["<table border='1' cellspacing='0'>"]
    for r in range(grid.rows):
        cells = []
        for cell in grid.row_cells(r):
            text = html.escape(cell.text)
            if not text and nbsp:
                text = "&nbsp;"
            if wrap_labels and cell.ref is None and len(cell.text) > 8:
                half = len(cell.text) // 2
                text = html.escape(cell.text[:half]) + "<br>" + html.escape(cell.text[half:])
            spans = f" rowspan='{cell.row_span}' colspan='{cell.column_span}'"
            cells.append(f"<td{spans}><p>{text}</p></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</table>")
    return "\n".join(rows)


def render_tabs(document: Document, path: Path, *, span_fields: bool, trim: bool) -> None:
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, TableBlock):
            lines += [*_tab_rows(block.grid, span_fields=span_fields, trim=trim), ""]
        elif isinstance(block, Closing):
            lines += [block.signer, block.date]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tab_rows(grid: Grid, *, span_fields: bool, trim: bool) -> list[str]:
    out = []
    for r in range(grid.rows):
        fields: list[str] = []
        for cell in grid.row_cells(r):
            fields.append(cell.text)
            if span_fields:
                fields += [""] * (cell.column_span - 1)
        line = "\t".join(fields)
        out.append(line.rstrip("\t") if trim else line)
    return out

"""Web page export for the portal's 政府信息公开专栏: one self-contained UTF-8 page, and the same
content as clipboard HTML and plain text (复制为网页).

Only what a CMS editor keeps when the page is pasted into it: headings, paragraphs and tables
with rowspan/colspan, each element with its few styles inline (editors drop <style> blocks),
no scripts, no classes, nothing fetched from elsewhere. The text follows the same outline, and
the tables the same layout and geometry, as the PDF's.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from editor.domain.atomic_write import write_atomic
from editor.domain.layout import CellRole, LayoutCell, TableLayout
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.exporters import outline
from editor.exporters.draft import DRAFT_MARK, draft_wanted
from editor.exporters.table_geometry import alignment, cell_lines, cell_text, column_shares

GENERATOR = "年报编辑器 nianbao"

# The GB/T faces by their names on Windows, macOS and Linux, then a generic family.
_BODY_FACE = "仿宋,FangSong,仿宋_GB2312,STFangsong,serif"
_HEADING_FACE = "黑体,SimHei,STHeiti,sans-serif"
_SUBHEADING_FACE = "楷体,KaiTi,楷体_GB2312,STKaiti,serif"
_TITLE_FACE = "方正小标宋简体,小标宋,宋体,SimSun,serif"

_STYLE = {
    "page": f"font-family:{_BODY_FACE};line-height:1.8;max-width:50em;margin:0 auto",
    "draft": "color:#c00;text-align:right;margin:0",
    "title": f"text-align:center;font-family:{_TITLE_FACE};font-weight:normal",
    "heading": f"font-size:1em;font-family:{_HEADING_FACE};font-weight:normal;"
    "text-indent:2em;margin:0",
    "subheading": f"font-size:1em;font-family:{_SUBHEADING_FACE};font-weight:normal;"
    "text-indent:2em;margin:0",
    "paragraph": "text-indent:2em;margin:0",
    "table": "border-collapse:collapse;width:100%;margin:0.5em 0;font-size:0.875em;line-height:1.4",
    "cell": "border:1px solid #000;padding:2px 4px;font-weight:normal",
}
_LEAD_FACE = {1: _HEADING_FACE, 2: _SUBHEADING_FACE}
_ALIGN = {"left": "left", "centre": "center", "right": "right"}
# Windows' CF_HTML takes what lies between these as the pasted part (Qt adds them if missing).
_FRAGMENT_START, _FRAGMENT_END = "<!--StartFragment-->", "<!--EndFragment-->"


def _text(text: str) -> str:
    return escape(text, quote=False)


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _cell(report: Report, layout: TableLayout, cell: LayoutCell) -> str:
    tag = "td" if cell.role in (CellRole.VALUE, CellRole.LABEL) else "th"
    align = _ALIGN[alignment(layout, cell, numbers="right")]
    spans = ""
    if cell.row_span > 1:
        spans += f' rowspan="{cell.row_span}"'
    if cell.column_span > 1:
        spans += f' colspan="{cell.column_span}"'
    content = "<br>".join(_text(line) for line in cell_lines(report, cell))
    style = f"{_STYLE['cell']};text-align:{align}"
    return f'<{tag}{spans} style="{style}">{content}</{tag}>'


def _table(report: Report, layout: TableLayout) -> list[str]:
    """The table as the form lays it out; header rows in <thead>, so printed pages repeat them."""
    lines = [f'<table style="{_STYLE["table"]}">', "<colgroup>"]
    lines += [f'<col style="width:{100 * share:.2f}%">' for share in column_shares(layout)]
    lines.append("</colgroup>")
    for row in range(layout.row_count):
        if row == 0:
            lines.append("<thead>" if layout.header_row_count else "<tbody>")
        elif row == layout.header_row_count:
            lines += ["</thead>", "<tbody>"]
        cells = (layout.anchor_at(row, c) for c in range(layout.column_count))
        row_cells = "".join(_cell(report, layout, cell) for cell in cells if cell is not None)
        lines.append(f"<tr>{row_cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return lines


def _paragraph(block: outline.Paragraph) -> str:
    content = _text(block.rest)
    if block.lead_level:
        face = _LEAD_FACE[block.lead_level]
        content = f'<span style="font-family:{face}">{_text(block.lead)}</span>{content}'
    return f'<p style="{_STYLE["paragraph"]}">{content}</p>'


def _closing(block: outline.Closing) -> list[str]:
    """落款 and date at the right, the date starting two characters in from the organ's name."""
    out = []
    for i, (text, right) in enumerate(
        zip((block.signer, block.date), block.right_indents(), strict=True)
    ):
        top = "margin:1.8em 0 0" if i == 0 else "margin:0"
        style = f"text-align:right;{top};padding-right:{right:g}em"
        out.append(f'<p style="{style}">{_text(text)}</p>')
    return out


def _body(report: Report, draft: bool) -> list[str]:
    lines: list[str] = []
    if draft:
        lines.append(f'<p style="{_STYLE["draft"]}">{_text(DRAFT_MARK)}</p>')
    for block in outline.report_outline(report):
        if isinstance(block, outline.Title):
            lines.append(f'<h1 style="{_STYLE["title"]}">{_text(block.text)}</h1>')
        elif isinstance(block, outline.Heading):
            tag, style = ("h2", "heading") if block.level == 1 else ("h3", "subheading")
            lines.append(f'<{tag} style="{_STYLE[style]}">{_text(block.text)}</{tag}>')
        elif isinstance(block, outline.Paragraph):
            lines.append(_paragraph(block))
        elif isinstance(block, outline.Table):
            lines += _table(report, block.layout)
        else:
            lines += _closing(block)
    return lines


def render_html(report: Report, draft: bool | None = None, *, fragment: bool = False) -> str:
    """The whole page. `fragment`: marks the body's content as the part to paste."""
    marked = draft_wanted(report, draft)
    body = _body(report, marked)
    if fragment:
        body = [_FRAGMENT_START, *body, _FRAGMENT_END]
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta name="generator" content="{_attr(GENERATOR)}">',
        f"<title>{_text(outline.title(report).text)}</title>",
        "</head>",
        "<body>",
        f'<div style="{_STYLE["page"]}">',
    ]
    return "\n".join([*head, *body, "</div>", "</body>", "</html>", ""])


def render_plain_text(report: Report, draft: bool | None = None) -> str:
    """The report as text: paragraphs indented two full-width spaces, table rows tab-separated
    (a merged cell written once, in its first column), 落款 and date at the end."""
    lines: list[str] = []
    if draft_wanted(report, draft):
        lines.append(DRAFT_MARK)
    indent = "\u3000\u3000"
    for block in outline.report_outline(report):
        if isinstance(block, outline.Title):
            lines.append(block.text)
        elif isinstance(block, outline.Heading | outline.Paragraph):
            lines.append(indent + block.text)
        elif isinstance(block, outline.Table):
            layout = block.layout
            for row in range(layout.row_count):
                cells = (layout.anchor_at(row, c) for c in range(layout.column_count))
                lines.append("\t".join(cell_text(report, c) if c else "" for c in cells))
        else:
            lines += ["", block.signer, block.date]
    return "\n".join(lines) + "\n"


def export_html(
    report: Report, path: Path, draft: bool | None = None, progress: Progress | None = None
) -> None:
    """Writes the report to `path` as a web page (UTF-8), atomically."""
    progress = progress or no_progress
    progress(0.0, "排版")
    data = render_html(report, draft).encode("utf-8")
    progress(0.9, "写入")
    write_atomic(Path(path), data)
    progress(1.0, "完成")

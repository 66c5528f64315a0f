"""F1 填写说明: what each section and table row asks for, opened where the clerk is."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from editor.domain.forms import FormDef
from editor.domain.guidance import OPENING_GUIDE, SectionGuide, section_guides

_STYLE = """
<style>
h2 { font-size: 15pt; margin: 14px 0 4px 0; }
p { margin: 2px 0 6px 0; }
td { padding: 3px 6px; vertical-align: top; }
.label { font-weight: bold; }
.sum { color: #31507a; }
.here { background-color: #fff1c4; }
</style>
"""


def row_anchor(table: str, row: str) -> str:
    return f"row-{table}-{row}"


def section_anchor(key: str) -> str:
    return f"section-{key}"


def guide_html(form: FormDef, here: tuple[str, str] | None = None) -> str:
    """The whole 填写说明 of `form` as one page; the row `here` (table, row) is highlighted."""
    parts = [_STYLE, f"<p>依据{html.escape(form.document)}的年度报告格式。按 F1 打开本说明时，"]
    parts.append("会跳到当前所在的部分和表格行。</p>")
    parts.append(f'<h2><a name="{section_anchor("opening")}"></a>开头语</h2>')
    parts.append(f"<p>{html.escape(OPENING_GUIDE)}</p>")
    for guide in section_guides(form):
        parts.append(_section_html(guide, here))
    return "".join(parts)


def _section_html(guide: SectionGuide, here: tuple[str, str] | None) -> str:
    out = [f'<h2><a name="{section_anchor(guide.key)}"></a>{html.escape(guide.title)}</h2>']
    out.append(f"<p>{html.escape(guide.text)}</p>")
    if guide.rows:
        out.append(f"<p><b>{html.escape(guide.table_number)}各行：</b></p><table>")
        for row in guide.rows:
            css = ' class="here"' if here == (row.table, row.row) else ""
            text = html.escape(row.text)
            if row.adds_up:
                text += f' <span class="sum">{html.escape(row.adds_up)}</span>'
            out.append(
                f'<tr{css}><td class="label"><a name="{row_anchor(row.table, row.row)}"></a>'
                f"{html.escape(row.label)}</td><td>{text}</td></tr>"
            )
        out.append("</table>")
    for label, text in guide.columns:
        out.append(f"<p><b>{html.escape(label)}</b>：{html.escape(text)}</p>")
    if guide.table_note:
        out.append(f'<p class="sum">{html.escape(guide.table_note)}</p>')
    return "".join(out)


class HelpDialog(QDialog):
    """A window beside the report (not modal), showing the 填写说明 at the clerk's place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("填写说明")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self.resize(560, 640)
        self.here: tuple[str, str] | None = None

    def _place(self) -> None:
        """Along the right edge of the window: the grid's labels and first columns stay in sight."""
        parent = self.parentWidget()
        if parent is None:
            return
        frame = parent.window().geometry()
        width = min(self.width(), max(frame.width() // 2, 360))
        self.resize(width, max(frame.height() - 140, 300))
        self.move(frame.right() - width - 12, frame.top() + 90)

    def show_at(self, form: FormDef, section: str | None, row: tuple[str, str] | None) -> None:
        """Shows the guide scrolled to `row` (table, row key), else to `section`."""
        self.here = row
        self.browser.setHtml(guide_html(form, row))
        if not self.isVisible():
            self._place()
        self.show()
        self.raise_()
        if row is not None:
            self.browser.scrollToAnchor(row_anchor(*row))
        elif section is not None:
            self.browser.scrollToAnchor(section_anchor(section))

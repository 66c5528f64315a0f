"""The web page read with an HTML parser: self-contained, headings and paragraphs, the three tables
with the form's rowspan/colspan; and the plain text that goes with it on the clipboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import table_layout
from editor.domain.model import Report
from editor.domain.values import format_value
from editor.exporters.draft import DRAFT_MARK
from editor.exporters.html_export import export_html, render_html, render_plain_text
from tests.factories import consistent_report


@dataclass
class Cell:
    tag: str
    rowspan: int
    colspan: int
    style: str
    text: str = ""


@dataclass
class Page(HTMLParser):
    """Every start tag with its attributes, the text of h1–h3, and the tables' cells by row."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)
    tables: list[list[list[Cell]]] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # thead / tbody of each row
    _heading: list[str] | None = None
    _cell: Cell | None = None
    _section: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("h1", "h2", "h3"):
            self._heading = []
        elif tag == "table":
            self.tables.append([])
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self.tables[-1].append([])
            self.sections.append(self._section)
        elif tag in ("td", "th"):
            span = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1))
            self._cell = Cell(tag, *span, a.get("style") or "")
            self.tables[-1][-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append((tag, "".join(self._heading)))
            self._heading = None
        elif tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.text += data


def _parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_html_page_is_self_contained_utf8_without_scripts(
    sample_report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    export_html(sample_report, path)
    text = path.read_bytes().decode("utf-8")  # raises if it is not UTF-8
    page = _parse(text)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "style", "link", "iframe", "img", "object", "embed", "base"}
    for tag, attrs in page.tags:
        assert not {"src", "href", "class", "id"} & attrs.keys(), tag
        assert not any(name.startswith("on") for name in attrs), tag
        assert "url(" not in (attrs.get("style") or ""), tag
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert ("html", {"lang": "zh-CN"}) in page.tags
    assert "http" not in text.replace("http-equiv", "")


def test_html_headings_follow_the_form(sample_report: Report) -> None:
    page = _parse(render_html(sample_report))
    form = sample_report.form
    assert page.headings[0] == ("h1", sample_report.title)
    assert [t for tag, t in page.headings if tag == "h2"] == [s.title for s in form.sections]
    subheads = [f.heading for s in form.sections for f in s.prose if f.heading]
    assert [t for tag, t in page.headings if tag == "h3"] == subheads


def _row_of(page: Page, table: int, row: int) -> int:
    """Index of `row` of table `table` in page.sections."""
    return sum(len(t) for t in page.tables[:table]) + row


@pytest.mark.parametrize("version", list(FormVersion))
def test_html_tables_carry_the_layout_spans_and_values(version: FormVersion) -> None:
    report = consistent_report(version, seed=4)
    page = _parse(render_html(report))
    assert len(page.tables) == len(report.form.tables)
    for t, (rows, definition) in enumerate(zip(page.tables, report.form.tables, strict=True)):
        layout = table_layout(definition)
        assert len(rows) == layout.row_count, definition.number
        for r, row in enumerate(rows):
            anchors = [layout.anchor_at(r, c) for c in range(layout.column_count)]
            expected = [a for a in anchors if a is not None]
            assert [(c.rowspan, c.colspan) for c in row] == [
                (a.row_span, a.column_span) for a in expected
            ], (definition.number, r)
            for cell, anchor in zip(row, expected, strict=True):
                if anchor.ref is not None:
                    assert cell.text == format_value(report.get(anchor.ref))
                    assert "text-align:right" in cell.style and cell.tag == "td"
                else:
                    assert cell.text == anchor.text
            head = "thead" if r < layout.header_row_count else "tbody"
            assert page.sections[_row_of(page, t, r)] == head


def test_html_report_with_errors_is_marked_draft(sample_report: Report) -> None:
    assert DRAFT_MARK not in render_html(sample_report)
    assert DRAFT_MARK in render_html(sample_report, draft=True)
    sample_report.set(CellRef("requests", "received", "natural"), 30)
    assert DRAFT_MARK in render_html(sample_report)
    assert DRAFT_MARK in render_plain_text(sample_report)
    assert DRAFT_MARK not in render_html(sample_report, draft=False)


def test_html_escapes_what_the_clerk_typed(tmp_path: Path) -> None:
    report = consistent_report()
    report.meta.organ = "<b>某局</b>"
    report.prose["problems"] = "<script>alert(1)</script> & 一些问题"
    text = render_html(report)
    page = _parse(text)
    assert "script" not in {tag for tag, _ in page.tags}
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 一些问题" in text
    assert page.headings[0][1].startswith("<b>某局</b>")


def test_html_clipboard_fragment_is_marked(sample_report: Report) -> None:
    text = render_html(sample_report, fragment=True)
    start, end = text.index("<!--StartFragment-->"), text.index("<!--EndFragment-->")
    fragment = text[start:end]
    assert "<h1" in fragment and fragment.count("<table") == 3
    assert "<!--StartFragment-->" not in render_html(sample_report)


def test_html_plain_text_has_paragraphs_and_tab_separated_rows(sample_report: Report) -> None:
    text = render_plain_text(sample_report)
    lines = text.splitlines()
    assert lines[0] == sample_report.title
    assert "\u3000\u3000一、总体情况" in lines
    layout = table_layout(sample_report.form.table("requests"))
    received = next(line for line in lines if line.startswith("一、本年新收"))
    cells = received.split("\t")
    assert len(cells) == layout.column_count
    assert cells[-1] == format_value(sample_report.get(CellRef("requests", "received", "total")))


def test_html_export_into_a_missing_folder_says_so_in_chinese(
    sample_report: Report, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="文件夹不存在"):
        export_html(sample_report, tmp_path / "missing" / "out.html")


def test_html_drops_characters_a_page_cannot_hold(tmp_path: Path) -> None:
    report = consistent_report()
    report.meta.organ = "测试\x01县"
    report.prose["problems"] = "第一\x07句\ud800。\x0b第二句\x00。"
    path = tmp_path / "report.html"
    export_html(report, path)
    text = path.read_text(encoding="utf-8")
    assert "测试县" in text and ">第一句。</p>" in text and ">第二句。</p>" in text
    assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in text)
    assert "\x01" not in render_plain_text(report)

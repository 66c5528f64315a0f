"""Plain text out of a published report (.txt, .html, .docx, .pdf), tables as tab-separated rows.

Every source becomes one text in reading order: paragraphs on their own lines, each table row
on one line with its cells separated by tabs. An empty cell stays an empty field between two
tabs (a web page's zero cells are often empty); cells spanned by a merge are written once. For a
PDF, each line also keeps where it is printed (page and box), for showing the source beside the
imported report.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from editor.domain.errors import UserError
from editor.domain.userfiles import read_user_file
from editor.importers.docx_guard import check_docx
from editor.importers.intake import kind_of_source
from editor.importers.pdf_guard import ContentBudget, check_page_count, decoding_budget

MAX_SOURCE_BYTES = 50 * 1024 * 1024  # a PDF with pictures; text and web pages stay far smaller
MAX_TEXT_SOURCE_BYTES = 20 * 1024 * 1024  # .txt and .html, before decoding
# A long report is some 30,000 characters and a few thousand lines; web pages add their menus.
MAX_TEXT_CHARS = 1_000_000
MAX_LINES = 50_000
MAX_HTML_TAGS = 200_000  # a report's page has a few thousand
MAX_DIGIT_RUN = 200
_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1}}}")

_HEADER_LINE = re.compile(r"^#\s*(source|year|agency)\s*:\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d{1,3}\s*[-—–]\s*$")


class SourceError(UserError):
    """A published report that cannot be read at all."""


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top left


@dataclass(frozen=True)
class LinePlace:
    """Where a line of a PDF's text is printed; a table row also has a box for each field."""

    page: int  # 0-based
    box: Box
    cells: tuple[Box | None, ...] = ()


@dataclass
class SourceText:
    text: str
    kind: str  # "文本", "网页", "Word 文档", "PDF"
    header: dict[str, str] = field(default_factory=dict)  # the samples' "# year:" lines
    places: list[LinePlace | None] = field(default_factory=list)  # PDF: one per line of text


def table_row_line(cells: Sequence[str | None]) -> str:
    """One table row as a line: merged repeats (None) dropped, line breaks inside a cell removed
    (CJK labels wrap anywhere), an empty cell kept as an empty field."""
    return "\t".join("".join(c.split()) for c in cells if c is not None)


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    if b"\x00" in data[:65536] or data.count(b"\x00") > len(data) // 100:
        raise SourceError(f"“{name}”含有二进制内容，不是文本文件或网页。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"“{name}”不是可识别的文本文件（既不是 UTF-8 也不是 GBK 编码）。")


def _read_bytes(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> bytes:
    what = kind_of_source(path)
    return read_user_file(path, max_bytes=max_bytes, what=what, error=SourceError)


def extract_txt(path: Path) -> SourceText:
    text = _decode(_read_bytes(path, MAX_TEXT_SOURCE_BYTES), path.name)
    header: dict[str, str] = {}
    lines = text.splitlines()
    body_start = 0
    for i, line in enumerate(lines):
        m = _HEADER_LINE.match(line)
        if not m:
            break
        header[m[1]] = m[2].strip()
        body_start = i + 1
    return SourceText("\n".join(lines[body_start:]), "文本", header)


class _HtmlText(HTMLParser):
    """Text of an HTML page in reading order; tables as tab-separated rows."""

    _BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "ul",
            "ol",
            "table",
            "section",
            "article",
            "header",
            "footer",
            "title",
        ]
    )
    _SKIP = frozenset({"script", "style", "head", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip_depth += 1
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag in self._BLOCKS and self.cell is None:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in ("td", "th") and self.cell is not None:
            if self.row is not None:
                self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.parts.append("\n" + table_row_line(self.row) + "\n")
            self.row = None
        elif tag in self._BLOCKS and self.cell is None:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            self.parts.append(data)


def extract_html(path: Path) -> SourceText:
    data = _read_bytes(path, MAX_TEXT_SOURCE_BYTES)
    tags = data.count(b"<")
    if tags > MAX_HTML_TAGS:  # Python's HTML parser takes some 20 µs a tag
        raise SourceError(f"“{path.name}”有 {tags} 个网页标签，远多于一份年度报告，未导入。")
    charset = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    text: str | None = None
    if charset:
        try:
            text = data.decode(charset[1].decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = _decode(data, path.name)
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    # Source indentation and the line breaks of the HTML file itself carry no meaning; the tabs
    # between a table row's cells do (an empty cell is an empty field).
    lines = (
        "\t".join(" ".join(part.split()) for part in line.split("\t"))
        for line in "".join(parser.parts).split("\n")
    )
    return SourceText("\n\n".join(line for line in lines if line.strip() or "\t" in line), "网页")


def extract_docx(path: Path) -> SourceText:
    from docx import Document  # python-docx: the .docx body, tables with their merges
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    data = _read_bytes(path)  # the same size and access checks as the other sources
    check_docx(data, path.name)
    # Anything python-docx raises for a damaged file becomes a message at the intake.
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_docx_table_lines(Table(child, document)))
    return SourceText("\n\n".join(line for line in lines if line.strip()), "Word 文档")


def _docx_table_lines(table: Any) -> Iterable[str]:
    """Each row's cells as python-docx's `row.cells` gives them (a spanned cell once per grid
    column, a vertically merged one as the cell it continues), in linear time: python-docx
    finds each continued cell by walking up row by row, which takes 15 s for a merge down 500
    rows and overflows the stack at 1,000."""
    from docx.table import _Cell

    above: dict[int, Any] = {}  # grid column → the cell (<w:tc>) covering it in the row above
    for tr in table._tbl.tr_lst:
        cells: list[str | None] = []
        previous = None
        covering: dict[int, Any] = {}
        offset = tr.grid_before
        for tc in tr.tc_lst:
            root = above.get(offset, tc) if tc.vMerge == "continue" else tc
            for column in range(offset, offset + tc.grid_span):
                covering[column] = root
            offset += tc.grid_span
            for _ in range(root.grid_span):
                # A horizontal merge repeats the same cell object: write it once.
                cells.append(None if root is previous else _Cell(root, table).text)
                previous = root
        above = covering
        yield table_row_line(cells)


def extract_pdf(path: Path) -> SourceText:
    import pdfplumber  # reads tables by their ruling lines, which plain text extraction loses
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    data = _read_bytes(path)
    lines: list[str] = []
    places: list[LinePlace | None] = []
    try:
        with decoding_budget(path.name):
            # Not closed as a context manager: pdfplumber's close() parses every page first.
            pdf = pdfplumber.open(io.BytesIO(data))
            check_page_count(pdf.doc, path.name)  # before pdf.pages builds them all
            content = ContentBudget(path.name)
            heights: list[float] = []
            for number, page in enumerate(pdf.pages):
                with_tables = content.check_page(page)
                heights.append(float(page.height))
                for text, place in _pdf_page_lines(page, number, with_tables=with_tables):
                    lines.append(text)
                    places.append(place)
                page.close()  # its parsed objects are not needed again
    except (PdfminerException, PSException) as e:  # broken, truncated or encrypted files
        raise SourceError(f"“{path.name}”不是可读取的 PDF 文件（已损坏或已加密）。") from e
    lines, places = _without_running_lines(lines, places, heights)
    text = "\n".join(lines)
    if not any(ch.isalnum() for ch in text):
        raise SourceError(
            f"“{path.name}”中没有可提取的文字（可能是扫描件），无法导入。"
            "请使用带文字的 PDF、Word 文档或网页。"
        )
    return SourceText(text, "PDF", places=places)


# A running header or footer (页眉/页脚: the organ's name, 草稿, 内部资料) is printed in the top or
# bottom margin of every page; the GB/T 9704 text block starts 37 mm (15 % of A4) from the top.
_MARGIN_BAND = 0.15
_SAME_PLACE = 3.0  # points: the same line printed on each page lands within this


def _without_running_lines(
    lines: list[str], places: list[LinePlace | None], heights: list[float]
) -> tuple[list[str], list[LinePlace | None]]:
    """The lines without running headers and footers: text (not a table row) in a page's top
    or bottom margin band, printed the same at the same height on two pages or more. Left in,
    it would land inside the paragraph that crosses each page break."""

    def key(i: int) -> tuple[str, int] | None:
        place = places[i]
        if place is None or place.cells or not lines[i].strip():
            return None
        top, bottom = place.box[1], place.box[3]
        height = heights[place.page]
        if _MARGIN_BAND * height < top and bottom < (1 - _MARGIN_BAND) * height:
            return None
        return lines[i].strip(), round(top / _SAME_PLACE)

    keys = [key(i) for i in range(len(lines))]
    pages: dict[tuple[str, int], set[int]] = {}
    for k, place in zip(keys, places, strict=True):
        if k is not None and place is not None:
            pages.setdefault(k, set()).add(place.page)
    running = {k for k, on in pages.items() if len(on) >= 2}
    if not running:
        return lines, places
    kept = [i for i, k in enumerate(keys) if k not in running]
    return [lines[i] for i in kept], [places[i] for i in kept]


def _pdf_page_lines(
    page: Any, number: int, *, with_tables: bool = True
) -> list[tuple[str, LinePlace]]:
    """The page's text lines and table rows, ordered by their position on the page."""
    # A bordered one-column box is a framed paragraph, not a table: read it as text, so that
    # characters sticking out of its frame stay in place.
    page = page.filter(_not_slanted)
    found = page.find_tables() if with_tables else []
    tables = [t for t in found if max((len(r.cells) for r in t.rows), default=0) > 1]
    boxes = [t.bbox for t in tables]
    left, top_edge = page.bbox[0], page.bbox[1]

    def box(b: Any) -> Box:
        return (b[0] - left, b[1] - top_edge, b[2] - left, b[3] - top_edge)

    def outside(obj: dict[str, Any]) -> bool:
        x, top = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= top <= b[3] for b in boxes)

    placed: list[tuple[float, str, LinePlace]] = []
    rest = page.filter(outside) if boxes else page
    text_lines = rest.extract_text_lines(layout=False, strip=True)
    margin = min((line["x0"] for line in text_lines), default=0.0)
    for line in text_lines:
        # An indented line starts a paragraph; keep the indent so the prose can be reflowed.
        indent = "  " if line["x0"] > margin + 12 else ""
        where = (line["x0"], line["top"], line["x1"], line["bottom"])
        placed.append((line["top"], indent + line["text"], LinePlace(number, box(where))))
    for table in tables:
        top = table.bbox[1]
        for i, (row, cells) in enumerate(zip(table.rows, table.extract(), strict=False)):
            fields = tuple(box(b) if b is not None else None for b in row.cells)
            kept = tuple(f for f, c in zip(fields, cells, strict=False) if c is not None)
            place = LinePlace(number, box(row.bbox), kept)
            placed.append((top + i * 0.001, table_row_line(cells), place))
    placed.sort(key=lambda item: item[0])
    return [(text, place) for _top, text, place in placed]


# How far from a right angle a glyph may be turned and still be text: a watermark is turned by
# tens of degrees, a scanned-and-OCRed or slightly skewed page by a degree or two.
_MAX_SKEW = 0.1  # |sin| of about 6 degrees


def _not_slanted(obj: dict[str, Any]) -> bool:
    """False for a glyph drawn at a slant: a watermark (草稿, 样稿, a portal's stamp) laid over
    the page, whose characters would otherwise land inside the words and cells under them.
    Text turned by a right angle (a vertical label in a table header) is kept."""
    if obj.get("object_type") != "char":
        return True
    a, b = (float(v) for v in obj["matrix"][:2])  # where the glyph's baseline points
    scale = math.hypot(a, b) or 1.0
    sine = abs(b) / scale
    return sine < _MAX_SKEW or sine > math.sqrt(1 - _MAX_SKEW**2)


EXTRACTORS: dict[str, Callable[[Path], SourceText]] = {
    ".txt": extract_txt,
    ".text": extract_txt,
    ".html": extract_html,
    ".htm": extract_html,
    ".docx": extract_docx,
    ".pdf": extract_pdf,
}


def extract(path: Path) -> SourceText:
    """The text of a published report; page numbers ("— 3 —", "-3-") removed."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        known = " ".join(sorted(EXTRACTORS))
        raise SourceError(f"不支持导入“{path.suffix or path.name}”文件：已发布的年报可用 {known}。")
    source = extractor(path)
    _check_amount(source.text, path.name)
    lines = source.text.replace("\f", "\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    places = source.places if len(source.places) == len(lines) else [None] * len(lines)
    kept = [i for i, line in enumerate(lines) if not _PAGE_NUMBER.match(line)]
    source.text = "\n".join(lines[i] for i in kept)
    source.places = [places[i] for i in kept] if source.places else []
    return source


def _check_amount(text: str, name: str) -> None:
    """Refuses text far beyond any report before the parser spends minutes and gigabytes on it."""
    if len(text) > MAX_TEXT_CHARS:
        raise SourceError(
            f"“{name}”有 {len(text) // 10000} 万字，远多于一份年度报告，未导入。"
            "请只保留年报本身后再导入。"
        )
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise SourceError(f"“{name}”有 {lines} 行，远多于一份年度报告，未导入。")
    if _DIGIT_RUN.search(text):
        # Cells run together reach a few dozen digits; thousands make the number patterns of
        # the parser quadratic (minutes in the regex engine, where no time limit can reach).
        raise SourceError(
            f"“{name}”中有超过 {MAX_DIGIT_RUN} 位的连续数字，不像年度报告的内容，未导入。"
        )

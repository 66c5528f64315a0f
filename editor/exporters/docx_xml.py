"""The WordprocessingML that python-docx has no API for, written through its low-level XML access.

All hand-made OOXML of the Word export lives here: styles with East Asian fonts and indents in
characters, the font table with the fallbacks Word and WPS use, tables with merged cells
(gridSpan / vMerge), repeated header rows and rows kept together, the PAGE field of the footer
and the draft watermark. Element order follows the schema (ECMA-376 Part 1, §17), which Word
enforces and WPS and LibreOffice expect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast
from xml.sax.saxutils import escape, quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_POINT = 20


def w(tag: str, /, **attrs: str | int) -> BaseOxmlElement:
    """`<w:tag w:attr="value"…>`: every attribute in the w: namespace."""
    element: BaseOxmlElement = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def twips(points: float) -> int:
    return round(points * TWIPS_PER_POINT)


# ---------------------------------------------------------------- run and paragraph properties


def run_properties(
    font: str | None = None,
    size: float | None = None,
    *,
    bold: bool | None = None,
    color: str | None = None,
) -> BaseOxmlElement:
    """`w:rPr` naming `font` for every script (ascii, hAnsi, eastAsia, cs): Word picks the
    eastAsia face for Chinese, and with one face for all, digits match the text as in the PDF."""
    rpr = w("rPr")
    if font is not None:
        rpr.append(w("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font, hint="eastAsia"))
    if bold is not None:
        rpr.append(w("b", val=int(bold)))
        rpr.append(w("bCs", val=int(bold)))
    if color is not None:
        rpr.append(w("color", val=color))
    if size is not None:
        rpr.append(w("sz", val=round(size * 2)))
        rpr.append(w("szCs", val=round(size * 2)))
    return rpr


_JC = {"left": "left", "centre": "center", "right": "right", "justify": "both"}


@dataclass(frozen=True)
class ParagraphLook:
    """Paragraph properties as the GB/T layout needs them; indents in characters (hundredths),
    as WPS writes them, so that they follow the font size when a clerk restyles."""

    align: str | None = None  # left, centre, right, justify
    first_line_chars: int | None = None  # 200: two characters
    left_chars: int | None = None
    right_chars: int | None = None
    line_exact: float | None = None  # points; None: single spacing
    before: float = 0.0  # points
    after: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    outline_level: int | None = None  # 0 for "一、", 1 for "（一）": the navigation pane
    snap_to_grid: bool = True


def paragraph_properties(look: ParagraphLook, size: float) -> BaseOxmlElement:
    ppr = w("pPr")
    if look.keep_next:
        ppr.append(w("keepNext"))
    if look.keep_lines:
        ppr.append(w("keepLines"))
    ppr.append(w("widowControl"))
    if not look.snap_to_grid:
        ppr.append(w("snapToGrid", val=0))
    if look.line_exact is not None:
        line: dict[str, str | int] = {"line": twips(look.line_exact), "lineRule": "exact"}
    else:
        line = {"line": 240, "lineRule": "auto"}
    ppr.append(w("spacing", before=twips(look.before), after=twips(look.after), **line))
    indent: dict[str, str | int] = {}
    em = twips(size)  # one character, for applications that ignore the *Chars attributes
    if look.left_chars is not None:
        indent |= {"leftChars": look.left_chars, "left": em * look.left_chars // 100}
    if look.right_chars is not None:
        indent |= {"rightChars": look.right_chars, "right": em * look.right_chars // 100}
    if look.first_line_chars is not None:
        chars = look.first_line_chars
        indent |= {"firstLineChars": chars, "firstLine": em * chars // 100}
    if indent:
        ppr.append(w("ind", **indent))
    if look.align is not None:
        ppr.append(w("jc", val=_JC[look.align]))
    if look.outline_level is not None:
        ppr.append(w("outlineLvl", val=look.outline_level))
    return ppr


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class StyleSpec:
    style_id: str  # built-in ids ("Normal", "Heading1") keep Word's and WPS's localised names
    name: str
    font: str
    size: float
    look: ParagraphLook | None = None  # None: a character style
    based_on: str | None = None
    next_style: str | None = None
    color: str = "000000"
    bold: bool = False
    priority: int = 1


def style_element(spec: StyleSpec) -> BaseOxmlElement:
    kind = "character" if spec.look is None else "paragraph"
    style = w("style", type=kind, styleId=spec.style_id)
    if spec.style_id == "Normal":
        style.set(qn("w:default"), "1")
    style.append(w("name", val=spec.name))
    if spec.based_on:
        style.append(w("basedOn", val=spec.based_on))
    if spec.next_style:
        style.append(w("next", val=spec.next_style))
    style.append(w("uiPriority", val=spec.priority))
    style.append(w("qFormat"))
    if spec.look is not None:
        style.append(paragraph_properties(spec.look, spec.size))
    style.append(run_properties(spec.font, spec.size, bold=spec.bold, color=spec.color))
    return style


def install_styles(styles_element: BaseOxmlElement, specs: Iterable[StyleSpec]) -> None:
    """Puts each style into styles.xml, replacing the template's style of the same id whole
    (its theme fonts and colours would otherwise win over the names given here)."""
    existing = {s.get(qn("w:styleId")): s for s in styles_element.iterchildren(qn("w:style"))}
    for spec in specs:
        new = style_element(spec)
        old = existing.get(spec.style_id)
        if old is not None:
            old.addprevious(new)
            styles_element.remove(old)
        else:
            styles_element.append(new)


def set_document_defaults(styles_element: BaseOxmlElement, font: str, size: float) -> None:
    """The defaults under every style: `font`, Chinese (zh-CN) as the East Asian language, no
    spacing. The template's defaults name theme fonts (a Japanese face) and ja-JP."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is not None:
        styles_element.remove(defaults)
    defaults = w("docDefaults")
    rpr = run_properties(font, size)
    rpr.append(w("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default = w("rPrDefault")
    rpr_default.append(rpr)
    ppr_default = w("pPrDefault")
    ppr_default.append(paragraph_properties(ParagraphLook(), size))
    defaults.extend([rpr_default, ppr_default])
    styles_element.insert(0, defaults)


def drop_template_leftovers(document: Any) -> None:
    """Removes what python-docx's blank template carries that would misdescribe our document:
    stylesWithEffects.xml, a second and stale copy of its styles (blue Calibri headings) kept
    for Word 2010; the template's thumbnail, which file managers would show for the report;
    app.xml, which names "Microsoft Macintosh Word" as the application. All three are optional
    parts (ECMA-376 Part 2): without their relationships they are not written."""
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith(("/metadata/thumbnail", "/extended-properties")):
            package_rels.pop(rid)


def set_east_asian_theme_language(settings_element: BaseOxmlElement) -> None:
    lang = settings_element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def set_paragraph_style(paragraph: BaseOxmlElement, style_id: str) -> BaseOxmlElement:
    """Gives a `w:p` its style (and only that: no direct formatting); returns its pPr."""
    ppr = cast(BaseOxmlElement, paragraph.get_or_add_pPr())
    ppr.style = style_id
    return ppr


def add_run(
    paragraph: BaseOxmlElement, text: str, char_style: str | None = None
) -> BaseOxmlElement:
    run = cast(BaseOxmlElement, paragraph.add_r())
    if char_style is not None:
        rpr = w("rPr")
        rpr.append(w("rStyle", val=char_style))
        run.append(rpr)
    run.text = text
    return run


# ---------------------------------------------------------------- fonts


@dataclass(frozen=True)
class FontDeclaration:
    """An entry of fontTable.xml. Word and WPS, lacking `name`, try `alternatives` and then a
    face of the same character set (86: GB2312), family and PANOSE class."""

    name: str
    alternatives: tuple[str, ...]
    panose: str = "02010609060101010101"  # the class of SimHei / FangSong / KaiTi
    family: str = "modern"
    pitch: str = "fixed"


def declare_fonts(document: Any, fonts: Iterable[FontDeclaration]) -> None:
    """Adds (or replaces) the fonts' entries in the document's font table."""
    part = document.part.part_related_by(RELATIONSHIP_TYPE.FONT_TABLE)
    table = parse_xml(part.blob)
    by_name = {f.get(qn("w:name")): f for f in table.iterchildren(qn("w:font"))}
    for font in fonts:
        old = by_name.get(font.name)
        if old is not None:
            table.remove(old)
        entry = w("font", name=font.name)
        # altName holds a comma-separated list of other names of the face (§17.8.3.1).
        entry.append(w("altName", val=",".join(font.alternatives)))
        entry.append(w("panose1", val=font.panose))
        entry.append(w("charset", val="86"))
        entry.append(w("family", val=font.family))
        entry.append(w("pitch", val=font.pitch))
        table.append(entry)
    # The part is a plain python-docx Part: its bytes are what gets saved.
    part._blob = serialize_part_xml(table)


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableCell:
    """A cell of the table grid: its top-left corner, its reach, its text and paragraph style."""

    row: int
    column: int
    row_span: int
    column_span: int
    lines: Sequence[str]  # joined by line breaks
    style_id: str


@dataclass(frozen=True)
class TableFrame:
    """A bordered table with fixed column widths (twips), header rows that Word and WPS repeat
    on every page the table crosses, and rows that never break inside."""

    widths: Sequence[int]
    header_rows: int
    style_id: str
    border_eighths: int = 4  # border width in eighths of a point: 0.5 pt
    padding: int = 50  # cell margin left and right, twips
    padding_vertical: int = 30  # top and bottom


def table_element(
    frame: TableFrame,
    row_count: int,
    cells: Iterable[TableCell],
    keep_with_next: Iterable[int] = (),
) -> BaseOxmlElement:
    """`w:tbl` with every span merged: a horizontal span is one `w:tc` with gridSpan, a vertical
    one a `restart` cell and a `continue` cell in each row below. Rows in `keep_with_next` stay
    on the page of the row after them.

    Written as text and parsed once: building the few thousand elements of 表三 one by one
    through python-docx costs ten times as long."""
    owners: dict[tuple[int, int], TableCell] = {}
    for cell in cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                owners[(r, c)] = cell
    kept = set(keep_with_next)
    parts = [f'<w:tbl xmlns:w="{W_NS}">', _table_properties(frame), "<w:tblGrid>"]
    parts += [f'<w:gridCol w:w="{width}"/>' for width in frame.widths]
    parts.append("</w:tblGrid>")
    for r in range(row_count):
        header = "<w:tblHeader/>" if r < frame.header_rows else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = "<w:keepNext/>" if r in kept else ""
        c = 0
        while c < len(frame.widths):
            owner = owners.get((r, c))
            span = owner.column_span if owner is not None else 1
            merge = ""
            if owner is not None and owner.row_span > 1:
                merge = f'<w:vMerge w:val="{"restart" if owner.row == r else "continue"}"/>'
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            width = sum(frame.widths[c : c + span])
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{merge}'
                '<w:vAlign w:val="center"/></w:tcPr>'
            )
            if owner is not None and owner.row == r:
                style = f'<w:pStyle w:val="{escape(owner.style_id)}"/>'
                breaks = "<w:br/>".join(f"<w:t>{escape(line)}</w:t>" for line in owner.lines)
                parts.append(f"<w:p><w:pPr>{style}{keep}</w:pPr><w:r>{breaks}</w:r></w:p>")
            else:
                parts.append(f"<w:p><w:pPr>{keep}</w:pPr></w:p>")
            parts.append("</w:tc>")
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))


def _table_properties(frame: TableFrame) -> str:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{frame.border_eighths}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(
        f'<w:{side} w:w="{width}" w:type="dxa"/>'
        for side, width in (
            ("top", frame.padding_vertical),
            ("left", frame.padding),
            ("bottom", frame.padding_vertical),
            ("right", frame.padding),
        )
    )
    return (
        f'<w:tblPr><w:tblStyle w:val="{escape(frame.style_id)}"/>'
        f'<w:tblW w:w="{sum(frame.widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        # Fixed: the widths given, not fitted to the text by Word.
        '<w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{margins}</w:tblCellMar>"
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )


# ---------------------------------------------------------------- header and footer


def append_page_field(paragraph: BaseOxmlElement, before: str, after: str) -> None:
    """`before`, the current page number as a PAGE field, `after` ("— ", PAGE, " —").

    A complex field (begin / instruction / separate / result / end) rather than fldSimple:
    Word, WPS and LibreOffice all update it, and the cached result reads "1" until they do."""
    add_run(paragraph, before)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        run = paragraph.add_r()
        if kind is not None:
            run.append(w("fldChar", fldCharType=kind))
        elif text == " PAGE ":
            instruction = w("instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run.append(instruction)
        else:
            run.text = text
    end = paragraph.add_r()
    end.append(w("fldChar", fldCharType="end"))
    add_run(paragraph, after)


_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"


def append_watermark(paragraph: BaseOxmlElement, text: str, font: str) -> None:
    """A faint diagonal text over the middle of every page, as Word's 水印 writes it (a VML
    text path in the header): a printed draft cannot pass for the final copy."""
    text_style = quoteattr(f'font-family:"{font}";font-size:1pt')
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:v="{_V}" xmlns:o="{_O}"><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
        ' path="m@7,l@8,m@5,21600l@6,21600e">'
        '<v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/></v:shapetype>'
        '<v:shape id="nianbao-draft-mark" o:spid="_x0000_s2049" type="#_x0000_t136"'
        ' style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:70pt;'
        "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#cc1a1a"'
        ' stroked="f"><v:fill opacity="0.15"/>'
        f"<v:textpath style={text_style}"
        f" string={quoteattr(text)}/>"
        "</v:shape></w:pict></w:r>"
    )
    paragraph.append(parse_xml(xml))

"""Word (.docx) export: the report as an editable official document that Word and WPS open in
the GB/T 9704 layout of the PDF, its tables as real Word tables with the official merges.

python-docx supplies the package, the sections, headers and footers; `docx_xml` writes what it
cannot. The text comes from the same outline, and the tables from the same layout and geometry,
as the PDF's.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from editor.domain.atomic_write import write_atomic
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.exporters import docx_xml as xml
from editor.exporters import outline
from editor.exporters.docx_styles import (
    BODY_FONT,
    BODY_SIZE,
    BOTTOM_MM,
    FONTS,
    FOOTER_MM,
    HEADER_MM,
    HEADING_FONT,
    LEFT_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    RIGHT_MM,
    TITLE_SIZE,
    TOP_MM,
    Style,
    style_specs,
    table_style,
)
from editor.exporters.draft import DRAFT_MARK, draft_wanted
from editor.exporters.table_geometry import (
    TEXT_WIDTH_PT,
    TYPE_SIZE,
    alignment,
    cell_lines,
    column_widths,
    rows_kept_with_next,
    type_size,
)

CREATOR = "年报编辑器 nianbao"


class _Writer:
    """Fills a python-docx document, block by block, in the body before its section properties."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.document: Any = Document()  # python-docx's blank template
        self.body = self.document.element.body
        for child in list(self.body):  # the template's empty paragraph
            if child.tag != qn("w:sectPr"):
                self.body.remove(child)
        self.last_text: Any = None  # the latest prose paragraph, kept with the 落款

    def styles(self) -> None:
        styles = self.document.styles.element
        xml.set_document_defaults(styles, BODY_FONT.name, BODY_SIZE)
        xml.install_styles(styles, style_specs(tuple(sorted(set(TYPE_SIZE.values())))))
        xml.declare_fonts(self.document, FONTS)
        xml.drop_template_leftovers(self.document)
        xml.set_east_asian_theme_language(self.document.settings.element)

    def page(self, draft: bool) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
        section.header_distance, section.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
        section.gutter = 0
        # Page numbers outside: odd pages right, even pages left (GB/T 9704 §7.5).
        self.document.settings.odd_and_even_pages_header_footer = True
        for footer, style in (
            (section.footer, Style.PAGE_NUMBER_ODD),
            (section.even_page_footer, Style.PAGE_NUMBER_EVEN),
        ):
            paragraph = footer.paragraphs[0]._p
            xml.set_paragraph_style(paragraph, style)
            xml.append_page_field(paragraph, "— ", " —")
        if draft:
            for header in (section.header, section.even_page_header):
                paragraph = header.paragraphs[0]._p
                xml.set_paragraph_style(paragraph, Style.DRAFT_MARK)
                xml.add_run(paragraph, DRAFT_MARK)
                xml.append_watermark(paragraph, DRAFT_MARK, HEADING_FONT.name)

    def properties(self) -> None:
        props = self.document.core_properties
        meta = self.report.meta
        now = datetime.now(UTC).replace(microsecond=0)
        props.title = outline.title(self.report).text
        props.author = props.last_modified_by = outline.printable(meta.organ) or CREATOR
        props.subject = f"政府信息公开工作年度报告（{self.report.form.document}格式）"
        props.comments = f"由{CREATOR}导出"
        props.keywords = "政府信息公开;年度报告"
        props.language = "zh-CN"
        props.created = props.modified = now
        props.revision = 1

    def paragraph(self, style: Style, text: str = "") -> Any:
        p = self.body.add_p()
        xml.set_paragraph_style(p, style)
        if text:
            xml.add_run(p, text)
        return p

    def block(self, block: outline.Block) -> None:
        if isinstance(block, outline.Title):
            self.title(block)
        elif isinstance(block, outline.Heading):
            level = Style.HEADING if block.level == 1 else Style.SUBHEADING
            self.paragraph(level, block.text)
        elif isinstance(block, outline.Paragraph):
            self.prose(block)
        elif isinstance(block, outline.Table):
            self.table(block)
        else:
            self.closing(block)

    def title(self, block: outline.Title) -> None:
        # Broken after the organ's name when the whole does not fit one line, as in the PDF.
        fits = outline.text_width_em(block.text) * TITLE_SIZE <= TEXT_WIDTH_PT
        text = block.text if fits or not block.organ else f"{block.organ}\n{block.rest}"
        self.paragraph(Style.TITLE, text)

    def prose(self, block: outline.Paragraph) -> None:
        p = self.paragraph(Style.BODY)
        if block.lead_level:
            lead_style = Style.LEAD if block.lead_level == 1 else Style.SUB_LEAD
            xml.add_run(p, block.lead, lead_style)
        if block.rest:
            xml.add_run(p, block.rest)
        self.last_text = p

    def table(self, block: outline.Table) -> None:
        layout = block.layout
        size = type_size(layout)
        total = xml.twips(TEXT_WIDTH_PT)
        widths = [xml.twips(w) for w in column_widths(layout, TEXT_WIDTH_PT)]
        widths[-1] += total - sum(widths)  # rounding: the table fills the text block exactly
        kept = rows_kept_with_next(layout)
        frame = xml.TableFrame(widths, layout.header_row_count, Style.TABLE_GRID)
        cells = [
            xml.TableCell(
                cell.row,
                cell.column,
                cell.row_span,
                cell.column_span,
                cell_lines(self.report, cell),
                table_style(alignment(layout, cell, numbers="right"), size),
            )
            for cell in layout.cells
        ]
        tbl = xml.table_element(frame, layout.row_count, cells, kept)
        self.body._insert_tbl(tbl)
        self.paragraph(Style.AFTER_TABLE)
        self.last_text = None

    def closing(self, block: outline.Closing) -> None:
        """落款 and date right-aligned, placed as in the PDF."""
        signer_right, date_right = block.right_indents()
        if self.last_text is not None:
            # The last lines of text stay on the page of the 落款, which never stands alone.
            self.last_text.get_or_add_pPr().keepNext_val = True
        for text, right, style in (
            (block.signer, signer_right, Style.CLOSING),
            (block.date, date_right, Style.CLOSING_DATE),
        ):
            p = self.paragraph(style, text)
            ppr = p.get_or_add_pPr()
            chars = round(right * 100)
            ppr.append(xml.w("ind", rightChars=chars, right=xml.twips(BODY_SIZE) * chars // 100))

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def render_docx_bytes(
    report: Report, draft: bool | None = None, progress: Progress | None = None
) -> bytes:
    """The report as a .docx in memory. `draft`: None marks it exactly when checks fail."""
    progress = progress or no_progress
    progress(0.0, "准备样式")
    writer = _Writer(report)
    writer.styles()
    writer.page(draft_wanted(report, draft))
    writer.properties()
    progress(0.2, "排版")
    for block in outline.report_outline(report):
        writer.block(block)
    progress(0.8, "写入")
    data = writer.to_bytes()
    progress(1.0, "完成")
    return data


def export_docx(
    report: Report, path: Path, draft: bool | None = None, progress: Progress | None = None
) -> None:
    """Writes the report to `path` as a Word document, atomically."""
    write_atomic(Path(path), render_docx_bytes(report, draft, progress))

"""Lays the report out as an official document (GB/T 9704) and writes the PDF with reportlab."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from editor.domain.atomic_write import write_atomic
from editor.domain.model import Report
from editor.domain.progress import Progress, no_progress
from editor.exporters import outline
from editor.exporters.fonts import FontRole
from editor.exporters.outline import LEAD, paragraphs
from editor.exporters.pdf.options import DRAFT_MARK, PageNumberPlace, PdfOptions, is_draft
from editor.exporters.pdf.styles import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    LINE_PITCH,
    PAGE_HEIGHT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    TOP_MARGIN,
    Styles,
    build_styles,
)
from editor.exporters.pdf.tables import build_table
from editor.exporters.writing import writing

SIGNATURE_LINES = ("单位负责人（签字）：", "审核人（签字）：", "日期：")


def _prose(text: str, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = []
    for para in paragraphs(text):
        lead = LEAD.match(para)
        if lead is None:
            out.append(Paragraph(escape(para), styles.body))
            continue
        role = FontRole.SUBHEADING if para.startswith("（") else FontRole.HEADING
        head, rest = lead.group(1), para[lead.end() :]
        markup = f'<font face="{styles.fonts[role]}">{escape(head)}</font>{escape(rest)}'
        out.append(Paragraph(markup, styles.body))
    return out


def _title(report: Report, styles: Styles) -> Paragraph:
    """The title, broken after the organ's name when it does not fit one line."""
    rest = f"{report.meta.year}年政府信息公开工作年度报告"
    organ = report.meta.organ.strip()
    font, size = styles.title.fontName, styles.title.fontSize
    if organ and stringWidth(organ + rest, font, size) > TEXT_WIDTH:
        return Paragraph(f"{escape(organ)}<br/>{escape(rest)}", styles.title)
    return Paragraph(escape(organ + rest), styles.title)


def _closing(report: Report, styles: Styles, signature: bool) -> list[Flowable]:
    """落款 and date per GB/T 9704 §7.3.5, with room for the seal and the 签字 lines if asked."""
    end = outline.closing(report)
    signer, date = end.signer, end.date
    font, size, ch = styles.body.fontName, BODY_SIZE, BODY_SIZE
    w_signer, w_date = stringWidth(signer, font, size), stringWidth(date, font, size)
    if signature:
        # Sealed: the date 4 characters from the right, the name centred over it.
        date_right = 4 * ch
        signer_right = max(date_right + (w_date - w_signer) / 2, 0)
    else:
        # Unsealed: the name 2 characters from the right, the date starting 2 characters further in.
        signer_right = 2 * ch
        date_right = w_signer - w_date
        if date_right < 2 * ch:
            date_right = 2 * ch
            signer_right = 4 * ch + w_date - w_signer
    parts: list[Flowable] = [Spacer(1, LINE_PITCH * (3 if signature else 1))]
    for text, right in ((signer, signer_right), (date, date_right)):
        style = styles.closing.clone("closing-line", rightIndent=right)
        parts.append(Paragraph(escape(text), style))
    if signature:
        parts += [Spacer(1, LINE_PITCH), _signature_lines(styles)]
    return parts


def _signature_lines(styles: Styles) -> Table:
    rows = [[Paragraph(escape(label), styles.signature), ""] for label in SIGNATURE_LINES]
    label_width = TEXT_WIDTH * 0.42
    return Table(
        rows,
        colWidths=[label_width, TEXT_WIDTH * 0.4],
        rowHeights=LINE_PITCH * 1.4,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), styles.fonts[FontRole.BODY]),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, -1), 2 * BODY_SIZE),
            ]
        ),
    )


def build_story(report: Report, styles: Styles, options: PdfOptions) -> list[Flowable]:
    """Title, opening, the six sections with their tables, then 落款 and date."""
    form = report.form
    story: list[Flowable] = [_title(report, styles)]
    story += _prose(report.prose.get(form.opening.key, ""), styles)
    for section in form.sections:
        # A heading never ends a page: it needs its own line and two more (GB/T: no orphans).
        heading_at = len(story)
        story += [CondPageBreak(3 * LINE_PITCH), Paragraph(escape(section.title), styles.heading)]
        for field in section.prose:
            if field.heading:
                story.append(CondPageBreak(3 * LINE_PITCH))
                story.append(Paragraph(escape(field.heading), styles.subheading))
            story += _prose(report.prose.get(field.key, ""), styles)
        if section.table is not None:
            table = build_table(report, form.table(section.table), styles)
            spacer = LINE_PITCH / 4
            need = table.min_height(TEXT_WIDTH) + spacer
            if len(story) == heading_at + 2:
                # No text between heading and table: the heading moves with the table.
                story[heading_at] = CondPageBreak(LINE_PITCH + need)
            story += [CondPageBreak(need), Spacer(1, spacer), table, Spacer(1, LINE_PITCH / 2)]
    return _keep_tail_with(story, _closing(report, styles, options.signature))


def _keep_tail_with(story: list[Flowable], closing: list[Flowable]) -> list[Flowable]:
    """Keeps the last two lines of text on the page of the 落款, which must never stand alone."""
    last = story[-1]
    if not isinstance(last, Paragraph):
        return [*story, KeepTogether([last, *closing])]
    height = last.wrap(TEXT_WIDTH, PAGE_HEIGHT)[1]
    tail = 2 * last.style.leading
    parts = last.split(TEXT_WIDTH, height - tail) if height > tail + 1 else []
    if len(parts) == 2:
        return [*story[:-1], parts[0], KeepTogether([parts[1], *closing])]
    # The whole paragraph moves with the 落款, and so does a heading right above it.
    keep = 1
    while keep < len(story) and _is_heading(story[-1 - keep]):
        keep += 1
    # (without the CondPageBreak: inside a KeepTogether it defeats the keeping)
    kept = [f for f in story[-keep:] if not isinstance(f, CondPageBreak)]
    return [*story[:-keep], KeepTogether([*kept, *closing])]


def _is_heading(flowable: Flowable) -> bool:
    if isinstance(flowable, CondPageBreak):
        return True
    return isinstance(flowable, Paragraph) and flowable.style.name in {"heading", "subheading"}


class _Decorations:
    """Draws page numbers "— N —" and, on a draft, the mark on every page."""

    def __init__(self, styles: Styles, options: PdfOptions, draft: bool) -> None:
        self.font = styles.fonts[FontRole.BODY]
        self.mark_font = styles.fonts[FontRole.HEADING]
        self.place = options.page_numbers
        self.draft = draft

    def __call__(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._page_number(canvas, doc.page)
        if self.draft:
            self._draft_mark(canvas)
        canvas.restoreState()

    def _page_number(self, canvas: Canvas, page: int) -> None:
        text = f"— {page} —"
        # The dash line sits 7 mm under the text block (GB/T 9704 §7.5).
        y = BOTTOM_MARGIN - 7 * mm - PAGE_NUMBER_SIZE * 0.8
        canvas.setFont(self.font, PAGE_NUMBER_SIZE)
        canvas.setFillColor(colors.black)
        if self.place is PageNumberPlace.CENTRE:
            canvas.drawCentredString(LEFT_MARGIN + TEXT_WIDTH / 2, y, text)
        elif page % 2:
            canvas.drawRightString(LEFT_MARGIN + TEXT_WIDTH - PAGE_NUMBER_SIZE, y, text)
        else:
            canvas.drawString(LEFT_MARGIN + PAGE_NUMBER_SIZE, y, text)

    def _draft_mark(self, canvas: Canvas) -> None:
        red = colors.Color(0.8, 0.1, 0.1)
        canvas.setFillColor(red)
        canvas.setFont(self.mark_font, 12)
        canvas.drawRightString(LEFT_MARGIN + TEXT_WIDTH, PAGE_HEIGHT - TOP_MARGIN + 18, DRAFT_MARK)
        # A faint diagonal mark over the text, so a printed draft cannot pass for the final copy.
        canvas.setFillAlpha(0.12)
        canvas.setFont(self.mark_font, 56)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -20, DRAFT_MARK)


def render_pdf_bytes(
    report: Report, options: PdfOptions | None = None, progress: Progress | None = None
) -> bytes:
    """The report as a finished PDF in memory (what export writes and print renders)."""
    options = options or PdfOptions()
    progress = progress or no_progress
    progress(0.0, "载入字体")
    styles = build_styles(options.faces())
    draft = is_draft(report, options)
    progress(0.3, "排版")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=LEFT_MARGIN,
        rightMargin=PAGE_WIDTH - LEFT_MARGIN - TEXT_WIDTH,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=report.title,
        author=report.meta.organ,
        subject=f"政府信息公开工作年度报告（{report.form.document}格式）",
        creator="年报编辑器 nianbao",
        lang="zh-CN",
        initialFontName=styles.fonts[FontRole.BODY],
        displayDocTitle=True,
    )
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        TEXT_WIDTH,
        TEXT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    decorations = _Decorations(styles, options, draft)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=decorations)])
    story = build_story(report, styles, options)
    total = len(story)
    done = [0.0]

    def on_progress(kind: str, value: int) -> None:
        # reportlab counts split pieces too, so the count can pass the story's length.
        if kind == "PROGRESS" and total and value / total > done[0]:
            done[0] = min(value / total, 1.0)
            progress(0.3 + 0.65 * done[0], "排版")

    doc.setProgressCallBack(on_progress)
    doc.build(story)
    progress(1.0, "完成")
    return buffer.getvalue()


def export_pdf(
    report: Report,
    path: Path,
    options: PdfOptions | None = None,
    progress: Progress | None = None,
) -> None:
    """Writes the report to `path` as PDF, atomically (a failed export leaves no half file)."""
    with writing(Path(path)):
        data = render_pdf_bytes(report, options, progress)
    write_atomic(Path(path), data)  # WriteFileError in Chinese on failure

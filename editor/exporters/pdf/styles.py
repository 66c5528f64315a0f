"""Page geometry and type of GB/T 9704-2012 (format-spec §6) as reportlab paragraph styles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from editor.exporters.fonts import FontFace, FontRole, load_font
from editor.exporters.pdf.line_breaking import install_chinese_line_breaking

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm  # the binding side
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TEXT_HEIGHT

BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
# 22 lines in the 225 mm text block; a hair under 29 pt so the 22nd line still fits the frame.
LINE_PITCH = 28.9
INDENT = 2 * BODY_SIZE  # two characters


@dataclass(frozen=True)
class Styles:
    """The registered font name per role, and the paragraph styles built on them."""

    fonts: dict[FontRole, str]
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    closing: ParagraphStyle
    signature: ParagraphStyle

    def table_cell(self, size: float, align: str = "centre") -> ParagraphStyle:
        style = ParagraphStyle(
            f"cell-{size}-{align}",
            fontName=self.fonts[FontRole.BODY],
            fontSize=size,
            leading=round(size * 1.25, 1),
            alignment=TA_CENTER,
            wordWrap="CJK",
        )
        if align == "left":
            style.alignment = TA_LEFT
        return style


def build_styles(faces: Mapping[FontRole, FontFace]) -> Styles:
    """Loads (once per process) and registers each face, then builds the styles on them."""
    install_chinese_line_breaking()
    fonts = {role: load_font(face).fontName for role, face in faces.items()}
    body = ParagraphStyle(
        "body",
        fontName=fonts[FontRole.BODY],
        fontSize=BODY_SIZE,
        leading=LINE_PITCH,
        firstLineIndent=INDENT,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    return Styles(
        fonts=fonts,
        title=ParagraphStyle(
            "title",
            fontName=fonts[FontRole.TITLE],
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.5,
            alignment=TA_CENTER,
            wordWrap="CJK",
            spaceAfter=LINE_PITCH,
        ),
        heading=ParagraphStyle("heading", parent=body, fontName=fonts[FontRole.HEADING]),
        subheading=ParagraphStyle("subheading", parent=body, fontName=fonts[FontRole.SUBHEADING]),
        body=body,
        closing=ParagraphStyle("closing", parent=body, firstLineIndent=0, alignment=TA_RIGHT),
        signature=ParagraphStyle(
            "signature", parent=body, firstLineIndent=0, alignment=TA_LEFT, fontSize=14
        ),
    )

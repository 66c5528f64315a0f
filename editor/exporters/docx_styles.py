"""The Word document's page and styles in the GB/T 9704 layout of the PDF (format-spec §6).

Everything a clerk may want to change is a named style (正文, 标题, 标题 1, 标题 2, 表格文字…)
rather than formatting on each paragraph, so restyling the report in Word or WPS is one edit per
style. The faces are named, not embedded: the receiving machine's 仿宋/黑体/楷体 are used, and
the font table tells Word and WPS what to fall back to where a face is missing.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from editor.exporters.docx_xml import FontDeclaration, ParagraphLook, StyleSpec

# Page geometry, millimetres (spec §6): A4, text block 156 × 225 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
TOP_MM, LEFT_MM = 37.0, 28.0
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156.0, 225.0
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TEXT_WIDTH_MM
# The page number's line starts 7 mm under the text block (GB/T 9704 §7.5); Word measures the
# footer from the paper's edge to the bottom of its line (a 14 pt line, about 6 mm).
FOOTER_MM = BOTTOM_MM - 7.0 - 6.0
HEADER_MM = 15.0

BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
PAGE_NUMBER_SIZE = 14.0  # 4号
DRAFT_MARK_SIZE = 12.0
LINE_PITCH = 28.9  # 22 lines in the text block, as in the PDF
TITLE_PITCH = TITLE_SIZE * 1.5

# The names Word and WPS on Chinese Windows write for the GB/T faces, and their other names
# (English, the older _GB2312 faces, the macOS and Linux equivalents) as fallbacks.
TITLE_FONT = FontDeclaration(
    "方正小标宋简体",
    ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "小标宋", "宋体", "SimSun"),
    panose="02000000000000000000",
    family="auto",
    pitch="variable",
)
HEADING_FONT = FontDeclaration("黑体", ("SimHei", "华文黑体", "STHeiti"))
SUBHEADING_FONT = FontDeclaration("楷体", ("KaiTi", "楷体_GB2312", "华文楷体", "STKaiti"))
BODY_FONT = FontDeclaration("仿宋", ("FangSong", "仿宋_GB2312", "华文仿宋", "STFangsong"))
FONTS = (TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT)


class Style(StrEnum):
    """Style ids. Word's built-in ids keep the names Chinese Word and WPS show (正文, 标题…)."""

    BODY = "Normal"
    TITLE = "Title"
    HEADING = "Heading1"
    SUBHEADING = "Heading2"
    LEAD = "LeadHeading"  # a paragraph's own "一、……。" lead, in 黑体
    SUB_LEAD = "LeadSubheading"  # "（一）……。" lead, in 楷体
    AFTER_TABLE = "AfterTable"  # the half line of space under a table
    CLOSING = "Closing"  # the 落款: one blank line above it
    CLOSING_DATE = "ClosingDate"
    FOOTER = "Footer"
    PAGE_NUMBER_ODD = "PageNumberOdd"
    PAGE_NUMBER_EVEN = "PageNumberEven"
    DRAFT_MARK = "DraftMark"
    TABLE_GRID = "TableGrid"


class TableText(StrEnum):
    CENTRE = "centre"
    LEFT = "left"
    RIGHT = "right"


_TABLE_TEXT_NAMES = {
    TableText.CENTRE: "表格文字",
    TableText.LEFT: "表格项目",
    TableText.RIGHT: "表格数字",
}


def table_style(align: str, size: float) -> str:
    """The paragraph style of a table cell: alignment and type size (5号 or 小4号)."""
    return f"Table{TableText(align).name.title()}{round(size * 2)}"


def _table_styles(sizes: tuple[float, ...]) -> list[StyleSpec]:
    out = []
    for size in sizes:
        suffix = "" if size == 10.5 else f"（{size:g} 磅）"
        for align, name in _TABLE_TEXT_NAMES.items():
            look = ParagraphLook(align=align, first_line_chars=0, snap_to_grid=False)
            out.append(
                StyleSpec(
                    table_style(align, size),
                    name + suffix,
                    BODY_FONT.name,
                    size,
                    look,
                    based_on=Style.BODY,
                    priority=20,
                )
            )
    return out


def style_specs(table_sizes: tuple[float, ...]) -> list[StyleSpec]:
    body_face = BODY_FONT.name
    body = ParagraphLook(align="justify", first_line_chars=200, line_exact=LINE_PITCH)
    heading = ParagraphLook(
        align="justify",
        first_line_chars=200,
        line_exact=LINE_PITCH,
        keep_next=True,
        keep_lines=True,
        outline_level=0,
    )
    footer = ParagraphLook(first_line_chars=0, snap_to_grid=False)
    return [
        StyleSpec(Style.BODY, "Normal", body_face, BODY_SIZE, body),
        StyleSpec(
            Style.TITLE,
            "Title",
            TITLE_FONT.name,
            TITLE_SIZE,
            ParagraphLook(
                align="centre",
                first_line_chars=0,
                line_exact=TITLE_PITCH,
                after=LINE_PITCH,
                keep_next=True,
            ),
            based_on=Style.BODY,
            next_style=Style.BODY,
            priority=10,
        ),
        StyleSpec(
            Style.HEADING,
            "heading 1",
            HEADING_FONT.name,
            BODY_SIZE,
            heading,
            based_on=Style.BODY,
            next_style=Style.BODY,
            priority=9,
        ),
        StyleSpec(
            Style.SUBHEADING,
            "heading 2",
            SUBHEADING_FONT.name,
            BODY_SIZE,
            dataclasses.replace(heading, outline_level=1),
            based_on=Style.HEADING,
            next_style=Style.BODY,
            priority=9,
        ),
        StyleSpec(Style.LEAD, "段首标题（黑体）", HEADING_FONT.name, BODY_SIZE, priority=11),
        StyleSpec(Style.SUB_LEAD, "段首标题（楷体）", SUBHEADING_FONT.name, BODY_SIZE, priority=11),
        StyleSpec(
            Style.AFTER_TABLE,
            "表后空行",
            body_face,
            BODY_SIZE,
            ParagraphLook(first_line_chars=0, line_exact=LINE_PITCH / 2, snap_to_grid=False),
            based_on=Style.BODY,
            priority=30,
        ),
        StyleSpec(
            Style.CLOSING,
            "落款",
            body_face,
            BODY_SIZE,
            ParagraphLook(
                align="right",
                first_line_chars=0,
                line_exact=LINE_PITCH,
                before=LINE_PITCH,
                keep_next=True,
            ),
            based_on=Style.BODY,
            next_style=Style.CLOSING_DATE,
            priority=12,
        ),
        StyleSpec(
            Style.CLOSING_DATE,
            "成文日期",
            body_face,
            BODY_SIZE,
            ParagraphLook(align="right", first_line_chars=0, line_exact=LINE_PITCH),
            based_on=Style.BODY,
            priority=12,
        ),
        StyleSpec(Style.FOOTER, "footer", body_face, PAGE_NUMBER_SIZE, footer, based_on=Style.BODY),
        StyleSpec(
            Style.PAGE_NUMBER_ODD,
            "页码（奇数页）",
            body_face,
            PAGE_NUMBER_SIZE,
            ParagraphLook(align="right", first_line_chars=0, right_chars=100, snap_to_grid=False),
            based_on=Style.FOOTER,
            priority=30,
        ),
        StyleSpec(
            Style.PAGE_NUMBER_EVEN,
            "页码（偶数页）",
            body_face,
            PAGE_NUMBER_SIZE,
            ParagraphLook(align="left", first_line_chars=0, left_chars=100, snap_to_grid=False),
            based_on=Style.FOOTER,
            priority=30,
        ),
        StyleSpec(
            Style.DRAFT_MARK,
            "草稿标记",
            HEADING_FONT.name,
            DRAFT_MARK_SIZE,
            ParagraphLook(align="right", first_line_chars=0, snap_to_grid=False),
            based_on=Style.BODY,
            color="CC1A1A",
            priority=30,
        ),
        *_table_styles(table_sizes),
    ]

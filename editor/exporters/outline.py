"""The report as the printed document reads it, in order: title, opening, the six sections with
their headings, prose and tables, then 落款 and date.

The Word and web exporters walk this outline, the PDF follows the same order and rules, so the
three documents say the same thing in the same places and the published importer reads any of
them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.domain.forms import TableDef
from editor.domain.layout import TableLayout, table_layout
from editor.domain.model import Report

# A paragraph that opens with its own "（一）……。" or "一、……。" lead: the lead takes the
# heading face, as the GB/T levels ask.
_NUMERAL = "[一二三四五六七八九十]+"
LEAD = re.compile(rf"^((?:（{_NUMERAL}）|{_NUMERAL}、)[^。：:]{{1,24}}[。：:]?)")
DATE_BLANK = "　　　　年　　月　　日"  # the date, to be written by hand
# What neither XML (Word) nor HTML may hold: control characters, lone surrogates (a damaged
# file can carry them), the non-characters U+FFFE/U+FFFF. Text pasted from elsewhere has them.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Title:
    organ: str
    rest: str  # "2023年政府信息公开工作年度报告"

    @property
    def text(self) -> str:
        return self.organ + self.rest


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: a section title "一、总体情况" (黑体); 2: "（一）主动公开" (楷体)


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead_level: int = 0  # 1 or 2 when the paragraph opens with its own "一、…" or "（一）…" lead
    lead_length: int = 0  # characters of that lead

    @property
    def lead(self) -> str:
        return self.text[: self.lead_length]

    @property
    def rest(self) -> str:
        return self.text[self.lead_length :]


@dataclass(frozen=True)
class Table:
    table: TableDef

    @property
    def layout(self) -> TableLayout:
        return table_layout(self.table)


@dataclass(frozen=True)
class Closing:
    signer: str  # the organ when the report names no other 落款
    date: str  # DATE_BLANK when the report has none yet

    def right_indents(self) -> tuple[float, float]:
        """How far (in characters) the 落款 and the date end from the right margin, unsealed
        (GB/T 9704 §7.3.5.2): the organ two characters in, the date starting two characters
        further in than the organ's name; a long date moves the name instead."""
        signer_w, date_w = text_width_em(self.signer), text_width_em(self.date)
        signer_right, date_right = 2.0, signer_w - date_w
        if date_right < 2:
            date_right, signer_right = 2.0, 4 + date_w - signer_w
        return signer_right, date_right


Block = Title | Heading | Paragraph | Table | Closing


def text_width_em(text: str) -> float:
    """The width of `text` in ems as the GB/T faces set it: Chinese full width, ASCII half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def printable(text: str) -> str:
    """`text` without the characters no document format may hold."""
    return _NOT_TEXT.sub("", text)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a prose field: one a line, surrounding spaces and empty lines dropped.
    (Word's manual line break, U+000B, ends a line here too.)"""
    lines = (printable(line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def paragraph(text: str) -> Paragraph:
    lead = LEAD.match(text)
    if lead is None:
        return Paragraph(text)
    return Paragraph(text, 2 if text.startswith("（") else 1, lead.end())


def title(report: Report) -> Title:
    organ = printable(report.meta.organ).strip()
    return Title(organ, f"{report.meta.year}年政府信息公开工作年度报告")


def closing(report: Report) -> Closing:
    signer = printable(report.meta.signer or report.meta.organ).strip()
    return Closing(signer, printable(report.meta.date).strip() or DATE_BLANK)


def report_outline(report: Report) -> list[Block]:
    """Title, opening, the six sections with their sub-headings, prose and tables, 落款."""
    form = report.form
    blocks: list[Block] = [title(report)]
    blocks += [paragraph(p) for p in paragraphs(report.prose.get(form.opening.key, ""))]
    for section in form.sections:
        blocks.append(Heading(section.title, 1))
        for field in section.prose:
            if field.heading:
                blocks.append(Heading(field.heading, 2))
            blocks += [paragraph(p) for p in paragraphs(report.prose.get(field.key, ""))]
        if section.table is not None:
            blocks.append(Table(form.table(section.table)))
    blocks.append(closing(report))
    return blocks

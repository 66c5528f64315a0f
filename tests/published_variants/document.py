"""A report as a published document: title (as offices word it), opening, sections, tables, 落款.

The renderers (pdf.py, web.py, text.py) draw these blocks each their own way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from editor.domain.model import Report
from tests.published_variants.grid import Expected, Grid, Style, build_grid

# Title wordings seen on real reports, as lines (organ, year) -> lines.
TITLES: tuple[Callable[[str, int], list[str]], ...] = (
    lambda o, y: [f"{o}{y}年政府信息公开工作年度报告"],
    lambda o, y: [f"{y}年{o}政府信息公开工作年度报告"],  # year first
    lambda o, y: [f"{o}{y}年度政府信息公开工作年度报告"],
    lambda o, y: [f"{o}关于{y}年政府信息公开工作的年度报告"],
    lambda o, y: [f"{o}{y}年政府信息公开年度报告"],  # no 工作
    lambda o, y: [o, f"{y}年政府信息公开工作年度报告"],  # two lines
    lambda o, y: [f"{o}{y}年政府信息公开", "工作年度报告"],  # broken mid-title
    lambda o, y: [f"{y}年{o}", "政府信息公开工作年度报告"],  # year first, two lines
    lambda o, y: [f"{o}政府信息公开工作年度报告"],  # the year only in the 统计期限 sentence
)
YEARLESS = {len(TITLES) - 1}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 title, 1 section


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class TableBlock:
    grid: Grid


@dataclass(frozen=True)
class Closing:
    signer: str
    date: str


Block = Heading | Paragraph | TableBlock | Closing


@dataclass
class Document:
    blocks: list[Block]
    expected: Expected


def opening(report: Report, style: Style) -> str:
    text = report.prose.get("opening", "")
    if style.period or style.title in YEARLESS:
        year = report.meta.year
        text += f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    return text


def build_document(report: Report, style: Style, *, filler: int = 0) -> Document:
    """The report's blocks; `filler` paragraphs before 表三 push it across a page break."""
    expected = Expected()
    blocks: list[Block] = [
        Heading(line, 0) for line in TITLES[style.title](report.meta.organ, report.meta.year)
    ]
    if text := opening(report, style):
        blocks.append(Paragraph(text))
    form = report.form
    for section in form.sections:
        blocks.append(Heading(section.title, 1))
        for field in section.prose:
            if field.heading:
                blocks.append(Paragraph(field.heading))
            blocks += [Paragraph(p) for p in report.prose.get(field.key, "").split("\n") if p]
        if section.table:
            if section.table == "requests":
                blocks += [Paragraph(FILLER) for _ in range(filler)]
            grid = build_grid(report, form.table(section.table), style, expected)
            blocks.append(TableBlock(grid))
    blocks.append(Closing(report.meta.signer, report.meta.date))
    return Document(blocks, expected)


FILLER = (
    "为进一步做好政府信息公开工作，本机关坚持以公开为常态、不公开为例外，"
    "持续完善工作机制，规范公开流程，提升公开质量，切实保障人民群众的知情权、参与权和监督权。"
)

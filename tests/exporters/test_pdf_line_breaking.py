"""Chinese line breaking in the PDF: no line starts with a mark that closes or ends something
(，。、；：！？ ” ’ ） 》 …), in the layout of any text and in an exported report read back."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from reportlab.platypus import Paragraph

from editor.exporters.pdf import PdfOptions, export_pdf
from editor.exporters.pdf.line_breaking import CANNOT_START_LINE
from editor.exporters.pdf.styles import TEXT_WIDTH, build_styles
from tests.factories import consistent_report

HAN = "政府信息公开申请办理答复主动行政复议诉讼平台建设规范管理工作年度情况"
MARKS = "，。、；：！？”’）》…"


def _text(rng: random.Random, length: int) -> str:
    """Running Chinese text with a mark every few characters, some after quotes or brackets."""
    out: list[str] = []
    while len(out) < length:
        out += rng.choices(HAN, k=rng.randint(2, 9))
        if rng.random() < 0.2:
            out += ["“", *rng.choices(HAN, k=rng.randint(1, 6)), "”"]
        if rng.random() < 0.1:
            out += ["《", *rng.choices(HAN, k=rng.randint(2, 8)), "》"]
        out.append(rng.choice(MARKS[:7]))
    return "".join(out)


def _line_starts(paragraph: Paragraph) -> list[tuple[str, str]]:
    """(last character of the line before, first character) at each line break."""
    texts = ["".join(line[1]) for line in paragraph.blPara.lines]
    return [(a[-1], b[0]) for a, b in pairwise(texts) if a and b]


@pytest.mark.parametrize("width_share", [1.0, 0.62, 0.31])  # body text, and narrower columns
def test_pdf_line_breaking_never_starts_a_line_with_a_closing_mark(width_share: float) -> None:
    styles = build_styles(PdfOptions().faces())
    rng = random.Random(width_share)
    breaks = 0
    for _ in range(60):
        paragraph = Paragraph(_text(rng, rng.randint(40, 400)), styles.body)
        paragraph.wrap(TEXT_WIDTH * width_share, 10_000)
        for before, first in _line_starts(paragraph):
            breaks += 1
            # Two closing marks in a row ("。”") may put the second on the next line: reportlab
            # hangs one mark at most, and a line of marks alone would be worse.
            assert first not in CANNOT_START_LINE or before in CANNOT_START_LINE, (before, first)
    assert breaks > 100  # the texts did wrap, many times


def test_pdf_line_breaking_in_an_exported_report(tmp_path: Path) -> None:
    report = consistent_report(seed=4)
    rng = random.Random(4)
    for key in ("overview", "problems", "other"):
        report.prose[key] = _text(rng, 600)
    path = tmp_path / "r.pdf"
    export_pdf(report, path, PdfOptions(draft=False))
    with pdfplumber.open(path) as pdf:
        lines = [
            line["text"]
            for page in pdf.pages
            for line in page.extract_text_lines(layout=False, strip=True)
        ]
    assert len(lines) > 40
    wrong = [
        (before, line)
        for before, line in pairwise(lines)
        if line[0] in CANNOT_START_LINE and before[-1] not in CANNOT_START_LINE
    ]
    assert wrong == []

"""Writes a published report's text as the documents the smoke test imports with the bundle.

    python3 packaging/make_smoke_documents.py REPORT.txt OUTDIR  # OUTDIR/gb1.pdf, report.docx

gb1.pdf is set in reportlab's STSong-Light: a CJK font that is not embedded and is encoded with
Adobe's predefined UniGB-UCS2-H CMap, as some report generators do. Reading it needs the
Adobe-GB1 CMaps that bundle_filter.py keeps (and nothing else from pdfminer's CMap folder).
report.docx holds the same lines as Word paragraphs: reading it needs python-docx and lxml, which
bundle_filter.py and the spec trim. Both must import exactly as the text does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas


def write_gb1_pdf(lines: list[str], target: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(target), pagesize=A4)
    _width, height = A4
    y = height - 50
    for line in lines:
        if y < 50:
            canvas.showPage()
            y = height - 50
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(40, y, line.replace("\t", "    "))
        y -= 13
    canvas.save()


def write_docx(lines: list[str], target: Path) -> None:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(target))


def main(source: str, out_dir: str) -> None:
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    out = Path(out_dir)
    write_gb1_pdf(lines, out / "gb1.pdf")
    write_docx(lines, out / "report.docx")


if __name__ == "__main__":
    main(*sys.argv[1:3])

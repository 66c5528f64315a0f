"""Writes a text file as a PDF in reportlab's STSong-Light, for the smoke test.

STSong-Light is a CJK font that is not embedded and is encoded with Adobe's predefined
UniGB-UCS2-H CMap, as some report generators do. Reading such a PDF needs the Adobe-GB1 CMaps
that bundle_filter.py keeps in the bundle (and nothing else from pdfminer's CMap folder).

    python3 packaging/make_gb1_pdf.py REPORT.txt OUT.pdf
"""

from __future__ import annotations

import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

source, target = sys.argv[1], sys.argv[2]
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
canvas = Canvas(target, pagesize=A4)
width, height = A4
y = height - 50
with open(source, encoding="utf-8") as text:
    lines = text.read().splitlines()
for line in lines:
    if y < 50:
        canvas.showPage()
        y = height - 50
    canvas.setFont("STSong-Light", 9)
    canvas.drawString(40, y, line.replace("\t", "    "))
    y -= 13
canvas.save()

"""How long the PDF export of the sample takes, font loading included (goal: under 1 s).

Each cold run is a fresh process, so the CJK font is parsed and registered as on a first export.
Baseline, measured in the same run and the same way: a one-page reportlab document with the
same bundled font and one line of Chinese — the unavoidable cost of reportlab plus the font.
Run: python benchmarks/pdf.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
RUNS = 5

# Both scripts time themselves from their first import to the written file, and print seconds.
EXPORT = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from editor.domain.storage import load_report
from editor.exporters.pdf import PdfOptions, export_pdf
export_pdf(load_report(sys.argv[1]), Path(sys.argv[2]), PdfOptions(signature=True))
print(time.perf_counter() - start)
"""

BASELINE = """
import sys, time
start = time.perf_counter()
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from editor.assets import BUNDLED_CJK_FONT
pdfmetrics.registerFont(TTFont("cjk", str(BUNDLED_CJK_FONT), subfontIndex=0))
canvas = Canvas(sys.argv[2])
canvas.setFont("cjk", 16)
canvas.drawString(72, 720, "政府信息公开工作年度报告")
canvas.save()
print(time.perf_counter() - start)
"""


def _cold(script: str, out: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", script, str(SAMPLE), str(out)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        times.append(float(done.stdout.strip()))
    return times


def _warm(out: Path) -> list[float]:
    from editor.domain.storage import load_report
    from editor.exporters.pdf import PdfOptions, export_pdf

    report = load_report(SAMPLE)
    export_pdf(report, out, PdfOptions())  # loads the fonts once
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        export_pdf(report, out, PdfOptions(signature=True))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = _cold(EXPORT, folder / "sample.pdf")
        pages = (folder / "sample.pdf").read_bytes().count(b"/Type /Page\n")
        baseline = _cold(BASELINE, folder / "baseline.pdf")
        warm = _warm(folder / "warm.pdf")
    e, b, w = (statistics.median(t) for t in (export, baseline, warm))
    print(
        f"sample export, fresh process, fonts included: median {e * 1000:.0f} ms "
        f"({pages or '?'} pages; goal < 1000 ms)"
    )
    print(f"baseline (reportlab + the same font, one line): median {b * 1000:.0f} ms")
    print(f"ratio export / baseline: {e / b:.2f}")
    print(f"sample export again in the same process (fonts loaded): median {w * 1000:.0f} ms")


if __name__ == "__main__":
    main()

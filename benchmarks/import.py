"""How long importing each published report takes (goal: under 1 s for a PDF).

Every file in ../shared/samples, and published-looking PDFs made by tests/published_variants
(ruled, without ruling lines, 表三 broken across a page). Baselines, measured in the same run:
for text files, reading the file and finding every number in it with a regex; for a PDF,
`pdftotext -layout` (poppler, a separate process) on the same file, and pdfplumber's plain text
extraction without tables (what the import cannot do with less).
Run: python benchmarks/import.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.published_variants makes the generated PDFs

from editor.importers.published import import_published  # noqa: E402

# ../shared/samples beside the clone (NIANBAO_SAMPLES names it elsewhere, as for the tests), or
# one level further up from a worktree.
SAMPLES = (
    Path(os.environ["NIANBAO_SAMPLES"])
    if os.environ.get("NIANBAO_SAMPLES")
    else next(
        (
            p / "shared" / "samples"
            for p in (ROOT.parent, ROOT.parent.parent)
            if (p / "shared" / "samples").is_dir()
        ),
        ROOT.parent / "shared" / "samples",
    )
)
PDF_GOAL = 1.0  # seconds


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def text_baseline(path: Path) -> float:
    return best(lambda: re.findall(r"\d+", path.read_text(encoding="utf-8")))


def pdftotext_baseline(path: Path) -> float | None:
    if shutil.which("pdftotext") is None:
        return None
    return best(
        lambda: subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
        )
    )


def pdfplumber_text_baseline(path: Path) -> float:
    import pdfplumber

    def run() -> None:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    return best(run, repeat=3)


def generated_pdfs(folder: Path) -> list[Path]:
    from tests.published_variants import Style, render, sample_report

    report = sample_report(seed=7, zero_share=0.5, high=999)
    out = []
    for medium, style, broken in (
        ("pdf-ruled", Style(stray_slash=True), True),
        ("pdf-plain", Style(), False),
        ("pdf-ruled-wrapped", Style(zeros="", other_as_one_row=True), False),
    ):
        path, _expected = render(report, style, medium, folder, broken_table=broken)
        named = folder / f"generated-{medium}{'-broken' if broken else ''}.pdf"
        path.rename(named)
        out.append(named)
    return out


def measure(path: Path) -> list[tuple[str, float, float | None, str]]:
    def run(p: Path = path) -> object:
        return import_published(p)

    took = best(run, repeat=3 if path.suffix == ".pdf" else 5)
    if path.suffix == ".pdf":
        rows = [
            ("pdftotext -layout", pdftotext_baseline(path)),
            ("pdfplumber text only", pdfplumber_text_baseline(path)),
        ]
    else:
        rows = [("read + regex numbers", text_baseline(path))]
    return [(path.name, took, base, what) for what, base in rows]


def main() -> None:
    files: list[Path] = []
    if SAMPLES.is_dir():
        files += [p for p in sorted(SAMPLES.iterdir()) if p.suffix in {".txt", ".pdf", ".html"}]
    else:
        print(f"samples not found: {SAMPLES} (generated PDFs only)")
    with tempfile.TemporaryDirectory() as folder:
        files += generated_pdfs(Path(folder))
        import_published(files[0])  # warm up imports (pdfplumber, docx)
        print(f"{'file':<34}{'import':>10}{'baseline':>12}{'ratio':>8}  baseline is")
        slowest_pdf = 0.0
        for path in files:
            for i, (name, took, base, what) in enumerate(measure(path)):
                if path.suffix == ".pdf":
                    slowest_pdf = max(slowest_pdf, took)
                label = name if i == 0 else ""
                shown = f"{took * 1000:8.1f}ms" if i == 0 else " " * 10
                if base is None:
                    print(f"{label:<34}{shown}{'—':>12}{'—':>8}  {what} (not installed)")
                    continue
                print(f"{label:<34}{shown}{base * 1000:10.1f}ms{took / base:8.1f}  {what}")
    verdict = "met" if slowest_pdf < PDF_GOAL else "NOT met"
    print(f"goal: a PDF imports in under {PDF_GOAL:.0f} s — slowest {slowest_pdf:.2f} s: {verdict}")


if __name__ == "__main__":
    main()

"""How long importing each published sample takes (goal: under 1 s for the PDF).

Baselines, measured in the same run: for text files, reading the file and finding every number
in it with a regex; for the PDF, `pdftotext -layout` (poppler, a separate process) on the same
file, and pdfplumber's plain text extraction without tables.
Run: python benchmarks/import.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from editor.importers.published import import_published

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"


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


def main() -> None:
    if not SAMPLES.is_dir():
        raise SystemExit(f"samples not found: {SAMPLES}")
    import_published(SAMPLES / "longting-2023.txt")  # warm up imports (pdfplumber, docx)
    print(f"{'sample':<22}{'import':>10}{'baseline':>12}{'ratio':>8}  baseline is")
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix not in {".txt", ".pdf", ".html", ".docx"}:
            continue

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
        for i, (what, base) in enumerate(rows):
            name = path.name if i == 0 else ""
            shown = f"{took * 1000:8.1f}ms" if i == 0 else " " * 10
            if base is None:
                print(f"{name:<22}{shown}{'—':>12}{'—':>8}  {what} (not installed)")
                continue
            print(f"{name:<22}{shown}{base * 1000:10.1f}ms{took / base:8.1f}  {what}")
    print("goal: the PDF imports in under 1 s")


if __name__ == "__main__":
    main()

"""How long the Word (.docx) and web page (.html) exports of the sample take (goal: each < 0.3 s).

Cold runs are fresh processes timed from their first import to the written file, loading the
sample included, as `nianbao export` does. Baselines, measured in the same run and the same
way, load the same sample and write the least document of the same kind:
  docx: python-docx's blank document with the report's title as one paragraph;
  html: the report's title and prose, escaped, as paragraphs of a page.
Warm runs repeat the export in one process (what the window's second export costs).
Run: python benchmarks/publish.py
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

_TIMED = """
import sys, time
start = time.perf_counter()
from pathlib import Path
from editor.domain.storage import load_report
report = load_report(sys.argv[1])
out = Path(sys.argv[2])
{body}
print(time.perf_counter() - start)
"""

SCRIPTS = {
    "docx": """
from editor.exporters.docx_export import export_docx
export_docx(report, out)
""",
    "docx-baseline": """
from docx import Document
document = Document()
document.add_paragraph(report.title)
document.save(str(out))
""",
    "html": """
from editor.exporters.html_export import export_html
export_html(report, out)
""",
    "html-baseline": """
from html import escape
paragraphs = [report.title, *report.prose.values()]
out.write_text("".join(f"<p>{escape(p)}</p>" for p in paragraphs), encoding="utf-8")
""",
}


def _cold(name: str, folder: Path) -> list[float]:
    script = _TIMED.format(body=SCRIPTS[name])
    out = folder / f"{name}.{name.split('-')[0]}"
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


def _warm(folder: Path) -> dict[str, list[float]]:
    sys.path.insert(0, str(ROOT))
    from editor.domain.storage import load_report
    from editor.exporters.docx_export import export_docx
    from editor.exporters.html_export import export_html

    report = load_report(SAMPLE)
    out: dict[str, list[float]] = {}
    for name, export in (("docx", export_docx), ("html", export_html)):
        path = folder / f"warm.{name}"
        export(report, path)  # imports and caches once
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            export(report, path)
            times.append(time.perf_counter() - start)
        out[name] = times
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cold = {name: statistics.median(_cold(name, folder)) for name in SCRIPTS}
        sizes = {kind: (folder / f"{kind}.{kind}").stat().st_size for kind in ("docx", "html")}
        warm = {name: statistics.median(t) for name, t in _warm(folder).items()}
    for kind in ("docx", "html"):
        export, baseline = cold[kind], cold[f"{kind}-baseline"]
        print(
            f"{kind}: fresh process, sample loaded and exported: median {export * 1000:.0f} ms "
            f"({sizes[kind] // 1024} KiB; goal < 300 ms)"
        )
        print(f"{kind} baseline (the least {kind} of the report): median {baseline * 1000:.0f} ms")
        print(f"{kind} ratio export / baseline: {export / baseline:.2f}")
        print(f"{kind} export again in the same process: median {warm[kind] * 1000:.0f} ms")


if __name__ == "__main__":
    main()

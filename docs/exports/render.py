"""Renders the sample's Word and web exports the way a reader sees them, into this folder.

The .docx is laid out by LibreOffice (headless, its own throwaway profile) and its pages turned
into PNGs by pdftoppm; the .html is opened in headless Chromium and screenshotted. A copy of
the sample with one broken total shows the draft mark.

    apt-get install -y libreoffice-writer-nogui chromium poppler-utils
    python docs/exports/render.py

Nothing here touches the network: Chromium runs with background networking off and opens a
local file that fetches nothing.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from editor.domain.forms import CellRef  # noqa: E402
from editor.domain.storage import load_report  # noqa: E402
from editor.exporters.docx_export import export_docx  # noqa: E402
from editor.exporters.html_export import export_html  # noqa: E402

SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"


def _word_pages(docx: Path, work: Path, prefix: str, pages: int | None = None) -> list[Path]:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("LibreOffice or pdftoppm missing: Word pages not rendered")
        return []
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = work / f"{docx.stem}.pdf"
    last = ["-l", str(pages)] if pages else []
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", *last, str(pdf), str(HERE / prefix)], check=True
    )
    return sorted(HERE.glob(f"{prefix}-*.png"))


def _web_page(html: Path, work: Path, out: Path) -> Path | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium missing: web page not rendered")
        return None
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={work / 'chromium-profile'}",
            "--hide-scrollbars",
            "--window-size=1000,2400",
            f"--screenshot={out}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def _shrink(path: Path) -> None:
    """A 32-colour palette: text, rules and the red mark survive, the file is a third the size."""
    from PIL import Image  # reportlab's dependency

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=32)
    small.save(path, optimize=True)


def main() -> None:
    report = load_report(SAMPLE)
    broken = copy.deepcopy(report)
    broken.set(CellRef("requests", "received", "natural"), 30)
    for old in HERE.glob("word-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export_docx(report, work / "sample.docx")
        export_docx(broken, work / "draft.docx")
        export_html(report, work / "sample.html")
        written = _word_pages(work / "sample.docx", work, "word-page")
        written += _word_pages(work / "draft.docx", work, "word-draft", pages=1)
        web = _web_page(work / "sample.html", work, HERE / "web.png")
    for path in [*written, *([web] if web else [])]:
        _shrink(path)
        print(path.relative_to(ROOT), f"{path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()

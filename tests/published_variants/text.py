"""Text made from a published report: `pdftotext -layout` of its PDF, and a site crawl that ran
every table cell together with no separator at all (like the 平潭 samples)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.published_variants.document import Closing, Document, Heading, Paragraph, TableBlock


def has_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def render_layout(pdf: Path, path: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(pdf), str(path)], check=True, timeout=60)


def render_crawl(document: Document, path: Path) -> None:
    """One line a block of prose, each table on one line with its cells joined."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            lines.append(block.text)
        elif isinstance(block, TableBlock):
            grid = block.grid
            lines.append("".join(c.text for r in range(grid.rows) for c in grid.row_cells(r)))
        elif isinstance(block, Closing):
            lines += [block.signer, block.date]
    path.write_text(" ".join(lines), encoding="utf-8")

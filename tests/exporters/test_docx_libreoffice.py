"""The Word export laid out by another word processor: LibreOffice turns it into a PDF, which is
read back. Skipped where LibreOffice is not installed (Debian: libreoffice-writer-nogui)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from editor.domain.layout import table_layout
from editor.domain.model import Report
from editor.exporters.docx_export import export_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _render(report: Report, folder: Path) -> Path:
    docx = folder / "report.docx"
    export_docx(report, docx)
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # not the user's profile
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "report.pdf"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_docx_libreoffice_lays_out_numbered_a4_pages_with_the_tables(
    sample_report: Report, tmp_path: Path
) -> None:
    pdf_path = _render(sample_report, tmp_path)
    with pdfplumber.open(pdf_path) as pdf:
        pages = pdf.pages
        assert len(pages) >= 4
        texts = [page.extract_text() or "" for page in pages]
        for number, page in enumerate(pages, start=1):
            assert (round(page.width), round(page.height)) == (595, 842)
            # The PAGE field, evaluated on each page, between the dashes.
            assert re.search(rf"—\s*{number}\s*—", texts[number - 1]), number
        body = _squeeze("".join(texts))
        for section in sample_report.form.sections:
            assert _squeeze(section.title) in body
        # 表三 crosses a page: its piece on each page starts with its header rows again.
        corner = _squeeze(table_layout(sample_report.form.table("requests")).cells[0].text)
        pieces = [
            table
            for page in pages
            for table in page.extract_tables()
            if table and table[0] and _squeeze(table[0][0] or "") == corner
        ]
        assert len(pieces) >= 2

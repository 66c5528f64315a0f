"""PDF export of a report as an official document (GB/T 9704); the same bytes feed printing."""

from __future__ import annotations

from editor.exporters.pdf.document import SIGNATURE_LINES, export_pdf, render_pdf_bytes
from editor.exporters.pdf.options import (
    DRAFT_MARK,
    PageNumberPlace,
    PdfOptions,
    error_count,
    is_draft,
)

__all__ = [
    "DRAFT_MARK",
    "SIGNATURE_LINES",
    "PageNumberPlace",
    "PdfOptions",
    "error_count",
    "export_pdf",
    "is_draft",
    "render_pdf_bytes",
]

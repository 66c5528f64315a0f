"""What the user can choose for a PDF: signature block, draft mark, page numbers, fonts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from editor.domain.model import Report
from editor.exporters.draft import DRAFT_MARK, draft_wanted, error_count
from editor.exporters.fonts import FontFace, FontRole, choose_faces

__all__ = ["DRAFT_MARK", "PageNumberPlace", "PdfOptions", "error_count", "is_draft"]


class PageNumberPlace(StrEnum):
    OUTSIDE = "outside"  # GB/T 9704: odd pages right, even pages left (two-sided copies)
    CENTRE = "centre"  # common for one-sided prints


@dataclass(frozen=True)
class PdfOptions:
    signature: bool = False  # the 签字 lines and room for the seal, for the copies to be signed
    draft: bool | None = None  # None: marked exactly when the report has error findings
    fonts: Mapping[FontRole, Path] = field(default_factory=dict)  # the user's file per role
    system_fonts: bool = True  # False: the bundled font only
    page_numbers: PageNumberPlace = PageNumberPlace.OUTSIDE

    def faces(self) -> dict[FontRole, FontFace]:
        return choose_faces(self.fonts, system=self.system_fonts)


def is_draft(report: Report, options: PdfOptions) -> bool:
    """Whether the pages carry the draft mark: the user's choice, else whether checks fail."""
    return draft_wanted(report, options.draft)

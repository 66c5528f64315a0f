"""Whether an exported report carries the draft mark: the user's choice, else whether it fails
its checks. One rule for the PDF, the Word document and the web page."""

from __future__ import annotations

from editor.domain.checks import check_report
from editor.domain.model import Report

DRAFT_MARK = "草稿（未通过校验）"


def error_count(report: Report) -> int:
    return sum(1 for f in check_report(report) if f.is_error)


def draft_wanted(report: Report, draft: bool | None) -> bool:
    """`draft` when the user chose (True/False); with None, marked exactly when checks fail."""
    if draft is not None:
        return draft
    return error_count(report) > 0

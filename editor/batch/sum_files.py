"""The 汇总 of reviewed files, and writing it as a report file or a workbook.

Only a complete pile is summed: a file that could not be read would silently leave its office
out of the figures, so it refuses the 汇总 as a wrong year does (domain.summing).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from editor.batch.review import ReviewedFile
from editor.domain.checks import Finding, check_report
from editor.domain.errors import UserError
from editor.domain.storage import FILE_SUFFIX, save_report
from editor.domain.summing import ReportSum, SumSource, refuse_mismatches, sum_reports

SUM_SUFFIXES = (FILE_SUFFIX, ".xlsx")


def sum_reviewed(files: Sequence[ReviewedFile], organ: str, year: int) -> ReportSum:
    """The 汇总 of `files`. Raises UserError when one cannot be read or does not fit."""
    _refuse_unreadable(files)
    return sum_reports(_sources(files), organ.strip(), year)


def check_summable(files: Sequence[ReviewedFile], year: int) -> None:
    """Raises the UserError the 汇总 of `files` for `year` would raise, without summing."""
    _refuse_unreadable(files)
    refuse_mismatches(_sources(files), year)


def _refuse_unreadable(files: Sequence[ReviewedFile]) -> None:
    unreadable = [f for f in files if f.report is None]
    if unreadable:
        lines = [f"“{f.name}”：{(f.problem or '无法读取').splitlines()[0]}" for f in unreadable]
        raise UserError(
            "无法汇总：以下文件无法读取，汇总会缺少这些单位的数字：\n"
            + "\n".join(lines)
            + "\n请换成可读取的版本，或去掉这些文件后再汇总。"
        )


def _sources(files: Sequence[ReviewedFile]) -> list[SumSource]:
    return [SumSource(f.name, f.report) for f in files if f.report is not None]


def sum_notes(files: Sequence[ReviewedFile], result: ReportSum) -> list[str]:
    """The 汇总's notes, and which summed reports have errors of their own."""
    lines = result.notes()
    with_errors = [f for f in files if f.errors]
    if with_errors:
        shown = "、".join(f"“{f.name}”（{f.errors} 处）" for f in with_errors)
        lines.append(f"以下报告本身有错误，汇总数中也含这些错误：{shown}")
    return lines


def sum_findings(result: ReportSum) -> list[Finding]:
    """The 汇总 checked like any report."""
    return check_report(result.report)


def write_sum(result: ReportSum, path: Path) -> None:
    """Saves the 汇总 as a report file (.nianbao) or a workbook (.xlsx), by the suffix."""
    suffix = path.suffix.lower()
    if suffix == FILE_SUFFIX:
        save_report(result.report, path)  # a failure is already a WriteFileError in Chinese
    elif suffix == ".xlsx":
        from editor.exporters.xlsx import export_xlsx  # openpyxl loads only when needed

        export_xlsx(result.report, path)
    else:
        raise UserError(
            f"汇总只能保存为年报文件（{FILE_SUFFIX}）或 Excel 工作簿（.xlsx），"
            f"不能保存为“{path.suffix or path.name}”。"
        )

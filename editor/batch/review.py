"""One file of a collected pile, reviewed: read by its importer, checked, summed up for a row.

`review_file` never raises: whatever goes wrong reading one file (a bad file, a bug in a reader,
memory) becomes that file's row, so one file never stops a review of hundreds.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from editor.batch.inputs import InputFile
from editor.domain.checks import Finding, check_report, count_by_severity
from editor.domain.errors import UserError
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.domain.userfiles import describe_os_error
from editor.importers.any_file import format_name, read_any
from editor.importers.intake import reason_for
from editor.importers.result import ImportNote

# The figures a reviewer compares across reports (the 表三 and 表四 totals), in column order.
KEY_FIGURES: tuple[tuple[str, tuple[CellRef, ...]], ...] = (
    ("新收申请", (CellRef("requests", "received", "total"),)),
    ("办结", (CellRef("requests", "results_total", "total"),)),
    ("结转下年", (CellRef("requests", "carried_out", "total"),)),
    ("行政复议", (CellRef("appeals", "review", "total"),)),
    (
        "行政诉讼",
        (
            CellRef("appeals", "suit_direct", "total"),
            CellRef("appeals", "suit_after_review", "total"),
        ),
    ),
)


# The columns of a report's row, in the workbook and in the window (the workbook adds 序号).
ROW_HEADINGS: tuple[str, ...] = (
    "文件",
    "机关",
    "年度",
    "格式",
    "错误",
    "提醒",
    "待确认",
    *(label for label, _refs in KEY_FIGURES),
    "状态",
    "说明",
)
RowValue = str | int | float | None


@dataclass(frozen=True)
class ReviewedFile:
    """A reviewed file: its report and findings, or `problem` saying why it could not be read."""

    path: Path
    name: str  # as shown in the rows (relative to the folder it was found in)
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    notes: tuple[ImportNote, ...] = ()
    problem: str = ""

    @property
    def readable(self) -> bool:
        return self.report is not None

    @property
    def format(self) -> str:
        """ "PDF", "Word", "年报文件"…: from the file's suffix, as the reader was chosen."""
        return format_name(self.path)

    @cached_property
    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        return count_by_severity(list(self.findings))

    @property
    def errors(self) -> int:
        return self.counts[0]

    @property
    def warnings(self) -> int:
        return self.counts[1]

    @property
    def unconfirmed(self) -> int:
        """Cells the importer could not decide and left for the clerk (待确认)."""
        return len(self.report.flagged_cells) if self.report is not None else 0

    @property
    def organ(self) -> str:
        return self.report.meta.organ if self.report is not None else ""

    @property
    def year(self) -> int | None:
        return self.report.meta.year if self.report is not None else None

    def figures(self) -> list[int | float | None]:
        """The key figures in KEY_FIGURES order; blank where every cell is blank."""
        if self.report is None:
            return [None] * len(KEY_FIGURES)
        out: list[int | float | None] = []
        for _label, refs in KEY_FIGURES:
            values = [v for v in (self.report.get(r) for r in refs) if v is not None]
            out.append(sum(values) if values else None)
        return out

    @property
    def status(self) -> str:
        if self.report is None:
            return "无法读取"
        parts = []
        if self.errors:
            parts.append("有错误")
        if self.unconfirmed:
            parts.append("待确认")
        if not parts:
            parts.append("有提醒" if self.warnings else "通过")
        return "，".join(parts)

    def row(self) -> list[RowValue]:
        """The values under ROW_HEADINGS; counts are blank for a file that could not be read."""
        readable = self.report is not None
        return [
            self.name,
            self.organ,
            self.year,
            self.format,
            self.errors if readable else None,
            self.warnings if readable else None,
            self.unconfirmed if readable else None,
            *self.figures(),
            self.status,
            self.explanation,
        ]

    @property
    def explanation(self) -> str:
        """Why it could not be read, or its first error, in a line or two."""
        if self.report is None:
            return self.problem
        first = next((f for f in self.findings if f.is_error), None)
        if first is None:
            return ""
        more = f"（共 {self.errors} 处错误）" if self.errors > 1 else ""
        return first.message + more

    def worst_first(self) -> tuple[int, int, int, int, str]:
        """Sort key: unreadable files, then most errors, most cells to confirm, most warnings."""
        return (
            0 if self.report is None else 1,
            -self.errors,
            -self.unconfirmed,
            -self.warnings,
            self.name,
        )


@dataclass
class ReviewSummary:
    reports: int = 0
    unreadable: int = 0
    with_errors: int = 0
    to_confirm: int = 0
    clean: int = 0
    years: dict[int, int] = field(default_factory=dict)

    def text(self) -> str:
        parts = [f"共 {self.reports} 份"]
        if self.unreadable:
            parts.append(f"{self.unreadable} 份无法读取")
        parts.append(f"{self.with_errors} 份有错误")
        if self.to_confirm:
            parts.append(f"{self.to_confirm} 份有待确认的单元格")
        parts.append(f"{self.clean} 份无错误")
        line = "，".join(parts)
        if len(self.years) > 1:
            shown = "、".join(f"{y} 年 {n} 份" for y, n in sorted(self.years.items()))
            line += f"（年度不一：{shown}）"
        return line

    @property
    def exit_code(self) -> int:
        """As `check`: 2 when a file could not be read, 1 when a report has errors, else 0."""
        if self.unreadable:
            return 2
        return 1 if self.with_errors else 0


def summarize(files: list[ReviewedFile]) -> ReviewSummary:
    summary = ReviewSummary(reports=len(files))
    for f in files:
        if f.year is not None:
            summary.years[f.year] = summary.years.get(f.year, 0) + 1
        if not f.readable:
            summary.unreadable += 1
            continue
        summary.with_errors += f.errors > 0
        summary.to_confirm += f.unconfirmed > 0
        summary.clean += f.errors == 0
    return summary


def review_file(item: InputFile) -> ReviewedFile:
    """Reads and checks one file; any failure becomes the row's `problem`."""
    path = item.path
    try:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            return ReviewedFile(path, item.name, problem=f"找不到文件“{path}”。")
        if not stat.S_ISREG(mode):  # a folder, a pipe or a device: reading could block forever
            return ReviewedFile(path, item.name, problem=f"“{path.name}”不是普通文件。")
        result = read_any(path)
        findings = [*check_report(result.report), *result.findings]
        findings.sort(key=lambda f: not f.is_error)
        return ReviewedFile(path, item.name, result.report, tuple(findings), tuple(result.notes))
    except UserError as e:
        return ReviewedFile(path, item.name, problem=str(e))
    except MemoryError:
        return ReviewedFile(path, item.name, problem="文件过于复杂，读取时内存不足。")
    except RecursionError:
        return ReviewedFile(path, item.name, problem="文件结构嵌套过深，无法读取。")
    except OSError as e:  # a symbolic-link loop, a vanished network share…
        return ReviewedFile(path, item.name, problem=describe_os_error(e, path, format_name(path)))
    except Exception as e:  # a reader's bug must not stop the other files
        return ReviewedFile(
            path,
            item.name,
            # The reason in Chinese, never the exception's class name or English text.
            problem=f"“{path.name}”{reason_for(e)}，无法读取。",
        )

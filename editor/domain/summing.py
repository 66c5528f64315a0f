"""The 汇总 of many reports: every table cell summed, for the office reporting to the level above.

Blank is not 0 (spec §3): a cell blank in every report stays blank; a cell some reports left blank
is the sum of the others, flagged 待确认 in the 汇总 and named per report, because the blank may be
a missing number rather than none. Reports of another year or format, or one office twice (the
same report sent as PDF and Word), would make the sums wrong: they are refused, all at once.

Which reports the 汇总 sums is written into its opening paragraph (开头): the file format has no
field for it, and the opening travels with the 汇总 into the editor, Excel and PDF, where whoever
opens it sees what it was made of until they write the real text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormDef, form_for, form_version_for_year
from editor.domain.model import Meta, Report, TableValues, nested_values

_SHOWN_CELLS = 5  # cells named per report in a note; the rest are counted
_OPENING_MARK = "汇总而成"
_SOURCE_LINE = re.compile(r"^\d+\. (.+)（[^（）]*）$", re.MULTILINE)  # "3. 某某局（file.pdf）"


@dataclass(frozen=True)
class SumSource:
    name: str  # the file it came from, as the clerk knows it
    report: Report


@dataclass
class ReportSum:
    report: Report
    sources: list[SumSource]
    # Per source: the cells it left blank that other reports filled (summed without it).
    blanks: dict[str, list[CellRef]] = field(default_factory=dict)
    # Per source: how many of its cells an import left to confirm (flagged in the 汇总 too).
    unconfirmed: dict[str, int] = field(default_factory=dict)
    previous_summed: bool = False

    def notes(self) -> list[str]:
        """What the clerk should know about the 汇总, one line a note."""
        form = self.report.form
        lines = [f"汇总 {len(self.sources)} 份报告：" + "、".join(_label(s) for s in self.sources)]
        for name, cells in self.blanks.items():
            shown = "、".join(form.cell_name(c) for c in cells[:_SHOWN_CELLS])
            more = f"等 {len(cells)} 个单元格" if len(cells) > _SHOWN_CELLS else ""
            lines.append(f"“{name}”留空：{shown}{more}；汇总只计其余报告，这些单元格标为待确认")
        for name, count in self.unconfirmed.items():
            lines.append(f"“{name}”有 {count} 个单元格待确认，汇总中同一单元格也标为待确认")
        if self.previous_summed:
            lines.append("各报告都保留了上年数值：上年数值也已汇总，用于跨年度检查")
        return lines


def _label(source: SumSource) -> str:
    organ = source.report.meta.organ or "（未写机关名称）"
    return f"{organ}（{source.name}）"


def sum_reports(sources: Sequence[SumSource], organ: str, year: int) -> ReportSum:
    """The 汇总 of `sources` for `organ` and `year`. Raises UserError when they cannot be summed."""
    refuse_mismatches(sources, year)
    version = form_version_for_year(year)
    form = form_for(version)
    reports = [s.report for s in sources]
    values, blanks = _sum_cells(form, sources, [r.tables for r in reports])
    report = Report(meta=Meta(organ=organ, year=year, form_version=version, signer=organ))
    report.tables = nested_values(values)
    flagged: set[str] = {ref.key for cells in blanks.values() for ref in cells}
    unconfirmed: dict[str, int] = {}
    for source in sources:
        if source.report.flagged_cells:
            unconfirmed[source.name] = len(source.report.flagged_cells)
            flagged.update(source.report.flagged_cells)
    known = {ref.key for ref in form.cells}
    report.flagged_cells = [ref.key for ref in form.cells if ref.key in flagged & known]
    result = ReportSum(report, list(sources), blanks, unconfirmed)
    previous_forms = {r.previous_form or r.meta.form_version for r in reports}
    if all(r.previous is not None for r in reports) and len(previous_forms) == 1:
        last_form = form_for(previous_forms.pop())
        tables = [r.previous or {} for r in reports]
        previous, _ = _sum_cells(last_form, sources, tables)
        report.previous = nested_values(previous)
        report.previous_form = last_form.version
        result.previous_summed = True
    report.prose[form.opening.key] = _opening(result)
    return result


def refuse_mismatches(sources: Sequence[SumSource], year: int) -> None:
    """Raises UserError when `sources` cannot be summed for `year`: none, another year, another
    form, an organ twice, a 汇总 beside a report it already holds. Sums nothing."""
    version = form_version_for_year(year)
    if not sources:
        raise UserError("没有可汇总的报告。")
    problems: list[str] = []
    other_year = [s for s in sources if s.report.meta.year != year]
    if other_year:
        shown = "、".join(f"“{s.name}”（{s.report.meta.year} 年）" for s in other_year)
        problems.append(f"以下报告不是 {year} 年度的：{shown}")
    other_form = [
        s for s in sources if s.report.meta.year == year and s.report.meta.form_version != version
    ]
    if other_form:
        shown = "、".join(f"“{s.name}”" for s in other_form)
        problems.append(
            f"以下报告使用的不是 {year} 年度应使用的 {version.value} 年格式"
            f"（{form_for(version).document}），表格不能相加：{shown}"
        )
    by_organ: dict[str, list[str]] = {}
    for s in sources:
        key = "".join(s.report.meta.organ.split())
        if key:
            by_organ.setdefault(key, []).append(s.name)
    twice = {organ: names for organ, names in by_organ.items() if len(names) > 1}
    for s in sources:
        inside = set(summed_organs(s.report)) & set(by_organ)
        inside.discard("".join(s.report.meta.organ.split()))
        if inside:
            # A 汇总 next to a report it already sums: the same figures twice.
            shown = "、".join(sorted(inside))
            problems.append(f"“{s.name}”是汇总报告，已包含以下机关的数字：{shown}")
    if twice:
        shown = "；".join(
            f"{organ}：" + "、".join(f"“{n}”" for n in names) for organ, names in twice.items()
        )
        problems.append(
            f"以下机关的报告不止一份（可能是同一份报告的不同格式），汇总会重复计算：{shown}"
        )
    if problems:
        raise UserError("无法汇总：\n" + "\n".join(problems) + "\n请去掉这些文件后再汇总。")


def _sum_cells(
    form: FormDef, sources: Sequence[SumSource], tables: list[TableValues]
) -> tuple[dict[CellRef, int | float], dict[str, list[CellRef]]]:
    values: dict[CellRef, int | float] = {}
    blanks: dict[str, list[CellRef]] = {}
    for ref in form.cells:
        found = [_get(t, ref) for t in tables]
        numbers = [v for v in found if v is not None]
        if not numbers:
            continue  # blank everywhere: blank in the 汇总 too
        values[ref] = _total(numbers)
        for source, value in zip(sources, found, strict=True):
            if value is None:
                blanks.setdefault(source.name, []).append(ref)
    return values, blanks


def _get(tables: TableValues, ref: CellRef) -> int | float | None:
    return tables.get(ref.table, {}).get(ref.row, {}).get(ref.column)


def _total(numbers: list[int | float]) -> int | float:
    if all(type(v) is int for v in numbers):
        return sum(numbers)
    # Amounts (万元) with decimals: fsum avoids 0.1 + 0.2 = 0.30000000000000004.
    return round(math.fsum(numbers), 6)


def _opening(result: ReportSum) -> str:
    lines = [
        f"本报告由以下 {len(result.sources)} 份报告{_OPENING_MARK}（年报编辑器生成，"
        "请改写为正式的总体情况）："
    ]
    lines += [f"{i}. {_label(s)}" for i, s in enumerate(result.sources, 1)]
    return "\n".join(lines)


def summed_organs(report: Report) -> list[str]:
    """The organs a 汇总 made here sums (from its opening), without spaces; [] for a report."""
    opening = report.prose.get(report.form.opening.key, "")
    first, _, rest = opening.partition("\n")
    if _OPENING_MARK not in first:
        return []
    return ["".join(m[1].split()) for m in _SOURCE_LINE.finditer(rest)]

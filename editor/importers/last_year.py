"""A new report started from last year's: organ, contacts, prose as draft (last year's text kept
beside it), carried-over counts and last year's values."""

from __future__ import annotations

from pathlib import Path

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, form_version_for_year
from editor.domain.model import Meta, Report, nested_values, values_of
from editor.domain.storage import FILE_SUFFIX
from editor.domain.values import format_value
from editor.importers.any_file import is_readable, read_any
from editor.importers.intake import finished, kind_of_source, reading
from editor.importers.result import ImportResult, NoteKind

# The mark the editor shows on prose copied from last year until the clerk edits it.
DRAFT_MARK = "上年内容，待更新"
# Last year's column that becomes this year's column, row by row (same column keys).
CARRY_OVER = (("carried_out", "carried_in"),)


def read_last_year(source: Path) -> ImportResult:
    """Last year's report from a `.nianbao`, a workbook, or a published report (any_file's
    readers, so that 新建 and 批量检查 take the same files)."""
    if not is_readable(source):
        raise UserError(
            f"无法从“{source.name}”开始新报告：上年报告应为年报文件（{FILE_SUFFIX}）、"
            "Excel 工作簿（.xlsx）或已发布的年报（.txt .html .docx .pdf）。"
        )
    return read_any(source)


def new_from_last_year(source: Path, year: int) -> ImportResult:
    """This year's report, started from last year's (see the module doc); the notes say what
    was carried and what was left for the clerk."""
    source = Path(source)
    with reading(source, kind_of_source(source)):
        return finished(_new_from(read_last_year(source), source, year))


def _new_from(last_result: ImportResult, source: Path, year: int) -> ImportResult:
    last = last_result.report
    if year <= last.meta.year:
        raise UserError(
            f"新报告的年度（{year}）应晚于上年报告的年度（{last.meta.year}），"
            "请检查 --year 或所选的上年报告。"
        )
    version = form_version_for_year(year)
    report = Report(
        meta=Meta(
            organ=last.meta.organ,
            year=year,
            form_version=version,
            signer=last.meta.signer,
            contact=list(last.meta.contact),
        )
    )
    result = ImportResult(report, source.name)
    for note in last_result.notes:
        result.note(note.kind, f"（读取上年报告）{note.message}", note.cells)
    result.findings.extend(last_result.findings)
    result.note(NoteKind.READ, f"新报告：{report.title}，{version} 年格式")
    if year != last.meta.year + 1:
        result.note(NoteKind.ASSUMED, f"上年报告为 {last.meta.year} 年，不是 {year - 1} 年")
    _copy_prose(last, report, result)
    _carry_values(last, report, result)
    result.note(
        NoteKind.ASSUMED,
        "本年各表数字留空待填（上年数值保留为参考，显示在各单元格旁，并用于跨年度检查）",
    )
    return result


def _copy_prose(last: Report, report: Report, result: ImportResult) -> None:
    keys = {f.key for f in report.form.prose_fields}
    copied = [k for k, text in last.prose.items() if k in keys and text.strip()]
    for key in copied:
        report.prose[key] = last.prose[key]
    # Copied prose stays marked until edited: the 2021 format forbids copied reports (内容雷同).
    report.draft_prose = copied
    # Last year's text stays in the file, so `prose.last_year` can tell a rewritten paragraph
    # from one still (mostly) last year's, long after the first keystroke.
    report.previous_prose = {key: last.prose[key] for key in copied}
    if copied:
        result.note(NoteKind.ASSUMED, f"正文 {len(copied)} 段沿用上年内容，标为“{DRAFT_MARK}”")
    result.note(
        NoteKind.ASSUMED,
        f"机关、联系方式和落款沿用上年；成文日期留空（上年为“{last.meta.date or '空'}”）",
    )


def _carry_values(last: Report, report: Report, result: ImportResult) -> None:
    """Last year's values as the reference, only cells meaning the same in both years' forms
    (spec §3.4); this year's 上年结转 = last year's 结转下年度继续办理, column by column."""
    form = report.form
    same = set(form.cells) & set(last.form.cells)
    previous = {ref: value for ref, value in values_of(last).items() if ref in same}
    report.previous = nested_values(previous)
    report.previous_form = last.meta.form_version
    if last.form is not form:
        dropped = sum(1 for ref, _v in last.filled_cells() if ref not in same)
        result.note(
            NoteKind.ASSUMED,
            f"上年为 {last.meta.form_version} 年格式，本年为 {form.version} 年格式："
            f"只保留两种格式含义相同的上年数值，其余 {dropped} 个不作参考"
            "（如对外公开总数量与现行有效件数不可相接）",
        )
    flagged_last = set(last.flagged_cells)
    carried: list[str] = []
    for from_row, to_row in CARRY_OVER:
        for column in form.table("requests").columns:
            source = CellRef("requests", from_row, column.key)
            target = CellRef("requests", to_row, column.key)
            value = last.get(source)
            if value is None:
                continue
            report.set(target, value)
            carried.append(format_value(value))
            if source.key in flagged_last:
                report.flagged_cells.append(target.key)
    if carried:
        result.note(
            NoteKind.READ,
            "表三“二、上年结转政府信息公开申请数量”取自上年“四、结转下年度继续办理”："
            + "、".join(carried),
        )
    else:
        result.note(NoteKind.ASK, "上年报告没有“结转下年度继续办理”的数字，本年上年结转留空待填")
    uncertain = [k for k in last.flagged_cells if CellRef.parse(k) in same]
    if uncertain:
        result.note(
            NoteKind.ASK,
            f"上年报告有 {len(uncertain)} 个单元格未能确定，作参考的上年数值不全，请核对",
        )

"""Import of a published report (.txt .html .docx .pdf): its sections, tables and prose."""

from __future__ import annotations

from pathlib import Path

from editor.domain.forms import (
    FORM_2019,
    FORM_2021,
    FormDef,
    FormVersion,
    TableShape,
    form_version_for_year,
)
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import MAX_YEAR, MIN_YEAR, Meta, Report
from editor.domain.progress import Progress, no_progress
from editor.importers import intake  # not `reading` by name: a module of this package has it
from editor.importers.published.extract import SourceError, SourceText, extract
from editor.importers.published.locate import LetterIndex, needle_of
from editor.importers.published.origin import SourceOrigin
from editor.importers.published.prose import (
    find_closing,
    find_contacts,
    reflow,
    split_overview,
)
from editor.importers.published.rows import printed_rows
from editor.importers.published.sections import Section, find_sections
from editor.importers.published.tables import TableReading, read_table
from editor.importers.published.title import find_title, year_of_period
from editor.importers.result import ImportResult, NoteKind

__all__ = ["SourceError", "import_published"]

# Column headings only one of the two formats has: they tell which format a report follows.
_ONLY_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额")
_ONLY_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
)


def import_published(path: Path, progress: Progress | None = None) -> ImportResult:
    """Reads a published report. Raises UserError (in Chinese) when the file cannot be read."""
    report_progress = progress or no_progress
    path = Path(path)
    report_progress(0.0, "正在读取文字…")
    with intake.reading(path, intake.kind_of_source(path)):  # limits, time, failures in Chinese
        source = extract(path)
        report_progress(0.5, "正在查找各部分和表格…")
        result = intake.finished(_build(source, path.name))
    if result.origin is not None:
        result.origin.path = path
    report_progress(1.0, "导入完成")
    return result


def _build(source: SourceText, name: str) -> ImportResult:
    text = source.text
    index = LetterIndex(text)
    title = find_title(text)
    period = year_of_period(text)
    year, year_notes = _year(title.year, period, source.header.get("year", ""))
    if year is None:
        raise SourceError(
            f"在“{name}”中找不到“××××年政府信息公开工作年度报告”这样的标题，"
            "也没有“统计期限自××××年1月1日至××××年12月31日”这样的说明，无法确定年度，"
            "不像一份政府信息公开工作年度报告。"
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SourceError(
            f"“{name}”的报告年度为 {year} 年，不在本软件支持的 {MIN_YEAR}–{MAX_YEAR} 年之间，"
            "无法导入。请检查标题中的年度。"
        )
    form, version_note = _detect_form(index, year)
    organ = title.organ or source.header.get("agency", "").split("（")[0].strip()
    report = Report(meta=Meta(organ=organ, year=year, form_version=form.version))
    result = ImportResult(report, name)
    origin = SourceOrigin(Path(name), source.kind, text, lines=source.places)
    result.origin = origin
    result.note(NoteKind.READ, f"{source.kind}：{report.title}")
    for note in year_notes:
        result.note(NoteKind.ASSUMED, note)
    if not title.organ:
        where = "文件说明" if organ else "任何地方"
        result.note(NoteKind.ASSUMED, f"标题中没有机关名称，按{where}取为“{organ or '（空）'}”")
    result.note(NoteKind.ASSUMED if version_note.startswith("按") else NoteKind.READ, version_note)
    sections = find_sections(index, form, title.end, result.findings)
    missing = [s.title for s in form.sections if s.key not in sections]
    if missing:
        result.note(NoteKind.UNMATCHED, "找不到以下部分：" + "、".join(missing))
    else:
        result.note(NoteKind.READ, "找到全部六个部分")
    hard = source.kind in ("网页", "Word 文档")
    _read_prose(index, form, sections, title.end, report, result, hard_lines=hard)
    for table in form.tables:
        section = sections.get(table.section)
        if section is None:
            result.note(
                NoteKind.UNMATCHED, f"没有找到{table.number}所在的部分，{table.number}未导入"
            )
            report.flagged_cells.extend(ref.key for ref in table.cells)
            continue
        reading = read_table(index, table, section.body_start, section.end)
        origin.tables[table.key] = _table_start(index, form, section)
        origin.cells.update({ref.key: span for ref, span in reading.spans.items()})
        _report_table(form, table.number, reading, report, result)
    return result


def _year(
    from_title: int | None, from_period: int | None, from_header: str
) -> tuple[int | None, list[str]]:
    """The report's year: a file's own "# year:" line, else the title's, else the 统计期限's;
    with a note for each source that disagrees or stands in for the title."""
    header = int(from_header.strip()) if from_header.strip().isdigit() else None
    year = header or from_title or from_period
    notes: list[str] = []
    if year is None:
        return None, notes
    if from_title is not None and from_title != year:
        notes.append(f"标题中的年度为 {from_title}，文件说明为 {year}，按 {year} 年导入")
    if from_title is None:
        where = "文件说明" if header else "统计期限"
        notes.append(f"标题中没有年度，按{where}取为 {year} 年")
    if from_period is not None and from_period != year:
        notes.append(f"统计期限为 {from_period} 年，与报告年度 {year} 不一致，按 {year} 年导入")
    return year, notes


def _detect_form(index: LetterIndex, year: int) -> tuple[FormDef, str]:
    hits_2021 = sum(1 for w in _ONLY_2021 if index.find(w, 0) >= 0)
    hits_2019 = sum(1 for w in _ONLY_2019 if index.find(w, 0) >= 0)
    if hits_2021 > hits_2019:
        form = FORM_2021
    elif hits_2019 > hits_2021:
        form = FORM_2019
    else:
        version = form_version_for_year(year)
        form = FORM_2021 if version is FormVersion.V2021 else FORM_2019
        return form, f"按年度推定表格为 {form.version} 年格式（{form.document}）"
    why = "表二的栏目名称"
    if form.version is not form_version_for_year(year):
        why += f"；注意：{year} 年的报告应使用 {form_version_for_year(year)} 年格式"
    return form, f"表格为 {form.version} 年格式（{form.document}，依据{why}）"


def _table_start(index: LetterIndex, form: FormDef, section: Section) -> int:
    """Where the section's table begins (its prose ends): the first heading or label of it."""
    table = next((t for t in form.tables if t.section == section.key), None)
    if table is None:
        return section.end
    lo, hi = index.letter_at(section.body_start), index.letter_at(section.end)
    texts = [c.text for c in table_layout(table).cells if c.role is not CellRole.VALUE and c.text]
    first = hi
    for text in texts[:4]:
        at = index.find(needle_of(text), lo, hi)
        if at >= 0:
            first = min(first, at)
    return index.pos(first) if first < hi else section.end


def _read_prose(
    index: LetterIndex,
    form: FormDef,
    sections: dict[str, Section],
    title_end: int,
    report: Report,
    result: ImportResult,
    *,
    hard_lines: bool,
) -> None:
    text = index.text
    first = min((s.title_start for s in sections.values()), default=len(text))
    opening = reflow(text[title_end:first], hard_lines=hard_lines)
    if opening:
        report.prose[form.opening.key] = opening
        report.meta.contact = find_contacts(opening)
        if report.meta.contact:
            result.note(NoteKind.READ, "联系方式：" + "；".join(report.meta.contact))
    for key, section in sections.items():
        end = _table_start(index, form, section) if _has_table(form, key) else section.end
        body = text[section.body_start : end]
        if key == form.sections[-1].key:
            closing = find_closing(body)
            if closing is not None:
                body = body[: closing.start]
                report.meta.signer, report.meta.date = closing.signer, closing.date
                result.note(NoteKind.READ, f"落款：{closing.signer or '（无）'} {closing.date}")
        prose = reflow(body, hard_lines=hard_lines)
        if key == "overview":
            report.prose.update(split_overview(prose))
        elif prose:
            report.prose[key] = prose
    if not report.meta.date:
        left = "日期" if report.meta.signer else "落款和日期"
        result.note(NoteKind.ASSUMED, f"文末没有落款日期，{left}留空")


def _has_table(form: FormDef, section_key: str) -> bool:
    return any(t.section == section_key for t in form.tables)


def _report_table(
    form: FormDef, number: str, reading: TableReading, report: Report, result: ImportResult
) -> None:
    table = next(t for t in form.tables if t.number == number)
    report.set_values(reading.values)
    for ref in reading.flagged:
        if ref.key not in report.flagged_cells:
            report.flagged_cells.append(ref.key)
    rows = len(printed_rows(table))
    shape = "1 行" if table.shape is TableShape.STRIP else f"{reading.rows_found}/{rows} 行"
    result.note(NoteKind.READ, f"{number}：找到 {shape}，读取 {len(reading.values)} 个数")
    if reading.digit_rows:
        result.note(
            NoteKind.ASSUMED,
            f"{number}有 {reading.digit_rows} 行数字连写，位数恰等于栏数，按每栏一位数读取",
        )
    if reading.missing:
        result.note(
            NoteKind.UNMATCHED,
            f"{number}中找不到：" + "、".join(reading.missing) + "（这些单元格留空，待确认）",
            tuple(ref for ref in table.cells if ref.key in report.flagged_cells),
        )
    if reading.blanks:
        names = "、".join(form.cell_name(ref) for ref in reading.blanks[:5])
        more = f"等 {len(reading.blanks)} 个单元格" if len(reading.blanks) > 5 else ""
        result.note(
            NoteKind.ASSUMED,
            f"{number}中印为空白或“/”的单元格按空白导入（空白不等于 0）：{names}{more}",
            tuple(reading.blanks),
        )
    for message in reading.splits:
        result.note(NoteKind.ASSUMED, message)
    for message, cells in reading.assumed:
        result.note(NoteKind.ASSUMED, message, cells)
    for message, cells in reading.asks:
        result.note(NoteKind.ASK, message, cells)
    result.findings.extend(reading.findings)

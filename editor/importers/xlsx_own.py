"""Reading back our own exported workbook exactly, through its hidden names and marker sheet."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from openpyxl.workbook.workbook import Workbook

from editor.domain.errors import UserError, ValueInputError
from editor.domain.forms import CellRef, FormVersion, ValueKind, form_for
from editor.domain.model import MAX_YEAR, MIN_YEAR, Meta, Report
from editor.domain.values import parse_cell_text, value_problem
from editor.exporters.xlsx_marker import (
    FORMAT_ID,
    MARKER_EXTRAS_ROW,
    MARKER_FORMAT_ROW,
    MARKER_SHEET,
    MARKER_VERSION,
    MARKER_VERSION_ROW,
    meta_name,
    prose_name,
    value_name,
)
from editor.importers.result import ImportNote, ImportResult, NoteKind
from editor.importers.xlsx_safety import range_area


class MarkerError(Exception):
    """The marker is there but unreadable: fall back to reading by labels."""


def is_own_workbook(wb: Workbook) -> bool:
    if MARKER_SHEET not in wb.sheetnames:
        return False
    return wb[MARKER_SHEET].cell(row=MARKER_FORMAT_ROW, column=2).value == FORMAT_ID


def cell_number(raw: object, kind: ValueKind) -> tuple[int | float | None, str | None]:
    """A cell's content as a value for a column of `kind`: (value, None) or (None, why not)."""
    if raw is None:
        return None, None
    if isinstance(raw, bool | datetime.date | datetime.time):
        return None, f"“{raw}”不是数字"
    if isinstance(raw, int | float):
        problem = value_problem(raw, kind)
        return (None, f"{raw} {problem}") if problem else (raw, None)
    try:
        return parse_cell_text(str(raw), kind), None
    except ValueInputError as e:
        return None, e.message


def read_own(wb: Workbook, source: str) -> ImportResult:
    """Every value, paragraph and meta field, where the hidden names point (rows may have moved)."""
    marker = wb[MARKER_SHEET]
    version = marker.cell(row=MARKER_VERSION_ROW, column=2).value
    if not isinstance(version, int) or version > MARKER_VERSION:
        raise UserError(f"“{source}”由更新版本的年报编辑器导出，请升级年报编辑器后再导入。")
    extras = _extras(wb)
    try:
        form = form_for(extras["form_version"])
    except (KeyError, ValueError, TypeError) as e:
        raise MarkerError from e

    def lines(name: str) -> list[str] | None:
        dn = wb.defined_names.get(name)
        if dn is None:
            return None
        out: list[str] = []
        for sheet, ref in dn.destinations:
            # A name may be edited to cover a whole sheet; indexing that would create every cell.
            if sheet not in wb.sheetnames or range_area(ref) > MAX_NAMED_CELLS:
                return None
            cells = wb[sheet][ref.replace("$", "")]
            rows = cells if isinstance(cells, tuple) else ((cells,),)
            for row in rows:
                for cell in row if isinstance(row, tuple) else (row,):
                    out.append("" if cell.value is None else str(cell.value))
        return out

    missing: list[str] = []

    def text(name: str, what: str) -> str:
        got = lines(name)
        if got is None:
            missing.append(what)
            return ""
        return "\n".join(got)

    year_text = text(meta_name("year"), "报告年度").strip()
    if not _YEAR.fullmatch(year_text) or not MIN_YEAR <= int(year_text) <= MAX_YEAR:
        shown = f"“{year_text}”" if re.fullmatch(r"[0-9.\-]{1,12}", year_text) else ""
        raise UserError(
            f"“{source}”中的报告年度{shown}不是 {MIN_YEAR}–{MAX_YEAR} 之间的年份，"
            "请在 Excel 中改正后再导入。"
        )
    contact = lines(meta_name("contact")) or []
    if len(contact) == 1 and not contact[0]:
        contact = []
    meta = Meta(
        organ=text(meta_name("organ"), "机关名称"),
        year=int(year_text),
        form_version=form.version,
        signer=text(meta_name("signer"), "落款"),
        date=text(meta_name("date"), "成文日期"),
        contact=contact,
    )
    prose_keys = set(extras.get("prose_keys", []))
    prose: dict[str, str] = {}
    for field in form.prose_fields:
        paragraph = text(prose_name(field.key), field.heading or field.key)
        if paragraph or field.key in prose_keys:
            prose[field.key] = paragraph
    report, extras_note = _report_with_extras(meta, prose, extras)
    result = ImportResult(report=report, source=source)
    if extras_note:
        result.note(NoteKind.ASSUMED, extras_note)
    asks: list[CellRef] = []
    count = 0
    for table in form.tables:
        for ref in table.cells:
            raw = _named_value(wb, value_name(ref))
            if raw is _MISSING:
                missing.append(form.cell_name(ref))
                continue
            value, problem = cell_number(raw, table.kind_of(ref))
            if problem:
                asks.append(ref)
                result.note(NoteKind.ASK, f"{form.cell_name(ref)}：{problem}，未导入", (ref,))
            elif value is not None:
                report.set(ref, value)
                count += 1
    for ref in asks:
        if ref.key not in report.flagged_cells:
            report.flagged_cells.append(ref.key)
    read = f"本程序导出的工作簿：按隐藏标记读取了 {count} 个数值、正文和基本信息"
    result.notes.insert(0, ImportNote(NoteKind.READ, read))
    if missing:
        shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
        result.note(NoteKind.UNMATCHED, f"工作簿中找不到这些内容的位置（可能被删除）：{shown}")
    return result


_MISSING = object()
_YEAR = re.compile(r"[0-9]{4}")
MAX_NAMED_CELLS = 1_000  # a meta field or paragraph spans a few cells


def _report_with_extras(
    meta: Meta, prose: dict[str, str], extras: dict[str, Any]
) -> tuple[Report, str]:
    """The report with what the marker keeps (last year's values, marks), if that is sound."""
    try:
        return (
            Report(
                meta=meta,
                prose=prose,
                previous=extras.get("previous"),
                previous_form=FormVersion(extras["previous_form"])
                if extras.get("previous_form")
                else None,
                draft_prose=list(extras.get("draft_prose", [])),
                flagged_cells=list(extras.get("flagged_cells", [])),
                previous_prose=extras.get("previous_prose") or {},
            ),
            "",
        )
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        note = "工作簿隐藏标记中的上年参考值或待确认标记无效，未导入"
        return Report(meta=meta, prose=prose), note


def _named_value(wb: Workbook, name: str) -> object:
    """The value of the one cell a name points to, or _MISSING when the name or cell is gone."""
    dn = wb.defined_names.get(name)
    if dn is None:
        return _MISSING
    for sheet, coordinate in dn.destinations:
        if sheet in wb.sheetnames and range_area(coordinate) <= MAX_NAMED_CELLS:
            # An edited name may point at a whole row or column ("A", "3"): no single cell.
            cell = wb[sheet][coordinate.replace("$", "").split(":")[0]]
            return _MISSING if isinstance(cell, tuple) else getattr(cell, "value", _MISSING)
    return _MISSING


def _extras(wb: Workbook) -> dict[str, Any]:
    marker = wb[MARKER_SHEET]
    parts: list[str] = []
    column = 2
    while (value := marker.cell(row=MARKER_EXTRAS_ROW, column=column).value) is not None:
        parts.append(str(value))
        column += 1
    try:
        extras = json.loads("".join(parts))
    except (ValueError, RecursionError) as e:  # JSONDecodeError, and numbers of 4,300+ digits
        raise MarkerError from e
    if not isinstance(extras, dict):
        raise MarkerError
    return extras

"""What a report may hold, checked where it enters the model, whichever reader produced it.

Two uses of the same limits: the loader refuses a `.nianbao` that breaks them
(`report_problems`), and every importer repairs what it read (`repair_imported`: drops the bad
value, flags the cell, shortens the text, and says so), so that an import never yields a file
the loader refuses. Text is cleaned of what no exporter can write (lone surrogates, control
characters); values are finite numbers of sane size, in cells that exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import NamedTuple

from editor.domain.forms import CellRef, FormDef, TableDef, form_for
from editor.domain.model import Report, TableValues
from editor.domain.values import MAX_VALUE, value_problem

# Five times the longest section of the sample reports (4,079 characters), and far below what
# makes exports suffer: reportlab lays out a paragraph in time quadratic in its length
# (20,000 characters: 1 s; 80,000: 24 s).
MAX_PROSE_CHARS = 20_000
# All paragraphs together: twelve times the longest sample report's prose (5,000 characters).
MAX_TOTAL_PROSE_CHARS = 60_000
MAX_META_CHARS = 1_000  # 机关名称, 落款, 成文日期 (the window's fields take no more)
MAX_CONTACT_CHARS = 2_000  # all contact lines together
_MAX_PROBLEMS = 20

# Lone surrogates cannot be encoded as UTF-8; C0 controls and U+FFFE/U+FFFF are not allowed in
# the XML of .xlsx/.docx. Tab, line feed and carriage return are kept.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_AS_LINE_BREAK = frozenset("\x0b\x0c")  # Word's manual line break and page break


def _replacement(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _AS_LINE_BREAK:
        return "\n"
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"
    return ""


def clean_text(text: str) -> str:
    """`text` with what no file format can hold replaced: surrogates by �, controls removed."""
    return _UNWRITABLE.sub(_replacement, text)


def clean_report_text(report: Report) -> bool:
    """Cleans every text of the report in place; True if anything changed."""
    meta = report.meta
    before = (
        meta.organ,
        meta.signer,
        meta.date,
        tuple(meta.contact),
        dict(report.prose),
        dict(report.previous_prose),
    )
    meta.organ, meta.signer, meta.date = (
        clean_text(t) for t in (meta.organ, meta.signer, meta.date)
    )
    meta.contact = [clean_text(line) for line in meta.contact]
    report.prose = {key: clean_text(text) for key, text in report.prose.items()}
    report.previous_prose = {key: clean_text(t) for key, t in report.previous_prose.items()}
    after = (meta.organ, meta.signer, meta.date, tuple(meta.contact), report.prose)
    return before != (*after, report.previous_prose)


# ---------------------------------------------------------------------- the loader: refuse


def report_problems(report: Report) -> list[str]:
    """Why the loader must refuse `report` (at most 20 lines), empty when it is sound."""
    form = report.form
    problems = _table_problems(report.tables, form, "")
    if report.previous is not None:
        last_form = form_for(report.previous_form or form.version)
        problems += _table_problems(report.previous, last_form, "上年参考值 ")
    known_prose = {p.key for p in form.prose_fields}
    problems += [f"未知的正文部分“{k}”" for k in report.prose if k not in known_prose]
    problems += [
        f"未知的正文部分“{k}”（上年正文）" for k in report.previous_prose if k not in known_prose
    ]
    problems += [
        f"未知的正文部分“{k}”（待更新标记）" for k in report.draft_prose if k not in known_prose
    ]
    known_cells = {ref.key for ref in form.cells}
    problems += [
        f"待确认标记指向不存在的单元格“{k[:60]}”"
        for k in report.flagged_cells
        if k not in known_cells
    ]
    problems += _text_problems(report)
    return problems[:_MAX_PROBLEMS]


class _Refused(NamedTuple):
    """A table or cell the loader refuses: a key the form lacks, or a value it does not allow."""

    table_key: str
    table: TableDef | None  # None: the form has no such table (then no ref either)
    ref: CellRef | None
    value: object
    problem: str  # value_problem's words; "" for a cell the table does not have


def _refused(values: TableValues, form: FormDef) -> Iterator[_Refused]:
    """Every refused table and cell of `values`: one list for refusing and for repairing."""
    for table_key, rows in values.items():
        table = form.table_by_key.get(table_key)
        if table is None:
            yield _Refused(table_key, None, None, None, "")
            continue
        for row_key, columns in rows.items():
            allowed = table.columns_of_row.get(row_key, frozenset())
            for column_key, value in columns.items():
                if type(value) is int and 0 <= value <= MAX_VALUE and column_key in allowed:
                    continue  # the common case, kept cheap: a reviewer checks hundreds of files
                ref = CellRef(table_key, row_key, column_key)
                if column_key not in allowed:
                    yield _Refused(table_key, table, ref, value, "")
                    continue
                problem = value_problem(value, table.kind_of(ref))
                if problem:
                    yield _Refused(table_key, table, ref, value, problem)


def _table_problems(values: TableValues, form: FormDef, label: str) -> list[str]:
    problems: list[str] = []
    for bad in islice(_refused(values, form), _MAX_PROBLEMS):
        if bad.table is None:
            problems.append(f"{label}未知的表格“{bad.table_key[:60]}”")
        elif bad.ref is not None and not bad.problem:
            problems.append(f"{label}{bad.table.number}中没有单元格“{bad.ref.key[:80]}”")
        elif bad.ref is not None:
            name = form.cell_name(bad.ref)
            problems.append(f"{label}{name}：{_shown(bad.value)} {bad.problem}")
    return problems


def _text_problems(report: Report) -> list[str]:
    meta = report.meta
    problems = [
        f"{what}过长（{len(text)} 字，最多 {MAX_META_CHARS} 字）"
        for what, text in (("机关名称", meta.organ), ("落款", meta.signer), ("成文日期", meta.date))
        if len(text) > MAX_META_CHARS
    ]
    contact = sum(len(line) + 1 for line in meta.contact)
    if contact > MAX_CONTACT_CHARS:
        problems.append(f"联系方式过长（{contact} 字，最多 {MAX_CONTACT_CHARS} 字）")
    names = report.form.prose_names
    problems += [
        f"正文“{names.get(key, key)}”过长（{len(text)} 字，最多 {MAX_PROSE_CHARS} 字）"
        for key, text in report.prose.items()
        if len(text) > MAX_PROSE_CHARS
    ]
    total = sum(len(text) for text in report.prose.values())
    if total > MAX_TOTAL_PROSE_CHARS:
        problems.append(f"正文总长过长（{total} 字，最多 {MAX_TOTAL_PROSE_CHARS} 字）")
    last = report.previous_prose
    if any(len(t) > MAX_PROSE_CHARS for t in last.values()) or (
        sum(len(t) for t in last.values()) > MAX_TOTAL_PROSE_CHARS
    ):
        problems.append(
            f"上年正文过长（每段最多 {MAX_PROSE_CHARS} 字，全文 {MAX_TOTAL_PROSE_CHARS} 字）"
        )
    return problems


def prose_room(report: Report, key: str) -> int:
    """How many more characters the paragraph `key` may take, within both limits."""
    own = len(report.prose.get(key, ""))
    total = sum(len(text) for text in report.prose.values())
    return max(0, min(MAX_PROSE_CHARS - own, MAX_TOTAL_PROSE_CHARS - total))


def _shown(value: object) -> str:
    """A bad value as the message shows it: never "inf" or "nan", never thousands of digits."""
    if isinstance(value, float) and value != value:
        return "非数字"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "无穷大"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "非数字"
    if abs(value) >= 10**15:
        return "极大的数"
    return str(value)


# ---------------------------------------------------------------------- importers: repair


def repair_imported(report: Report) -> list[str]:
    """Makes an imported report one the loader accepts; returns what was changed, in Chinese.

    Bad values are dropped (and their cells flagged for the clerk); last year's bad values are
    dropped; unknown keys are dropped; over-long texts are shortened; unwritable characters are
    replaced.
    """
    form = report.form
    notes: list[str] = []
    dropped = _repair_table(report.tables, form)
    for ref, _value in dropped:
        if ref.key not in report.flagged_cells and ref in form.table_by_key[ref.table].cell_set:
            report.flagged_cells.append(ref.key)
    if dropped:
        shown = "、".join(f"{form.cell_name(r)}（{_shown(v)}）" for r, v in dropped[:5])
        more = f"等 {len(dropped)} 个" if len(dropped) > 5 else ""
        notes.append(f"这些数值无效，未导入，单元格待确认：{shown}{more}")
    if report.previous is not None:
        last_form = form_for(report.previous_form or form.version)
        report.previous_form = last_form.version
        dropped_last = _repair_table(report.previous, last_form)
        if dropped_last:
            notes.append(f"上年参考值中有 {len(dropped_last)} 个无效数值，未导入")
    known_prose = {p.key for p in form.prose_fields}
    report.prose = {k: v for k, v in report.prose.items() if k in known_prose}
    report.previous_prose = {k: v for k, v in report.previous_prose.items() if k in known_prose}
    report.draft_prose = [k for k in report.draft_prose if k in known_prose]
    known_cells = {ref.key for ref in form.cells}
    report.flagged_cells = [k for k in report.flagged_cells if k in known_cells]
    if clean_report_text(report):
        notes.append("文中有无法保存的字符（控制字符或残缺的编码），已去掉")
    notes += _shorten_texts(report)
    return notes


def _repair_table(values: TableValues, form: FormDef) -> list[tuple[CellRef, object]]:
    """Removes every value the loader would refuse; returns the cells and values removed."""
    dropped: list[tuple[CellRef, object]] = []
    for bad in list(_refused(values, form)):
        if bad.ref is None:
            del values[bad.table_key]
            continue
        del values[bad.table_key][bad.ref.row][bad.ref.column]
        if bad.problem:
            dropped.append((bad.ref, bad.value))
    for rows in values.values():
        for row_key in [k for k, columns in rows.items() if not columns]:
            del rows[row_key]
    return dropped


def _shorten_texts(report: Report) -> list[str]:
    notes: list[str] = []
    meta = report.meta
    for attribute, what in (("organ", "机关名称"), ("signer", "落款"), ("date", "成文日期")):
        text = getattr(meta, attribute)
        if len(text) > MAX_META_CHARS:
            setattr(meta, attribute, text[:MAX_META_CHARS])
            notes.append(f"{what}过长（{len(text)} 字），只保留前 {MAX_META_CHARS} 字")
    contact = sum(len(line) + 1 for line in meta.contact)
    if contact > MAX_CONTACT_CHARS:
        kept: list[str] = []
        left = MAX_CONTACT_CHARS
        for line in meta.contact:
            if len(line) + 1 > left:
                break
            kept.append(line)
            left -= len(line) + 1
        meta.contact = kept
        notes.append(f"联系方式过长（{contact} 字），只保留前 {len(kept)} 行")
    names = report.form.prose_names
    for key, text in report.prose.items():
        if len(text) > MAX_PROSE_CHARS:
            report.prose[key] = text[:MAX_PROSE_CHARS]
            notes.append(
                f"正文“{names.get(key, key)}”过长（{len(text)} 字），只保留前 {MAX_PROSE_CHARS} 字"
            )
    total = sum(len(text) for text in report.prose.values())
    if total > MAX_TOTAL_PROSE_CHARS:
        left = MAX_TOTAL_PROSE_CHARS
        for key, text in report.prose.items():
            report.prose[key] = text[: max(0, left)]
            left -= len(report.prose[key])
        notes.append(f"正文总长过长（{total} 字），只保留前 {MAX_TOTAL_PROSE_CHARS} 字")
    left = MAX_TOTAL_PROSE_CHARS
    last_year: dict[str, str] = {}
    for key, text in report.previous_prose.items():  # last year's, kept for comparison only
        last_year[key] = text[: max(0, min(MAX_PROSE_CHARS, left))]
        left -= len(last_year[key])
    if last_year != report.previous_prose:
        report.previous_prose = last_year
        notes.append("上年正文过长，只保留一部分用于对比")
    return notes

"""Reading a workbook that is not ours: the official tables found by their labels, wherever placed.

Row labels are found in the form's order (left of the numbers), column headers above them, 表四's
groups above its outcome headers. Every label that is not the official wording is reported as a
`label.variant` finding, every row or column not found and every cell not readable as a note.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.workbook.workbook import Workbook

from editor.domain.checks import Finding
from editor.domain.errors import UserError
from editor.domain.forms import (
    FORM_2019,
    FORM_2021,
    CellRef,
    FormDef,
    FormVersion,
    TableDef,
    TableShape,
)
from editor.domain.layout import table_layout
from editor.domain.model import MAX_YEAR, MIN_YEAR, Meta, Report
from editor.importers.labels import MATCH_THRESHOLD, label_score
from editor.importers.result import ImportResult, NoteKind
from editor.importers.xlsx_grid import Box, SheetGrid, best_chain
from editor.importers.xlsx_own import cell_number

_HEADER_REACH = 8  # rows above a table's first row where its column headers may be
_TITLE = re.compile(r"^(?P<organ>.*?)(?P<year>(?:19|20)\d\d)\s*年度?政府信息公开(?:工作)?年度报告")
_YEAR_FIELD = re.compile(r"(?:报告)?年度[:：]\s*(?P<year>(?:19|20)\d\d)")
_ORGAN_FIELD = re.compile(r"^\s*(?:填报|报送)?(?:机关|单位)(?:名称)?[:：]\s*(?P<organ>[^\s:：]+)")


@dataclass
class TableRead:
    """One table found on one sheet: its cells, and what the reader had to say about it."""

    table: TableDef
    sheet: str
    values: dict[CellRef, object] = field(default_factory=dict)
    variants: list[tuple[str, str]] = field(default_factory=list)  # (official, found)
    missing: list[str] = field(default_factory=list)
    ambiguous: list[CellRef] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)  # row labels in the table matching no row
    rows: tuple[int, int] = (0, 0)
    exact: int = 0  # labels matched word for word: how sure we are it is this table

    @property
    def found(self) -> int:
        return len(self.values) + len(self.ambiguous)


def read_foreign(wb: Workbook, source: str) -> ImportResult:
    grids = [SheetGrid.of(ws) for ws in wb.worksheets if ws.sheet_state == "visible"]
    reads = {form.version: _read_form(form, grids) for form in (FORM_2021, FORM_2019)}
    version = max(reads, key=lambda v: sum(r.exact for r in reads[v]))
    form = FORM_2021 if version is FormVersion.V2021 else FORM_2019
    found = [r for r in reads[version] if r.found]
    if not found:
        raise UserError(
            f"“{source}”中没有找到年报的统计表（{'、'.join(t.number for t in form.tables)}）："
            "请确认工作簿里有这些表格及其行列标签。"
        )
    year, organ, meta_notes = _meta(grids, version)
    report = Report(meta=Meta(organ=organ, year=year, form_version=version))
    result = ImportResult(report=report, source=source)
    for kind, message in meta_notes:
        result.note(kind, message)
    result.note(
        NoteKind.ASSUMED, f"按表格标签判断为 {version.value} 年格式（{form.document}）的表格"
    )
    for read in reads[version]:
        _apply(read, result)
    result.note(NoteKind.UNMATCHED, "不是本程序导出的工作簿，正文和落款等未导入，请在编辑器中填写")
    return result


def _read_form(form: FormDef, grids: list[SheetGrid]) -> list[TableRead]:
    reads = []
    for table in form.tables:
        tries = [_read_table(table, grid) for grid in grids]
        best = max(tries, key=lambda r: (r.exact, r.found), default=TableRead(table, ""))
        reads.append(best)
    return reads


def _read_table(table: TableDef, grid: SheetGrid) -> TableRead:
    read = TableRead(table, grid.title)
    if table.shape is TableShape.STRIP:
        _read_strip(table, grid, read)
    else:
        _read_rows(table, grid, read)
    return read


def _note_label(read: TableRead, official: str, found: str, score: float) -> None:
    if score < 1.0:
        read.variants.append((official, found))
    else:
        read.exact += 1


def _take(read: TableRead, grid: SheetGrid, ref: CellRef, box: Box) -> None:
    value, seen = grid.value_in(box)
    if value is not None:
        read.values[ref] = value
    elif len(seen) > 1:
        read.ambiguous.append(ref)


def _read_rows(table: TableDef, grid: SheetGrid, read: TableRead) -> None:
    """表二 and 表三: row labels in order down the sheet, each value under its column header."""
    options = [
        [(r, score, (r, c, score)) for r, c, score in grid.matches(row.label)] for row in table.rows
    ]
    picks = best_chain(options)
    found = [(row, pick) for row, pick in zip(table.rows, picks, strict=True) if pick is not None]
    if len(found) < min(2, len(table.rows)):
        return
    first = min(p[0] for _, p in found)
    read.rows = (first, max(p[0] for _, p in found))
    grid_headers: dict[str, tuple[Box, float, str]] = {}
    if table.shape is TableShape.GRID:
        label_right = max(grid.box(r, c)[3] for _, (r, c, _) in found)
        grid_headers = _headers(
            grid,
            [c.label for c in table.columns],
            _region(first - _HEADER_REACH, first - 1, label_right + 1, None),
        )
    blocks = {row: b for b in table.blocks for row in b.rows}
    seen_headers: set[tuple[str, str]] = set()
    for row, (r, c, score) in found:
        _note_label(read, row.label, grid.texts[(r, c)], score)
        right = grid.box(r, c)[3]
        columns = blocks[row.key].columns if row.key in blocks else tuple(table.column_by_key)
        headers = grid_headers or _headers(
            grid,
            [table.column_by_key[k].label for k in columns],
            _region(r - _HEADER_REACH, r - 1, right + 1, None),
        )
        for key in columns:
            label = table.column_by_key[key].label
            ref = CellRef(table.key, row.key, key)
            if label not in headers:
                read.missing.append(f"{table.cell_name(ref)}（找不到列“{label}”）")
                continue
            box, hscore, text = headers[label]
            if (label, text) not in seen_headers:
                seen_headers.add((label, text))
                _note_label(read, label, text, hscore)
            _take(read, grid, ref, (r, box[1], r, box[3]))
    label_left = min(grid.box(r, c)[1] for _, (r, c, _) in found)
    label_right = max(grid.box(r, c)[3] for _, (r, c, _) in found)
    used = {(r, c) for _, (r, c, _) in found}
    read.unused = _unused_labels(
        table, grid, used, (*read.rows[:1], label_left, read.rows[1], label_right)
    )
    found_keys = {row.key for row, _ in found}
    read.missing[:0] = [
        f"行“{row.display_name}”" for row in table.rows if row.key not in found_keys
    ]


def _region(top: int, bottom: int, left: int, right: int | None) -> Callable[[int, int], bool]:
    """A test for cells in rows top..bottom and columns left..right (no right: to the edge)."""

    def inside(r: int, c: int) -> bool:
        return top <= r <= bottom and left <= c and (right is None or c <= right)

    return inside


def _headers(
    grid: SheetGrid, labels: list[str], where: Callable[[int, int], bool]
) -> dict[str, tuple[Box, float, str]]:
    """Each label's header cell: the best match, nearest above the rows; each cell used once."""
    candidates = sorted(
        (
            (score, r, label, c)
            for label in dict.fromkeys(labels)
            for r, c, score in grid.matches(label, where)
        ),
        reverse=True,
    )
    out: dict[str, tuple[Box, float, str]] = {}
    used: set[tuple[int, int]] = set()
    for score, r, label, c in candidates:
        if label in out or (r, c) in used:
            continue
        used.add((r, c))
        out[label] = (grid.box(r, c), score, grid.texts[(r, c)])
    return out


def _read_strip(table: TableDef, grid: SheetGrid, read: TableRead) -> None:
    """表四: group headers left to right, outcome headers under each, the numbers below them all."""
    options = [
        [(c, score, (r, c, score)) for r, c, score in grid.matches(row.label)] for row in table.rows
    ]
    picks = best_chain(options)
    placed: list[tuple[CellRef, Box]] = []
    for row, pick in zip(table.rows, picks, strict=True):
        if pick is None:
            read.missing.append(f"“{row.display_name}”")
            continue
        r, c, score = pick
        _note_label(read, row.label, grid.texts[(r, c)], score)
        _, left, bottom, right = grid.box(r, c)
        headers = _headers(
            grid, [col.label for col in table.columns], _region(bottom + 1, bottom + 3, left, right)
        )
        for column in table.columns:
            ref = CellRef(table.key, row.key, column.key)
            if column.label not in headers:
                read.missing.append(f"{table.cell_name(ref)}（找不到列“{column.label}”）")
                continue
            box, hscore, text = headers[column.label]
            _note_label(read, column.label, text, hscore)
            placed.append((ref, box))
    if not placed:
        return
    value_row = max(box[2] for _, box in placed) + 1
    read.rows = (min(box[0] for _, box in placed) - 1, value_row)
    for ref, box in placed:
        _take(read, grid, ref, (value_row, box[1], value_row, box[3]))


def _apply(read: TableRead, result: ImportResult) -> None:
    table = read.table
    report = result.report
    name = f"{table.number}（{report.form.section_by_key[table.section].title}）"
    if not read.found:
        result.note(NoteKind.UNMATCHED, f"未找到{name}")
        return
    report.tables.setdefault(table.key, {})
    taken = 0
    for ref, raw in read.values.items():
        value, problem = cell_number(raw, table.kind_of(ref))
        if problem:
            _ask(result, ref, f"{report.form.cell_name(ref)}：{problem}，未导入")
        elif value is not None:
            report.set(ref, value)
            taken += 1
    for ref in read.ambiguous:
        _ask(result, ref, f"{report.form.cell_name(ref)}：一格对应多个数字，未导入")
    blank = len(table.cells) - taken - len(read.missing) - len(read.ambiguous)
    result.note(
        NoteKind.READ,
        f"{name}：在工作表“{read.sheet}”第 {read.rows[0]}–{read.rows[1]} 行找到，"
        f"读取 {taken} 个数值" + (f"，{blank} 格空白" if blank > 0 else ""),
    )
    if read.missing:
        shown = "、".join(read.missing[:12]) + ("等" if len(read.missing) > 12 else "")
        result.note(NoteKind.UNMATCHED, f"{table.number}中未找到：{shown}")
    for official, found in read.variants:
        result.findings.append(
            Finding(
                "label.variant",
                f"{table.number}的标签“{found}”与官方表述“{official}”不一致，已按后者读取",
                expected=official,
                actual=found,
            )
        )
    if read.unused:
        shown = "、".join(f"“{t}”" for t in read.unused[:12])
        result.note(
            NoteKind.UNMATCHED, f"{table.number}中这些行标签不是官方表格的行，未导入：{shown}"
        )


def _ask(result: ImportResult, ref: CellRef, message: str) -> None:
    result.note(NoteKind.ASK, message, (ref,))
    if ref.key not in result.report.flagged_cells:
        result.report.flagged_cells.append(ref.key)


def _meta(
    grids: list[SheetGrid], version: FormVersion
) -> tuple[int, str, list[tuple[NoteKind, str]]]:
    year: int | None = None
    organ = ""
    notes: list[tuple[NoteKind, str]] = []
    for grid in grids:
        for text in grid.texts.values():
            flat = "".join(text.split())
            if m := _TITLE.search(flat):
                year = year or int(m["year"])
                organ = organ or m["organ"].strip()
            elif m := _YEAR_FIELD.search(flat):
                year = year or int(m["year"])
            if m := _ORGAN_FIELD.match(text):
                organ = organ or m["organ"]
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        notes.append(
            (
                NoteKind.ASSUMED,
                f"工作簿中的年度 {year} 不是 {MIN_YEAR}–{MAX_YEAR} 之间的报告年度，未采用",
            )
        )
        year = None
    if year is None:
        last = datetime.date.today().year - 1
        year = max(last, 2021) if version is FormVersion.V2021 else min(max(last, 2019), 2020)
        notes.append((NoteKind.ASSUMED, f"工作簿中未写报告年度，暂按 {year} 年；请核对"))
    else:
        notes.append((NoteKind.READ, f"报告年度：{year} 年"))
    if organ:
        notes.append((NoteKind.READ, f"机关名称：{organ}"))
    else:
        notes.append((NoteKind.ASSUMED, "工作簿中未写机关名称，请在编辑器中填写"))
    return year, organ, notes


def _unused_labels(
    table: TableDef, grid: SheetGrid, used: set[tuple[int, int]], box: Box
) -> list[str]:
    """Texts in the label columns between the table's first and last row that match nothing."""
    known = [c.text for c in table_layout(table).cells if c.text]
    top, left, bottom, right = box
    out: list[str] = []
    for (r, c), text in sorted(grid.texts.items()):
        if not (top <= r <= bottom and left <= c <= right) or (r, c) in used:
            continue
        if any(label_score(k, text) >= MATCH_THRESHOLD for k in known):
            continue
        if all(
            label_score(p, text) < MATCH_THRESHOLD for row in table.rows for p in row.label_path
        ):
            out.append(text)
    return out

"""Reading a statistical table out of a section's text: rows found by their labels, numbers by row.

The rows, their labels and their cells come from the form's layout (`table_layout`), never from
a list here. Each printed row's numbers are the first stretch of numbers after its label. When a
row has fewer numbers than cells, the digits ran together: they are split only where the form's
sums leave exactly one way, first within the row, then across rows (column totals); every other
case is left blank and flagged for the user.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from editor.domain.checks import Finding
from editor.domain.forms import BalanceRelation, CellRef, SumRelation, TableDef, TableShape
from editor.domain.layout import CellRole, table_layout
from editor.domain.values import format_value
from editor.importers.labels import MATCH_THRESHOLD, normalise_label
from editor.importers.published.digits import Row, SplitOutcome, split_run
from editor.importers.published.locate import LetterIndex, fuzzy_find, needle_of

Value = int | float

# Numbers, and the marks of a blank cell ("/", or a dash standing alone).
_TOKEN = re.compile(
    r"-?\d+(?:\.\d+)?|(?<![\u4e00-\u9fff])/(?![\u4e00-\u9fff])|(?<![\d-])[-—–]+(?![\d-])"
)
_HSPACE = re.compile(r"[^\S\n]*")
# Most combinations of ambiguous rows tried against the column totals.
COMBINATION_LIMIT = 20_000
# A missing label is looked for this many letters beyond the previous one at most.
GAP_LIMIT = 300


@dataclass(frozen=True)
class PrintedRow:
    refs: tuple[CellRef, ...]
    label: str  # the row's own label as printed on the form; "" for 表四's single row


@dataclass
class TableReading:
    """What was read from one table, for the import report."""

    values: dict[CellRef, Value] = field(default_factory=dict)
    flagged: list[CellRef] = field(default_factory=list)
    blanks: list[CellRef] = field(default_factory=list)  # "/" or an empty cell
    splits: list[str] = field(default_factory=list)  # assumption notes: how runs were split
    asks: list[tuple[str, tuple[CellRef, ...]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # row labels not found
    findings: list[Finding] = field(default_factory=list)
    rows_found: int = 0
    digit_rows: int = 0  # rows run together with exactly one digit a cell


def printed_rows(table: TableDef) -> list[PrintedRow]:
    """The table's value rows as printed, each with its cells in order and its own label."""
    layout = table_layout(table)
    by_row: dict[int, list[tuple[int, CellRef]]] = {}
    for cell in layout.cells:
        if cell.role is CellRole.VALUE and cell.ref is not None:
            by_row.setdefault(cell.row, []).append((cell.column, cell.ref))
    rows: list[PrintedRow] = []
    for row in sorted(by_row):
        cells = sorted(by_row[row])
        first = cells[0][0]
        label_cell = layout.cell_at(row, first - 1) if first > 0 else None
        label = label_cell.text if label_cell and label_cell.role is CellRole.LABEL else ""
        rows.append(PrintedRow(tuple(ref for _c, ref in cells), label))
    return rows


def furniture(table: TableDef) -> tuple[str, ...]:
    """Printed texts of the table that are not a row's own label (headers, group labels)."""
    own = {r.label for r in printed_rows(table)}
    texts = {
        needle_of(c.text)
        for c in table_layout(table).cells
        if c.role is not CellRole.VALUE and c.text and c.text not in own
    }
    return tuple(sorted(texts, key=len, reverse=True))


def read_table(index: LetterIndex, table: TableDef, start: int, end: int) -> TableReading:
    """Reads `table` from text positions [start, end)."""
    reading = TableReading()
    rows = printed_rows(table)
    anchors = _anchor_rows(index, table, rows, start, end, reading)
    outcomes: dict[int, SplitOutcome] = {}
    for i, row in enumerate(rows):
        at = anchors[i]
        if at is None:
            reading.missing.append(row.label or table.number)
            reading.flagged.extend(row.refs)
            continue
        reading.rows_found += 1
        stop = next((a for a in anchors[i + 1 :] if a is not None), end)
        segment = _strip_next_numbering(
            index.text[at:stop], rows[i + 1].label if i + 1 < len(rows) else ""
        )
        tokens = _first_stretch(segment)
        outcome = _read_row(table, row, tokens, reading)
        if outcome is not None:
            outcomes[i] = outcome
    _resolve_by_columns(table, rows, outcomes, reading)
    return reading


def _anchor_rows(
    index: LetterIndex,
    table: TableDef,
    rows: list[PrintedRow],
    start: int,
    end: int,
    reading: TableReading,
) -> list[int | None]:
    """The text position where each printed row starts (its label), or None if not found."""
    lo, hi = index.letter_at(start), index.letter_at(end)
    if table.shape is TableShape.BLOCKS and table.blocks:
        heading = index.find(needle_of(table.blocks[0].heading), lo, hi)
        if heading >= 0:
            lo = heading
    if table.shape is TableShape.STRIP:
        return [_strip_anchor(index, table, lo, hi)]
    # Pass 1: labels as printed, in order.
    letter_spans: list[tuple[int, int] | None] = []
    cursor = lo
    for row in rows:
        needle = needle_of(row.label)
        at = _find_numbered(index, row.label, needle, cursor, hi) if needle else -1
        if at >= 0:
            letter_spans.append((at, at + len(needle)))
            cursor = at + len(needle)
        else:
            letter_spans.append(None)
    # Pass 2: a label not found as printed is looked for between its neighbours.
    extras = furniture(table)
    for i, row in enumerate(rows):
        if letter_spans[i] is not None:
            continue
        prev_end = next((s[1] for s in reversed(letter_spans[:i]) if s is not None), lo)
        next_start = next((s[0] for s in letter_spans[i + 1 :] if s is not None), hi)
        gap = index.letters[prev_end : min(next_start, prev_end + GAP_LIMIT)]
        found = fuzzy_find(row.label, gap, extras, MATCH_THRESHOLD)
        if found is None:
            continue
        offset, wording, exact = found
        letter_spans[i] = (prev_end + offset, prev_end + offset + len(wording))
        if not exact:
            reading.findings.append(
                Finding(
                    "label.variant",
                    f"{table.number}标签“{wording}”与官方格式“{row.label}”不一致",
                    row.refs,
                    expected=row.label,
                    actual=wording,
                )
            )
    return [index.pos(s[0]) if s is not None else None for s in letter_spans]


def _find_numbered(index: LetterIndex, label: str, needle: str, lo: int, hi: int) -> int:
    """The first `needle` after `lo`; for a numbered label ("3.其他"), the first one printed
    with its number, so that "其他" is not taken from "（六）其他处理" above it."""
    first = index.find(needle, lo, hi)
    m = re.match(r"(\d+)\s*[.、．,，]", normalise_label(label))
    if first < 0 or not m:
        return first
    numbered = re.compile(rf"{m[1]}\s*[.、．,，]\s*$")
    at = first
    while at >= 0:
        before = unicodedata.normalize(
            "NFKC", index.text[max(0, index.pos(at) - 8) : index.pos(at)]
        )
        if numbered.search(before):
            return at
        at = index.find(needle, at + 1, hi)
    return first


def _strip_anchor(index: LetterIndex, table: TableDef, lo: int, hi: int) -> int | None:
    """表四 has no row label: its numbers follow the last header cell ("总计", the third one)."""
    headers = [c for c in table_layout(table).cells if c.role is CellRole.HEADER]
    if not headers:
        return index.pos(lo)
    last = max(headers, key=lambda c: (c.row, c.column))
    needle = needle_of(last.text)
    wanted = sum(1 for c in headers if c.text == last.text)
    at, found, cursor = -1, 0, lo
    while found < wanted:
        nxt = index.find(needle, cursor, hi)
        if nxt < 0:
            break
        at, found, cursor = nxt, found + 1, nxt + len(needle)
    if at < 0:
        return None
    return index.end_pos(at + len(needle))


def _strip_next_numbering(segment: str, next_label: str) -> str:
    """Drops the "2." of the next row's label, which a crawl glues to this row's digits."""
    m = re.match(r"\s*(\d+)\s*[.、．,，]", normalise_label(next_label))
    if not m:
        return segment
    return re.sub(rf"{m[1]}\s*[.、．,，]\s*$", "", unicodedata.normalize("NFKC", segment))


def _first_stretch(segment: str) -> list[str]:
    """The numbers (and blank marks) of the first run of them, up to a line break or a letter."""
    text = unicodedata.normalize("NFKC", segment)
    tokens: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if tokens:
            between = text[pos : m.start()]
            if _HSPACE.fullmatch(between) is None:
                break
        tokens.append(m[0])
        pos = m.end()
    return tokens


def _is_blank(token: str) -> bool:
    return not any(ch.isdigit() for ch in token)


def _row_rules(table: TableDef, refs: tuple[CellRef, ...]) -> list[tuple[int, list[int]]]:
    """The table's sums that lie within one printed row, as (total index, part indices)."""
    where = {ref: i for i, ref in enumerate(refs)}
    return [
        (where[s.total], [where[p] for p in s.parts])
        for s in table.sums
        if s.total in where and all(p in where for p in s.parts)
    ]


def _row_name(table: TableDef, row: PrintedRow) -> str:
    return f"{table.number}“{row.label}”" if row.label else table.number


def _read_row(
    table: TableDef, row: PrintedRow, tokens: list[str], reading: TableReading
) -> SplitOutcome | None:
    """Takes the row's numbers; returns the split candidates when only the columns can decide."""
    kinds = [table.kind_of(ref) for ref in row.refs]
    width = len(row.refs)
    if not tokens:
        reading.blanks.extend(row.refs)
        return None
    if len(tokens) == width:
        for ref, token in zip(row.refs, tokens, strict=True):
            if _is_blank(token):
                reading.blanks.append(ref)
                continue
            value = _number(token)
            if value is None:
                reading.asks.append((f"{_row_name(table, row)}中的“{token}”不是数字", (ref,)))
                reading.flagged.append(ref)
            else:
                reading.values[ref] = value
        return None
    shown = " ".join(tokens)
    if len(tokens) > width or any(_is_blank(t) for t in tokens):
        reading.asks.append(
            (f"{_row_name(table, row)}应有 {width} 个数，读到“{shown}”，无法对应到各栏", row.refs)
        )
        reading.flagged.extend(row.refs)
        return None
    rules = _row_rules(table, row.refs)
    outcome = split_run(tokens, kinds, rules)
    unique = outcome.unique
    if unique is not None:
        _take(row.refs, unique, reading)
        if sum(len(t) for t in tokens) == width:
            reading.digit_rows += 1  # one digit a cell: no choice was made
        else:
            reason = "唯一符合本行合计的拆分" if rules else "唯一可能的拆分"
            reading.splits.append(
                f"{_row_name(table, row)}数字连写“{shown}”，拆为 {_show(unique)}（{reason}）"
            )
        return None
    if outcome.candidates and not outcome.exhausted and _column_rules(table, row.refs):
        return outcome  # several fit the row: the column totals may decide
    if outcome.exhausted:
        why = "可能的拆分过多"
    elif not outcome.candidates:
        why = "没有符合本行合计的拆分" if rules else "无法拆成本行的各栏"
    else:
        shown_all = "；".join(_show(c) for c in outcome.candidates[:6])
        more = " 等" if len(outcome.candidates) > 6 else ""
        why = f"有 {len(outcome.candidates)} 种拆法（{shown_all}{more}），表中没有可据以判断的合计"
    reading.asks.append(
        (f"{_row_name(table, row)}数字连写“{shown}”，{why}。未猜测，请对照原文填写", row.refs)
    )
    reading.flagged.extend(row.refs)
    return None


def _column_rules(table: TableDef, refs: tuple[CellRef, ...]) -> bool:
    """Whether any sum or balance of the table ties these cells to other rows."""
    mine = set(refs)
    relations: list[SumRelation | BalanceRelation] = [*table.sums, *table.balances]
    return any(mine & set(_cells_of(r)) and not set(_cells_of(r)) <= mine for r in relations)


def _number(token: str) -> Value | None:
    try:
        number = float(token)
    except ValueError:
        return None
    return int(number) if "." not in token else number


def _take(refs: tuple[CellRef, ...], values: Row, reading: TableReading) -> None:
    for ref, value in zip(refs, values, strict=True):
        reading.values[ref] = value


def _show(values: Row) -> str:
    return "、".join(format_value(v) for v in values)


def _resolve_by_columns(
    table: TableDef,
    rows: list[PrintedRow],
    outcomes: Mapping[int, SplitOutcome],
    reading: TableReading,
) -> None:
    """Rows with several fitting splits: keep what every combination passing the table's other
    sums (column totals, the balance) agrees on; flag the rest."""
    if not outcomes:
        return
    order = sorted(outcomes)
    relations: list[SumRelation | BalanceRelation] = [*table.sums, *table.balances]
    involved = {ref for i in order for ref in rows[i].refs}
    relevant = [r for r in relations if involved & set(_cells_of(r))]
    size = 1
    for i in order:
        size *= len(outcomes[i].candidates)
    passing: list[tuple[Row, ...]] = []
    if size <= COMBINATION_LIMIT and relevant:
        for combo in itertools.product(*(outcomes[i].candidates for i in order)):
            values = dict(reading.values)
            for i, candidate in zip(order, combo, strict=True):
                values.update(zip(rows[i].refs, candidate, strict=True))
            if all(_holds(r, values) for r in relevant):
                passing.append(combo)
    for k, i in enumerate(order):
        row = rows[i]
        options = {combo[k] for combo in passing}
        shown = "；".join(_show(c) for c in outcomes[i].candidates[:6])
        if len(outcomes[i].candidates) > 6:
            shown += " 等"
        if len(options) == 1:
            chosen = next(iter(options))
            _take(row.refs, chosen, reading)
            reading.splits.append(
                f"{_row_name(table, row)}数字连写，本行有 {len(outcomes[i].candidates)} 种拆分"
                f"（{shown}），只有 {_show(chosen)} 符合各栏合计，已采用"
            )
            continue
        why = "都不符合各栏合计" if not passing else "无法由各栏合计确定"
        reading.asks.append(
            (
                f"{_row_name(table, row)}数字连写，有 {len(outcomes[i].candidates)} 种拆分符合"
                f"本行合计（{shown}），{why}。未猜测，请对照原文填写",
                row.refs,
            )
        )
        reading.flagged.extend(row.refs)


def _cells_of(relation: SumRelation | BalanceRelation) -> tuple[CellRef, ...]:
    if isinstance(relation, SumRelation):
        return (relation.total, *relation.parts)
    return (*relation.left, *relation.right)


def _holds(relation: SumRelation | BalanceRelation, values: Mapping[CellRef, Value]) -> bool:
    """True when the relation holds, or cannot be judged (a cell is not known)."""
    cells = _cells_of(relation)
    if any(c not in values for c in cells):
        return True
    if isinstance(relation, SumRelation):
        return values[relation.total] == sum(values[p] for p in relation.parts)
    return sum(values[c] for c in relation.left) == sum(values[c] for c in relation.right)

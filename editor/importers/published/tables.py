"""Reading a statistical table out of a section's text: rows found by their labels, cells by row.

The rows, their labels and their cells come from the form's layout (`table_layout`), never from
a list here. Each printed row's cells are what the text prints after its label (cells.py), put
into the row's cells with certainty where they fit exactly, and otherwise only where the form's
sums leave exactly one way (alignment.py), first within the row, then across rows (column totals
and the balance). Every other case is left blank and flagged for the user: an import never
guesses a number.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from editor.domain.forms import CellRef, TableDef, TableShape
from editor.importers.published.alignment import UNREAD, RowOutcome, align
from editor.importers.published.anchors import Span, anchor_rows
from editor.importers.published.cells import (
    RowText,
    before_numbering,
    numbers_after,
    row_text,
)
from editor.importers.published.columns import column_rules, resolve_by_columns
from editor.importers.published.groups import read_group
from editor.importers.published.locate import LetterIndex
from editor.importers.published.orphans import Found, place_orphans
from editor.importers.published.padding import Entry, agree_on_padding
from editor.importers.published.reading import TableReading, listed, show_cells
from editor.importers.published.rows import (
    PrintedRow,
    printed_rows,
    row_groups,
    row_name,
    row_rules,
)

__all__ = ["TableReading", "read_table"]


def read_table(index: LetterIndex, table: TableDef, start: int, end: int) -> TableReading:
    """Reads `table` from text positions [start, end)."""
    reading = TableReading()
    rows = printed_rows(table)
    groups = row_groups(table)
    anchors = anchor_rows(index, table, rows, groups, start, end)
    reading.findings.extend(anchors.findings)
    labels = {s[0]: r.label for s, r in zip(anchors.rows, rows, strict=True) if s is not None}
    labels.update({s[0]: groups[g].label for g, s in anchors.groups.items()})
    starts = sorted(labels)
    text = index.text

    def stop_of(span: Span) -> int:
        after = bisect.bisect_right(starts, span[0])
        return starts[after] if after < len(starts) else end

    def cells_of(span: Span) -> RowText:
        stop = stop_of(span)
        stop = before_numbering(text, stop, labels.get(stop, ""))
        if table.shape is TableShape.STRIP:
            return numbers_after(text, span[1], stop)
        return row_text(text, span[0], span[1], stop)

    grouped = {i for g in anchors.groups for i in groups[g].rows}
    found: dict[int, tuple[Span, RowText]] = {}
    for i, row in enumerate(rows):
        span = anchors.rows[i]
        if span is None:
            if i not in grouped:
                reading.missing.append(row.label or table.number)
                reading.flag(*row.refs)
            continue
        reading.rows_found += 1
        found[i] = (span, cells_of(span))
    # Groups printed as one row, keyed after the rows: len(rows) + group index.
    lines = {i: (rows[i].label, row_name(table, rows[i]), rows[i].refs) for i in found}
    for g, span in anchors.groups.items():
        cells = tuple(ref for i in groups[g].rows for ref in rows[i].refs)
        lines[len(rows) + g] = (groups[g].label, f"{table.number}“{groups[g].label}”", cells)
        found[len(rows) + g] = (span, cells_of(span))
    if table.shape is not TableShape.STRIP:
        _give_orphans(text, lines, found, stop_of, end, reading)
    group_rows = {k - len(rows): found.pop(k) for k in list(found) if k >= len(rows)}
    # Spaced text with rows shorter than the form's: empty cells leave no trace in this table.
    width = len(rows[0].refs) if rows else 0
    unprinted = any(
        not p.fields and 0 < len(p.pieces) < len(rows[i].refs) for i, (_s, p) in found.items()
    ) or any(not p.fields and 0 < len(p.pieces) < width for _s, p in group_rows.values())
    entries: dict[int, Entry] = {}
    for i, (span, printed) in found.items():
        row = rows[i]
        kinds = [table.kind_of(r) for r in row.refs]
        outcome = align(printed, kinds, row_rules(table, row.refs), unprinted_blanks=unprinted)
        _note_spans(reading, row, printed, outcome, span)
        entries[i] = Entry(row, printed, outcome)
    agree_on_padding(table, list(entries.values()))
    pending: dict[int, RowOutcome] = {}
    for i, entry in entries.items():
        if _settle(table, entry.row, entry.printed, entry.outcome, reading):
            pending[i] = entry.outcome
    resolve_by_columns(table, rows, pending, reading)
    for g, (span, printed) in sorted(group_rows.items(), key=lambda item: item[1][0]):
        group = groups[g]
        members = [rows[i] for i in group.rows]
        refs = members[0].refs
        kinds = [table.kind_of(r) for r in refs]
        outcome = align(printed, kinds, row_rules(table, refs), unprinted_blanks=unprinted)
        for member in members:  # each item's cell: where its column's total is printed
            _note_spans(reading, member, printed, outcome, span)
        read_group(table, group.label, members, outcome, reading)
    return reading


def _give_orphans(
    text: str,
    lines: dict[int, tuple[str, str, tuple[CellRef, ...]]],
    found: dict[int, tuple[Span, RowText]],
    stop_of: Callable[[Span], int],
    end: int,
    reading: TableReading,
) -> None:
    """Rows that printed no numbers on their label's lines take a stretch printed between two
    labels when it can only be theirs (orphans.py); rows it could belong to otherwise wait.
    `lines`: each found row's (label, name, cells)."""
    order = sorted(found, key=lambda i: found[i][0][0])
    laid = {}
    for k, i in enumerate(order):
        span, printed = found[i]
        following = lines[order[k + 1]][0] if k + 1 < len(order) else ""
        laid[i] = Found(span, stop_of(span), following, printed)
    placed = place_orphans(text, laid, end)
    for i, stretch in placed.given.items():
        _label, name, refs = lines[i]
        shown = " ".join(p.text for p in stretch)
        reading.assumed.append(
            (
                f"{name}的数字不在标签所在行，印在相邻行（“{shown}”），且只能属于本行，按本行读取",
                refs,
            )
        )
        found[i] = (found[i][0], RowText(stretch, False))
    for i, count in placed.undecided.items():
        _label, name, refs = lines[i]
        reading.asks.append(
            (
                f"{name}的数字不在标签所在行；相邻行有 {count} 组数字，"
                "也可能属于相邻的其他行，无法确定。未猜测，请对照原文填写",
                refs,
            )
        )
        reading.flag(*refs)
        del found[i]


def _note_spans(
    reading: TableReading, row: PrintedRow, printed: RowText, outcome: RowOutcome, label: Span
) -> None:
    """Where each cell is printed: its own piece when certain, else the row."""
    whole = (label[0], max(label[1], printed.end))
    choice = outcome.choices[0] if outcome.certain and outcome.choices else None
    for j, ref in enumerate(row.refs):
        piece = choice.pieces[j] if choice is not None else None
        if piece is not None and (
            printed.fields or printed.pieces[piece].end > printed.pieces[piece].start
        ):
            # (an empty TAB field has no width: its place is where it starts)
            reading.spans[ref] = (printed.pieces[piece].start, printed.pieces[piece].end)
        else:
            reading.spans[ref] = whole


def _shown(printed: RowText) -> str:
    """The row's pieces as printed, for a message."""
    if printed.fields:
        return " | ".join(p.text or "（空）" for p in printed.pieces)
    return " ".join(p.text for p in printed.pieces)


def _settle(
    table: TableDef,
    row: PrintedRow,
    printed: RowText,
    outcome: RowOutcome,
    reading: TableReading,
) -> bool:
    """Takes the row's cells when they are decided; True when only the columns can decide."""
    name = row_name(table, row)
    width = len(row.refs)
    rules = row_rules(table, row.refs)
    if outcome.certain:
        choice = outcome.choices[0]
        reading.take(row.refs, choice.cells)
        for ref, cell, piece in zip(row.refs, choice.cells, choice.pieces, strict=True):
            if cell is UNREAD and piece is not None:
                text = printed.pieces[piece].text
                reading.asks.append((f"{name}中的“{text}”不是数字，未导入", (ref,)))
        if outcome.agreed:
            reading.assumed.append(
                (
                    f"{name}读到“{_shown(printed)}”，首尾有空白栏，按同表各行的栏位对齐："
                    f"{show_cells(choice.cells)}",
                    row.refs,
                )
            )
        if outcome.skipped:
            marks = "”“".join(p.text for p in outcome.skipped)
            reading.assumed.append(
                (
                    f"{name}读到“{_shown(printed)}”：其余的数恰好填满各栏，"
                    f"多出的“{marks}”不属于任何一栏（空白的标签格或斜线），已跳过",
                    row.refs,
                )
            )
        return False
    if len(outcome.choices) == 1 and not outcome.exhausted:
        choice = outcome.choices[0]
        reading.take(row.refs, choice.cells)
        if choice.how == "split":
            digits = sum(len(p.digits()) for p in printed.pieces)
            if digits == width:
                reading.digit_rows += 1  # one digit a cell: the only split there is
            else:
                reason = "唯一符合本行合计的拆分" if rules else "唯一可能的拆分"
                split = show_cells(choice.cells)
                reading.splits.append(
                    f"{name}数字连写“{_shown(printed)}”，拆为 {split}（{reason}）"
                )
        else:
            why = (
                "首尾有空白栏，只有一种对齐"
                if choice.how == "shift"
                else f"少于 {width} 栏（空白的栏没有印出），只有一种排法"
            )
            reading.assumed.append(
                (
                    f"{name}读到“{_shown(printed)}”，{why}符合本行合计："
                    f"{show_cells(choice.cells)}，已采用",
                    row.refs,
                )
            )
        return False
    if outcome.choices and not outcome.exhausted and column_rules(table, row.refs):
        return True
    reading.asks.append((_undecided(name, printed, outcome, bool(rules), width), row.refs))
    reading.flag(*row.refs)
    return False


def _undecided(name: str, printed: RowText, outcome: RowOutcome, rules: bool, width: int) -> str:
    """Why a row was left blank, for the clerk."""
    shown = _shown(printed)
    splits = [c for c in outcome.choices if c.how == "split"]
    others = [c for c in outcome.choices if c.how != "split"]
    if outcome.considered == 0 and not outcome.exhausted:
        return f"{name}应有 {width} 个数，读到“{shown}”，无法对应到各栏。未猜测，请对照原文填写"
    if outcome.exhausted:
        why = "可能的拆分过多"
    elif not outcome.choices:
        why = "没有符合本行合计的读法" if rules else "无法对应到本行的各栏"
    else:
        parts = []
        if splits:
            parts.append(f"有 {len(splits)} 种拆法（{listed(splits)}）")
        if others:
            parts.append(f"有 {len(others)} 种空白栏的排法（{listed(others[:3])}）")
        why = "，".join(parts) + "，表中没有可据以判断的合计"
    run = outcome.splits > 0 or (not printed.fields and len(printed.pieces) == 1)
    kind = "数字连写" if run else "读到"
    return f"{name}{kind}“{shown}”，{why}。未猜测，请对照原文填写"

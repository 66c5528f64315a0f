"""Where a TAB-separated row's cells begin, learnt from the rows of the same table that show it.

A web page copied to text may put empty fields between a row's label and its first cell (a label
merged across columns copies as one field and one or more empty ones). A row whose first cells
are empty then reads two ways ("规章⇥⇥6⇥8": 0 padding and an empty first cell, or 1 padding).
Rows whose labels span the same columns copy the same way; the rows of the table whose cells
fill their fields exactly show how many empty fields that is. A row is read that way only when
every such row agrees; when no row of the table shows an empty field before its cells, the
fields are the cells (a TAB is a cell boundary). Otherwise the row's sums decide, or the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.domain.forms import TableDef
from editor.domain.layout import table_layout
from editor.importers.published.alignment import RowOutcome
from editor.importers.published.cells import RowText
from editor.importers.published.rows import PrintedRow


@dataclass
class Entry:
    row: PrintedRow
    printed: RowText
    outcome: RowOutcome


def label_width(table: TableDef, row: PrintedRow) -> int:
    """How many columns the row's own label spans on the form (0: no label)."""
    if not row.refs:
        return 0
    layout = table_layout(table)
    r, c = layout.position_of(row.refs[0])
    label = layout.cell_at(r, c - 1) if c > 0 else None
    return label.column_span if label is not None else 0


def _padding(entry: Entry) -> int | None:
    """The empty fields before the first cell, when the row shows it for sure."""
    outcome, printed = entry.outcome, entry.printed
    if not printed.fields or printed.lead or not outcome.certain or outcome.skipped:
        return None
    first = outcome.choices[0].pieces[0]
    return first


def agree_on_padding(table: TableDef, entries: list[Entry]) -> None:
    """Settles rows with several TAB alignments by the padding their kind of row shows."""
    seen: dict[int, set[int]] = {}
    for entry in entries:
        pad = _padding(entry)
        if pad is not None:
            seen.setdefault(label_width(table, entry.row), set()).add(pad)
    for entry in entries:
        outcome = entry.outcome
        if outcome.certain or not outcome.shifts:
            continue
        pads = seen.get(label_width(table, entry.row), set())
        if not pads and all(seen_pads <= {0} for seen_pads in seen.values()):
            pads = {0}  # no row shows any empty field before its cells: a TAB is a boundary
        if len(pads) != 1:
            continue
        pad = next(iter(pads))
        chosen = [c for c in outcome.shifts if c.pieces[0] == pad]
        if len(chosen) == 1:
            # Where the cells begin is known: the fields are read as printed, sums or not (a
            # source's own error stays in it).
            entry.outcome = RowOutcome(chosen, certain=True, considered=1, agreed=True)

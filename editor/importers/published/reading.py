"""What was read from one table: values, blanks, flagged cells, and the notes for the import
report (what was assumed, what is asked of the clerk)."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.domain.checks import Finding
from editor.domain.forms import CellRef
from editor.domain.values import format_value
from editor.importers.published.alignment import Cell, Choice, Unread

Value = int | float
Span = tuple[int, int]
# Candidates shown in a message.
SHOWN = 6


@dataclass
class TableReading:
    """What was read from one table, for the import report."""

    values: dict[CellRef, Value] = field(default_factory=dict)
    flagged: list[CellRef] = field(default_factory=list)
    blanks: list[CellRef] = field(default_factory=list)  # printed empty, "/" or "—"
    splits: list[str] = field(default_factory=list)  # assumption notes: how runs were split
    assumed: list[tuple[str, tuple[CellRef, ...]]] = field(default_factory=list)
    asks: list[tuple[str, tuple[CellRef, ...]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # row labels not found
    findings: list[Finding] = field(default_factory=list)
    rows_found: int = 0
    digit_rows: int = 0  # rows run together with exactly one digit a cell
    spans: dict[CellRef, Span] = field(default_factory=dict)  # where each cell is printed

    def take(self, refs: tuple[CellRef, ...], cells: tuple[Cell, ...]) -> None:
        for ref, cell in zip(refs, cells, strict=True):
            if isinstance(cell, Unread):
                self.flag(ref)
            elif cell is None:
                self.blanks.append(ref)
            else:
                self.values[ref] = cell

    def flag(self, *refs: CellRef) -> None:
        self.flagged.extend(r for r in refs if r not in self.flagged)


def show_cells(cells: tuple[Cell, ...]) -> str:
    return "、".join(
        "空白" if c is None else "？" if isinstance(c, Unread) else format_value(c) for c in cells
    )


def listed(choices: list[Choice]) -> str:
    shown = "；".join(show_cells(c.cells) for c in choices[:SHOWN])
    return shown + (" 等" if len(choices) > SHOWN else "")

"""Numbers that spaced text printed on a line of their own, between two rows' labels.

`pdftotext -layout` (and a PDF without ruling lines) prints a row's numbers at the row's middle.
Beside a label wrapped over lines they fall on one of its lines; beside a group label wrapped
over lines ("（四）无法提 / 供") they may land on a line above or below the row's own label. Such a
stretch of numbers belongs to the row above it or to the row below it: it is given to a row only
when that row printed no numbers of its own, no other such row could claim the stretch, and no
other stretch could be the row's. Every other case leaves the rows to the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.importers.published.cells import Piece, RowText, before_numbering, stretches

# Lines below the table's last label in which its numbers may still be printed.
TAIL_LINES = 2


@dataclass
class Found:
    """A row (or a group printed as one row) found by its label."""

    label: tuple[int, int]  # text span of the row's label
    stop: int  # where the next row's label begins
    next_label: str  # the next row's printed label ("" for the last)
    printed: RowText


@dataclass
class Placed:
    given: dict[int, tuple[Piece, ...]]  # row index -> the stretch it is given
    undecided: dict[int, int]  # row index -> how many stretches it could have


def place_orphans(text: str, rows: dict[int, Found], end: int) -> Placed:
    order = sorted(rows, key=lambda i: rows[i].label[0])
    placed = Placed({}, {})
    spaced = [i for i in order if not rows[i].printed.fields]
    if not spaced:
        return placed
    # The gaps between one row's numbers (or label) and the next row's label, and what is there.
    gaps: list[tuple[int, int, list[tuple[Piece, ...]]]] = []  # above-row, below-row, stretches
    for k, i in enumerate(order):
        row = rows[i]
        start = max(row.label[1], row.printed.end)
        if k + 1 < len(order):
            stop = before_numbering(text, row.stop, row.next_label)
            below = order[k + 1]
        else:
            stop = _after_lines(text, start, min(end, row.stop), TAIL_LINES)
            below = -1
        gaps.append((i, below, stretches(text, start, stop) if start < stop else []))
    claims: dict[int, list[tuple[Piece, ...]]] = {}
    claimants: dict[tuple[Piece, ...], list[int]] = {}
    for above, below, found in gaps:
        for stretch in found:
            for i in (above, below):
                if i in rows and not rows[i].printed.pieces and not rows[i].printed.fields:
                    claims.setdefault(i, []).append(stretch)
                    claimants.setdefault(stretch, []).append(i)
    for i, options in claims.items():
        if len(options) == 1 and claimants[options[0]] == [i]:
            placed.given[i] = options[0]
        else:
            placed.undecided[i] = len(options)
    return placed


def _after_lines(text: str, start: int, stop: int, lines: int) -> int:
    at = start
    for _ in range(lines + 1):
        nxt = text.find("\n", at, stop)
        if nxt < 0:
            return stop
        at = nxt + 1
    return min(at, stop)

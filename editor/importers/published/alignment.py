"""Which printed piece goes into which cell of a row: certain when the pieces fit the cells
exactly, otherwise every way the pieces could fill the row, kept only when the row's sums allow.

The ways considered, and only these:
- the pieces fit the cells one to one (a TAB field for each cell, or as many numbers as cells);
- more pieces than cells: blank marks at either end ("/" from an empty label cell or a diagonal
  line) are skipped when the rest fits exactly, or the numbers alone fit exactly;
- fewer TAB fields than cells: the row shifted left or right over its empty edge fields;
- fewer numbers than cells in a line: each number in a cell of its own, in order, the other cells
  left empty (cells printed empty leave no trace in spaced text), or digits that ran together
  split (see digits.py).
A blank counts as 0 for the row's sums when choosing, as the checks count it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from math import comb

from editor.domain.forms import ValueKind
from editor.importers.published.cells import Piece, PieceKind, RowText
from editor.importers.published.digits import Rule, parse_piece, split_run

Value = int | float


class Unread:
    """A cell whose printed text is not a number ("若干", "见附件"): left to the clerk."""

    def __repr__(self) -> str:
        return "UNREAD"


UNREAD = Unread()
Cell = Value | None | Unread  # None: blank

# Most placements of a row's numbers into its cells tried (表四: 15 cells, C(15, 7) = 6435).
PLACEMENT_LIMIT = 10_000


@dataclass(frozen=True)
class Choice:
    cells: tuple[Cell, ...]
    pieces: tuple[int | None, ...]  # the piece each cell was read from (None: not printed)
    how: str  # "direct", "skip", "shift", "place", "split"


@dataclass
class RowOutcome:
    choices: list[Choice] = field(default_factory=list)  # those the row's own sums allow
    certain: bool = False  # the pieces fit the cells exactly: no choice was made
    considered: int = 0  # ways tried before the row's sums
    splits: int = 0  # of the choices, how many split a run of digits
    exhausted: bool = False  # too many ways to try them all
    skipped: tuple[Piece, ...] = ()  # blank marks left out to make the row fit
    agreed: bool = False  # chosen among several by the other rows' layout (padding.py)
    shifts: tuple[Choice, ...] = ()  # every offset of a TAB row over its fields, sums or not


def fits(cells: Sequence[Cell], rules: Sequence[Rule]) -> bool:
    """The row's sums hold, a blank counting as 0; a sum with an unread cell cannot be judged."""
    for total, parts in rules:
        involved = [cells[total], *(cells[i] for i in parts)]
        if any(isinstance(c, Unread) for c in involved):
            continue
        if _value(cells[total]) != sum(_value(cells[i]) for i in parts):
            return False
    return True


def _value(cell: Cell) -> Value:
    return cell if isinstance(cell, int | float) else 0


def align(
    row: RowText,
    kinds: Sequence[ValueKind],
    rules: Sequence[Rule],
    *,
    unprinted_blanks: bool = False,
) -> RowOutcome:
    """`unprinted_blanks`: the table's spaced text leaves some empty cells unprinted (rows with
    fewer numbers than cells), so a "/" at a row's edge may be a stray mark, not a cell."""
    width = len(kinds)
    pieces = row.pieces
    printed = [i for i, p in enumerate(pieces) if not p.empty]
    if not printed:
        return _direct(pieces, [None] * width, "direct")
    first, last = printed[0], printed[-1]
    core = list(range(first, last + 1)) if row.fields else printed
    if len(core) == width:
        direct = _direct(pieces, core, "direct")
        edge = pieces[core[0]].glyph or pieces[core[-1]].glyph
        if row.fields or not any(pieces[i].glyph for i in core):
            return direct
        if fits(direct.choices[0].cells, rules) and not (unprinted_blanks and edge):
            return direct
        # Spaced text: a "/" may be a stray mark, and the numbers may have run together (narrow
        # columns); the row's sums decide, else the clerk does.
        where = [i for i, p in enumerate(pieces) if p.kind is PieceKind.NUMBER]
        numbers = [pieces[i] for i in where]
        others = [
            Choice(c.cells, tuple(where[k] if k is not None else None for k in c.pieces), c.how)
            for c in [*_placements(numbers, kinds), *_splits(numbers, kinds, rules)]
        ]
        outcome = _keep([*direct.choices, *others], rules)
        outcome.considered = len(others) + 1
        return outcome
    if len(core) > width:
        fitted = _drop_strays(pieces, core, width)
        if fitted is None:
            return RowOutcome()
        outcome = _direct(pieces, fitted, "skip")
        outcome.skipped = tuple(pieces[i] for i in core if i not in fitted)
        return outcome
    if row.fields:
        shifts = _shifts(pieces, 0 if not row.padded else first, last, width)
        if len(shifts) == 1:  # no empty field before the first printed one: no choice
            return RowOutcome(shifts, certain=True, considered=1)
        outcome = _keep(shifts, rules)
        outcome.shifts = tuple(shifts)  # the other rows' layout may pick one (padding.py)
        return outcome
    return _keep([*_placements(pieces, kinds), *_splits(pieces, kinds, rules)], rules)


def _direct(pieces: Sequence[Piece], chosen: Sequence[int | None], how: str) -> RowOutcome:
    cells = tuple(_cell(pieces[i]) if i is not None else None for i in chosen)
    return RowOutcome([Choice(cells, tuple(chosen), how)], certain=True, considered=1)


def _cell(piece: Piece) -> Cell:
    if piece.kind is PieceKind.NUMBER:
        value = piece.number()
        return UNREAD if value is None else value
    if piece.kind is PieceKind.BLANK:
        return None
    return UNREAD


def _drop_strays(pieces: Sequence[Piece], core: list[int], width: int) -> list[int] | None:
    """The pieces left when blank marks at the ends (then every blank mark, if the numbers alone
    fit) are taken as strays; None if the row still does not fit."""
    kept = list(core)
    while len(kept) > width and pieces[kept[0]].kind is PieceKind.BLANK:
        kept.pop(0)
    while len(kept) > width and pieces[kept[-1]].kind is PieceKind.BLANK:
        kept.pop()
    if len(kept) == width:
        return kept
    numbers = [i for i in core if pieces[i].kind is PieceKind.NUMBER]
    if len(numbers) == width and all(pieces[i].kind is not PieceKind.TEXT for i in core):
        return numbers
    return None


def _shifts(pieces: Sequence[Piece], first: int, last: int, width: int) -> list[Choice]:
    """TAB fields fewer than cells once the empty ends are set aside: every offset of the row
    over the fields that keeps all printed fields inside it (fields past the end of the line
    are empty: trailing TABs are often trimmed)."""
    out: list[Choice] = []
    for offset in range(max(0, last - width + 1), first + 1):
        chosen = [offset + j if offset + j < len(pieces) else None for j in range(width)]
        cells = tuple(_cell(pieces[i]) if i is not None else None for i in chosen)
        out.append(Choice(cells, tuple(chosen), "shift"))
    return out


def _placements(pieces: Sequence[Piece], kinds: Sequence[ValueKind]) -> list[Choice]:
    """Each printed piece in a cell of its own, in order; the other cells empty."""
    width, count = len(kinds), len(pieces)
    if comb(width, count) > PLACEMENT_LIMIT:
        return []
    out: list[Choice] = []
    for positions in itertools.combinations(range(width), count):
        cells: list[Cell] = [None] * width
        chosen: list[int | None] = [None] * width
        for k, column in enumerate(positions):
            piece = pieces[k]
            if piece.kind is PieceKind.NUMBER:
                value = parse_piece(piece.digits(), kinds[column])
                if value is None:
                    break
                cells[column] = value
            elif piece.kind is PieceKind.TEXT:
                break
            chosen[column] = k
        else:
            out.append(Choice(tuple(cells), tuple(chosen), "place"))
    return out


def _splits(
    pieces: Sequence[Piece], kinds: Sequence[ValueKind], rules: Sequence[Rule]
) -> list[Choice]:
    """Digits run together, cut into the row's cells (only when every piece is a number)."""
    if not all(p.kind is PieceKind.NUMBER for p in pieces):
        return []
    outcome = split_run([p.digits() for p in pieces], kinds, rules)
    run = tuple(range(len(pieces)))
    # A split cell comes from the run as a whole: its piece is the first of the run.
    out = [Choice(tuple(c), (run[0],) * len(kinds), "split") for c in outcome.candidates]
    if outcome.exhausted:
        out.append(Choice((), (), "exhausted"))
    return out


def _keep(choices: list[Choice], rules: Sequence[Rule]) -> RowOutcome:
    outcome = RowOutcome(considered=len(choices))
    seen: set[tuple[Cell, ...]] = set()
    for choice in choices:
        if choice.how == "exhausted":
            outcome.exhausted = True
            continue
        if choice.cells in seen or not fits(choice.cells, rules):
            continue
        seen.add(choice.cells)
        outcome.choices.append(choice)
        outcome.splits += choice.how == "split"
    return outcome

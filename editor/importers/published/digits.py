"""Splitting runs of digits that lost their cell boundaries ("801000081") into the row's values.

A crawl that flattens a table joins the cells of a row with no separator. A run is split only
into numbers written the usual way (no leading zeros but "0", decimals only where the column
holds money, a minus sign only at the start of a token in a signed column), and only splits
that satisfy the caller's rule (e.g. the six applicant columns sum to 总计) are kept. The
enumeration is bounded, so a long run can never hang the import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from editor.domain.forms import ValueKind

Value = int | float
Row = tuple[Value, ...]

# Depth-first steps allowed for one row; a real row (≤ 15 cells, ≤ 40 digits) needs far fewer.
STEP_LIMIT = 200_000
# Candidates kept for one row; more than this is reported as "many".
CANDIDATE_LIMIT = 50

_PIECE = {
    ValueKind.COUNT: re.compile(r"0|[1-9]\d*"),
    ValueKind.MONEY: re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
    ValueKind.SIGNED: re.compile(r"-?(?:0|[1-9]\d*)"),
}


@dataclass(frozen=True)
class SplitOutcome:
    """The splits that fit, and whether the search stopped early (then the list is partial)."""

    candidates: tuple[Row, ...]
    exhausted: bool = False

    @property
    def unique(self) -> Row | None:
        if self.exhausted or len(self.candidates) != 1:
            return None
        return self.candidates[0]


def parse_piece(text: str, kind: ValueKind) -> Value | None:
    """`text` as one value of `kind`, or None if it is not written as such a number."""
    if not _PIECE[kind].fullmatch(text):
        return None
    if "." in text:
        return float(text)
    return int(text)


Rule = tuple[int, Sequence[int]]  # (index of the total, indices of its parts)


def split_run(
    tokens: Sequence[str],
    kinds: Sequence[ValueKind],
    rules: Sequence[Rule] = (),
    *,
    step_limit: int = STEP_LIMIT,
    candidate_limit: int = CANDIDATE_LIMIT,
) -> SplitOutcome:
    """Every way to cut `tokens` (digit strings; a space between tokens is a sure boundary) into
    exactly len(kinds) values for which each rule's parts add up to its total."""
    width = len(kinds)
    found: list[Row] = []
    steps = 0
    exhausted = False
    lengths = [len(t) for t in tokens]
    # A total whose parts all come before it is forced: only that number is tried there.
    forced = {t: tuple(p) for t, p in rules if all(i < t for i in p)}
    accept = _rules_hold(rules)

    def chars_after(token: int, start: int) -> int:
        return lengths[token] - start + sum(lengths[token + 1 :]) if token < len(tokens) else 0

    def descend(token: int, start: int, values: list[Value]) -> None:
        nonlocal steps, exhausted
        if exhausted:
            return
        steps += 1
        if steps > step_limit or len(found) >= candidate_limit:
            exhausted = True
            return
        column = len(values)
        if token == len(tokens):
            if column == width:
                row = tuple(values)
                if accept(row):
                    found.append(row)
            return
        if column == width:
            return
        # Each token left needs at least one column; the columns left take at least a character
        # each, and a total to come at least as many as the sum of its parts so far.
        tokens_left = len(tokens) - token
        chars_left = chars_after(token, start)
        if width - column < tokens_left or width - column > chars_left:
            return
        for total, parts in forced.items():
            if total >= column:
                partial = sum(values[i] for i in parts if i < column)
                if width - column - 1 + len(str(int(partial))) > chars_left:
                    return
        text = tokens[token]
        if column in forced:
            wanted = sum(values[i] for i in forced[column])
            pieces: Sequence[int] = [start + len(str(wanted))] if wanted == int(wanted) else []
        else:
            pieces = range(start + 1, len(text) + 1)
        for end in pieces:
            if end > len(text):
                break
            value = parse_piece(text[start:end], kinds[column])
            if value is None:
                # "0" cannot grow ("01"), and nothing grows past a bad start: stop early.
                if text[start] == "0" and end - start >= 2 and "." not in text[start:end]:
                    break
                continue
            values.append(value)
            if end == len(text):
                descend(token + 1, 0, values)
            else:
                descend(token, end, values)
            values.pop()

    if tokens and width:
        descend(0, 0, [])
    return SplitOutcome(tuple(found), exhausted)


def _rules_hold(rules: Sequence[Rule]) -> Callable[[Row], bool]:
    def accept(row: Row) -> bool:
        return all(row[total] == sum(row[i] for i in parts) for total, parts in rules)

    return accept

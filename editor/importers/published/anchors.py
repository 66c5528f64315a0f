"""Where each printed row of a table starts in the text: its label, found as printed, between its
neighbours as a variant, or (表四) after the header.

Positions are kept as letter spans of the LetterIndex and given back as text spans.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from editor.domain.checks import Finding
from editor.domain.forms import TableDef, TableShape
from editor.domain.layout import CellRole, table_layout
from editor.importers.labels import MATCH_THRESHOLD, normalise_label
from editor.importers.published.locate import LetterIndex, fuzzy_find, needle_of
from editor.importers.published.rows import PrintedRow, RowGroup, furniture

# A missing label is looked for this many letters beyond the previous one at most.
GAP_LIMIT = 300

Span = tuple[int, int]  # text positions [start, end)


@dataclass
class Anchors:
    rows: list[Span | None]  # each printed row's label in the text
    groups: dict[int, Span] = field(default_factory=dict)  # RowGroup index -> its label
    findings: list[Finding] = field(default_factory=list)  # label.variant


def anchor_rows(
    index: LetterIndex,
    table: TableDef,
    rows: list[PrintedRow],
    groups: list[RowGroup],
    start: int,
    end: int,
) -> Anchors:
    """The label of each printed row within text positions [start, end)."""
    lo, hi = index.letter_at(start), index.letter_at(end)
    if table.shape is TableShape.BLOCKS and table.blocks:
        heading = index.find(needle_of(table.blocks[0].heading), lo, hi)
        if heading >= 0:
            lo = heading
    if table.shape is TableShape.STRIP:
        at = _strip_anchor(index, table, lo, hi)
        return Anchors([None if at is None else (at, at)])
    extras = furniture(table)
    letters: list[Span | None] = []
    cursor = lo
    # Pass 1: labels as printed, in order.
    for row in rows:
        needle = needle_of(row.label)
        at = _find_numbered(index, row.label, needle, cursor, hi, extras) if needle else -1
        if at >= 0:
            letters.append((at, at + len(needle)))
            cursor = at + len(needle)
        else:
            letters.append(None)
    anchors = Anchors([])
    # Pass 2: a label not found as printed is looked for between its neighbours.
    for i, row in enumerate(rows):
        if letters[i] is not None:
            continue
        prev_end, next_start = _neighbours(letters, i, lo, hi)
        gap = index.letters[prev_end : min(next_start, prev_end + GAP_LIMIT)]
        found = fuzzy_find(row.label, gap, extras, MATCH_THRESHOLD)
        if found is None:
            continue
        offset, wording, exact = found
        if _inside_longer(index.letters, prev_end + offset, wording, extras):
            continue  # "其他" of "3.其他" inside "（六）其他处理": that is the group's own row
        letters[i] = (prev_end + offset, prev_end + offset + len(wording))
        if not exact:
            anchors.findings.append(
                Finding(
                    "label.variant",
                    f"{table.number}标签“{wording}”与官方格式“{row.label}”不一致",
                    row.refs,
                    expected=row.label,
                    actual=wording,
                )
            )
    # Pass 3: a group none of whose rows was found may be printed as one row of its own.
    for g, group in enumerate(groups):
        if any(letters[i] is not None for i in group.rows):
            continue
        prev_end, next_start = _neighbours(letters, group.rows[0], lo, hi)
        needle = needle_of(group.label)
        at = index.find(needle, prev_end, next_start)
        if at >= 0:
            anchors.groups[g] = (index.pos(at), index.end_pos(at + len(needle)))
    anchors.rows = [
        (index.pos(s[0]), index.end_pos(s[1])) if s is not None else None for s in letters
    ]
    return anchors


def _neighbours(letters: list[Span | None], i: int, lo: int, hi: int) -> tuple[int, int]:
    """Letter positions after the found row before row i, and of the found row after it."""
    prev_end = next((s[1] for s in reversed(letters[:i]) if s is not None), lo)
    next_start = next((s[0] for s in letters[i + 1 :] if s is not None), hi)
    return prev_end, next_start


def _find_numbered(
    index: LetterIndex, label: str, needle: str, lo: int, hi: int, extras: tuple[str, ...]
) -> int:
    """The first `needle` after `lo`; for a numbered label ("3.其他"), the first one printed
    with its number, so that "其他" is not taken from "（六）其他处理" above it. Without its
    number, a label is never taken from inside a longer text of the form."""
    first = index.find(needle, lo, hi)
    if first < 0:
        return first
    m = re.match(r"(\d+)\s*[.、．,，]", normalise_label(label))
    if m:
        numbered = re.compile(rf"{m[1]}\s*[.、．,，]\s*$")
        at = first
        while at >= 0:
            before = unicodedata.normalize(
                "NFKC", index.text[max(0, index.pos(at) - 8) : index.pos(at)]
            )
            if numbered.search(before):
                return at
            at = index.find(needle, at + 1, hi)
    at = first
    while at >= 0 and _inside_longer(index.letters, at, needle, extras):
        at = index.find(needle, at + 1, hi)
    return at


def _inside_longer(letters: str, at: int, needle: str, extras: tuple[str, ...]) -> bool:
    """Whether the needle found at `at` is part of a longer printed text of the table."""
    for text in extras:
        if len(text) <= len(needle):
            continue
        offset = text.find(needle)
        while offset >= 0:
            if at >= offset and letters[at - offset : at - offset + len(text)] == text:
                return True
            offset = text.find(needle, offset + 1)
    return False


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

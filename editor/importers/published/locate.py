"""Finding labels in extracted text whatever its spacing: a letters-only view mapped back to it.

Labels are searched in a copy of the text without whitespace, digits, number punctuation, quotes
or the "1." of numbered labels, folded to half-width (NFKC). A label broken over lines, or with
the numbers of its row printed in the middle of it (pdftotext's layout), is then contiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from editor.importers.labels import label_score, split_enumerator

_DROP = frozenset("0123456789.-/%“”‘’\"'「」『』—–")
# "2." / "2、" / "2," before a label: the punctuation goes with the dropped digits.
_NUMBERING = re.compile(r"\d+\s*[.、．,，](?!\d)")


@dataclass(frozen=True)
class Match:
    """Where a label was found: letter indices [start, end) and what the source said there."""

    start: int
    end: int
    found: str
    exact: bool


class LetterIndex:
    """The text's letters (see module doc), each mapped back to its position in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        dropped = {m.end() - 1 for m in _NUMBERING.finditer(text)}
        letters: list[str] = []
        positions: list[int] = []
        for i, ch in enumerate(text):
            if ch.isspace() or i in dropped:
                continue
            for folded in unicodedata.normalize("NFKC", ch):
                if folded.isspace() or folded in _DROP:
                    continue
                letters.append(folded)
                positions.append(i)
        self.letters = "".join(letters)
        self.positions = positions

    def pos(self, letter: int) -> int:
        """The text position of letter `letter` (the text's end past the last letter)."""
        return self.positions[letter] if letter < len(self.positions) else len(self.text)

    def end_pos(self, letter_end: int) -> int:
        """The text position just after letter `letter_end - 1`."""
        if letter_end <= 0:
            return 0
        return self.positions[letter_end - 1] + 1

    def letter_at(self, pos: int) -> int:
        """The first letter at or after text position `pos`."""
        lo, hi = 0, len(self.positions)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.positions[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def find(self, needle: str, start: int, end: int | None = None) -> int:
        return self.letters.find(needle, start, len(self.letters) if end is None else end)


def needle_of(label: str) -> str:
    """What to search for: the label normalised, a numeric "1." dropped (it is not indexed)."""
    enumerator, body = split_enumerator(label)
    if enumerator and enumerator[0].isdigit():
        return body
    return enumerator + body


def subsequence_leftover(needle: str, text: str) -> tuple[int, str] | None:
    """If `needle` is a subsequence of `text`: where it starts and the letters not used."""
    at = 0
    used: list[int] = []
    for ch in needle:
        at = text.find(ch, at)
        if at < 0:
            return None
        used.append(at)
        at += 1
    taken = set(used)
    return used[0], "".join(c for i, c in enumerate(text) if i not in taken)


def fuzzy_find(
    official: str, gap: str, furniture: tuple[str, ...], threshold: float
) -> tuple[int, str, bool] | None:
    """The official label in `gap` (letters between two found labels).

    Returns (offset in gap, source wording, exact). A label interleaved only with other labels of
    the form (a group label printed across its lines) counts as exact; otherwise the best match
    scoring at least `threshold` is a variant.
    """
    needle = needle_of(official)
    if not needle or not gap:
        return None
    spread = subsequence_leftover(needle, gap)
    if spread is not None:
        offset, leftover = spread
        for text in furniture:
            if text:
                leftover = leftover.replace(text, "", 1)
        if not leftover or needle in gap:
            return offset, needle, True
    cleaned = gap
    for text in furniture:
        if len(text) >= 4:  # short headers ("其他", "总计") are also words inside labels
            cleaned = cleaned.replace(text, "\0" * len(text))
    best: tuple[float, int, int] | None = None
    for size in range(max(2, len(needle) - 4), len(needle) + 5):
        for start in range(0, max(1, len(cleaned) - size + 1)):
            piece = cleaned[start : start + size]
            if "\0" in piece:
                continue
            score = label_score(needle, piece)
            if best is None or score > best[0]:
                best = (score, start, size)
    if best is None or best[0] < threshold:
        return None
    _score, start, size = best
    return start, cleaned[start : start + size], False

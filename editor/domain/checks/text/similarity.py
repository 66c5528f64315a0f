"""How much of a text is still last year's: sentence by sentence, numbers and years aside.

Each sentence (or ；-part) of this year's text is compared with last year's sentences after
normalisation: every number (Arabic, full-width or Chinese, so years and counts alike) becomes
one placeholder and punctuation and spaces are dropped, so "2023年收到申请74件。" and
"2024年收到申请81件，" are the same sentence. A sentence counts as copied when it equals one of
last year's or is close to one by `difflib.SequenceMatcher.ratio()` (the standard library's
Ratcliff/Obershelp measure) — a word or two changed does not make a sentence new. The share is
copied characters over all characters (normalised), so one short new sentence does not hide a
copied page, and a reordered text is as copied as the original.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from editor.domain.checks.text.numerals import CHINESE_NUMERAL_CHARS, normalize_width

# A sentence this close to one of last year's (SequenceMatcher.ratio) is last year's, lightly
# edited: at 0.8 about one character in five may change (a word or two in a clause).
SIMILAR_RATIO = 0.8
# Normalised sentences shorter than this ("无。", "详见下表。") say nothing of their own.
MIN_SENTENCE = 6
# Bounds on the near (not exact) comparisons, so a hostile file cannot stall the window: a real
# section has a few dozen sentences of under 300 characters. Beyond them only exact copies count.
MAX_NEAR_SENTENCE = 1000
MAX_NEAR_SENTENCES = 500
MAX_CANDIDATES = 1000

_PART = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_NUMBER = re.compile(rf"[\d{CHINESE_NUMERAL_CHARS}〇]+(?:[.,．][\d]+)*")
# Everything but letters (CJK included) and the number placeholder is left out of the comparison.
_NOT_WORD = re.compile(r"[^\w#]|_")


@dataclass(frozen=True)
class CopiedText:
    """What of a text is last year's: the share, and the copied sentences as character ranges."""

    share: float  # 0..1, of the text's normalised characters
    copied_chars: int
    total_chars: int
    spans: tuple[tuple[int, int], ...]  # copied sentences in the original text


def normalized(sentence: str) -> str:
    """The sentence as compared: numbers as "#", no punctuation or spaces."""
    return _NOT_WORD.sub("", _NUMBER.sub("#", normalize_width(sentence)))


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised) for every sentence or ；-part of `text` worth comparing."""
    out: list[tuple[int, int, str]] = []
    for m in _PART.finditer(text):
        norm = normalized(m.group())
        if len(norm) >= MIN_SENTENCE:
            raw = m.group()
            lead = len(raw) - len(raw.lstrip())
            out.append((m.start() + lead, m.end(), norm))
    return out


@lru_cache(maxsize=256)
def copied_text(text: str, last_text: str) -> CopiedText:
    """How much of `text` is `last_text`'s (see the module doc). Cached: a keystroke in one
    paragraph recomputes that paragraph only."""
    mine = sentences(text)
    total = sum(len(n) for _s, _e, n in mine)
    if not mine or not last_text.strip():
        return CopiedText(0.0, 0, total, ())
    exact = _last_year(last_text)
    spans: list[tuple[int, int]] = []
    copied = 0
    near_left = MAX_NEAR_SENTENCES
    for start, end, norm in mine:
        if norm in exact:
            found = True
        elif near_left > 0 and len(norm) <= MAX_NEAR_SENTENCE:
            near_left -= 1
            found = _near(norm, last_text)
        else:
            found = False
        if found:
            spans.append((start, end))
            copied += len(norm)
    return CopiedText(copied / total, copied, total, tuple(spans))


@lru_cache(maxsize=64)
def _last_year(text: str) -> frozenset[str]:
    """Last year's sentences (normalised), for exact lookups."""
    return frozenset(n for _s, _e, n in sentences(text))


@lru_cache(maxsize=64)
def _last_year_by_length(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Last year's sentences sorted by length (and the lengths, for bisecting), for near matches;
    built only when a sentence is not found as it is (a text copied unchanged never needs it)."""
    ordered = sorted(_last_year(text), key=len)
    return tuple(len(n) for n in ordered), tuple(ordered)


@lru_cache(maxsize=4096)
def _bigrams(s: str) -> frozenset[str]:
    return frozenset(map(str.__add__, s, s[1:]))


def _near(sentence: str, last_text: str) -> bool:
    """Is `sentence` within SIMILAR_RATIO of one of last year's?

    Two cheap filters first: ratio = 2·matches / (a + b) ≤ 2·min / (a + b), so only sentences of
    a similar length can reach the threshold (found by bisecting); and a sentence mostly the
    same, in order, shares most of its character pairs (at least half of them is asked), a set
    intersection in C. Only the few that pass are measured with SequenceMatcher.
    """
    n = len(sentence)
    lengths, ordered = _last_year_by_length(last_text)
    low = bisect_left(lengths, n * SIMILAR_RATIO / (2 - SIMILAR_RATIO))
    high = bisect_right(lengths, n * (2 - SIMILAR_RATIO) / SIMILAR_RATIO)
    if low >= high:
        return False
    pairs = _bigrams(sentence)
    need = len(pairs) / 2
    window = ordered[low : min(high, low + MAX_CANDIDATES)]
    candidates = tuple(other for other in window if len(pairs & _bigrams(other)) >= need)
    return bool(candidates) and _near_any(sentence, candidates)


@lru_cache(maxsize=4096)
def _near_any(sentence: str, candidates: tuple[str, ...]) -> bool:
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(sentence)  # seq2 is the one SequenceMatcher indexes: set once, reused
    for other in candidates:
        matcher.set_seq1(other)
        if matcher.quick_ratio() >= SIMILAR_RATIO and matcher.ratio() >= SIMILAR_RATIO:
            return True
    return False

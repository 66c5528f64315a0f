"""How much of a text is still last year's: sentence by sentence, numbers and years aside.

Each sentence (or ；-part) of this year's text is compared with last year's sentences after
normalisation: every number (Arabic, full-width or Chinese, so years and counts alike) becomes
one placeholder and punctuation and spaces are dropped, so "2023年收到申请74件。" and
"2024年收到申请81件，" are the same sentence. A sentence counts as copied when it equals one of
last year's or is close to one by `difflib.SequenceMatcher.ratio()` (the standard library's
Ratcliff/Obershelp measure) — a word or two changed does not make a sentence new. The share is
copied characters over all characters (normalised), so one short new sentence does not hide a
copied page, and a reordered text is as copied as the original.

Finding the close ones without comparing every sentence with every other is `sentence_index`'s
job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from editor.domain.checks.text.numerals import CHINESE_NUMERAL_CHARS
from editor.domain.checks.text.sentence_index import MIN_SENTENCE, LastYearSentences

# Bounds on the near (not exact) comparisons, so a hostile file cannot stall the window: a real
# section has a few dozen sentences of under 300 characters. Beyond them only exact copies count.
MAX_NEAR_SENTENCE = 1000
MAX_NEAR_SENTENCES = 500

_PART = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def _ideograph_ranges() -> str:
    """U+4E00–U+9FEF without the Chinese numerals, as ranges for a character class."""
    out, start = [], 0x4E00
    for numeral in sorted(ord(c) for c in set(CHINESE_NUMERAL_CHARS) if 0x4E00 <= ord(c) <= 0x9FEF):
        if numeral > start:
            out.append(f"{chr(start)}-{chr(numeral - 1)}")
        start = numeral + 1
    out.append(f"{chr(start)}-\u9fef")
    return "".join(out)


_NUMERAL = rf"\d{CHINESE_NUMERAL_CHARS}〇"
# One pass over a text gives its normalised words: a run of letters (CJK included) that starts
# no number, a "#" or the "\n" between sentences (group 1), or a number (full-width digits are \d
# too), which stands for "#" (its group 1 is empty). Punctuation and spaces match nothing and are
# skipped. Same result as replacing numbers, then dropping the rest, in two passes (a third
# faster). Runs of common CJK ideographs (U+4E00–U+9FEF, every one a letter; numerals left out)
# are tried first: the regex engine takes such a range faster than the general letter class.
_WORDS = re.compile(
    rf"([{_ideograph_ranges()}]+|[^\W_{_NUMERAL}]+|[#\n])|[{_NUMERAL}]+(?:[.,．]\d+)*"
)


@dataclass(frozen=True)
class CopiedText:
    """What of a text is last year's: the share, and the copied sentences (their character
    ranges are looked up when asked for: a check needs only the first)."""

    share: float  # 0..1, of the text's normalised characters
    copied_chars: int
    total_chars: int
    sentences: int  # how many of its sentences are last year's
    _text: str = field(default="", repr=False, compare=False)
    _found: tuple[int, ...] = field(default=(), repr=False, compare=False)  # which parts

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The copied sentences in the original text (leading spaces left out)."""
        return tuple(_spans(self._text, self._found))

    @property
    def first_span(self) -> tuple[int, int] | None:
        return next(_spans(self._text, self._found), None)


def normalized(sentence: str) -> str:
    """The sentence as compared: numbers as "#", no punctuation or spaces. (A newline in it is
    a space here: "\n" is what `normalized_parts` keeps between sentences.)"""
    return "".join([w or "#" for w in _WORDS.findall(sentence.replace("\n", " "))])


def normalized_parts(text: str) -> list[str]:
    """Every sentence or ；-part of `text` (as `_PART` finds them, short ones too), normalised,
    in one pass: the parts hold no "\n", so joined by it they split apart again after."""
    joined = "\n".join(_PART.findall(text))
    return "".join([w or "#" for w in _WORDS.findall(joined)]).split("\n")


@dataclass(frozen=True)
class _Sentences:
    """A text's sentences against last year's: those found as they are, and those to measure
    (in text order, within the bounds on near comparisons)."""

    parts: list[str]  # every part of the text, normalised
    total: int
    exact: list[int]  # numbers of the parts found unchanged in last year's
    to_measure: list[int]
    last: LastYearSentences | None


@lru_cache(maxsize=256)
def _sentences_of(text: str, last_text: str) -> _Sentences:
    parts = normalized_parts(text)
    total = sum(len(n) for n in parts if len(n) >= MIN_SENTENCE)
    if not total or not last_text.strip():
        return _Sentences(parts, total, [], [], None)
    last = last_year_sentences(last_text)
    exact: list[int] = []
    to_measure: list[int] = []
    for index, norm in enumerate(parts):
        if len(norm) < MIN_SENTENCE:
            continue
        if norm in last.exact:
            exact.append(index)
        elif len(to_measure) < MAX_NEAR_SENTENCES and len(norm) <= MAX_NEAR_SENTENCE:
            to_measure.append(index)
    return _Sentences(parts, total, exact, to_measure, last)


@lru_cache(maxsize=256)
def copied_text(text: str, last_text: str) -> CopiedText:
    """How much of `text` is `last_text`'s (see the module doc). Cached: a keystroke in one
    paragraph recomputes that paragraph only, and within it only the sentence typed into."""
    found_in = _sentences_of(text, last_text)
    if found_in.last is None:
        return CopiedText(0.0, 0, found_in.total, 0)
    parts, has_near = found_in.parts, found_in.last.has_near
    found = sorted(found_in.exact + [i for i in found_in.to_measure if has_near(parts[i])])
    copied, total = sum(len(parts[i]) for i in found), found_in.total
    return CopiedText(copied / total, copied, total, len(found), text, tuple(found))


def copied_reaches(text: str, last_text: str, enough: Callable[[int, int], bool]) -> bool:
    """Is `enough(copied_chars, total_chars)` true of copied_text(text, last_text)? `enough`
    must not turn false as copied_chars grows. The same answer, found by measuring the longest
    sentences first and stopping as soon as the rest could not change it: a rewritten text is
    known not to be copied after about half of it."""
    found_in = _sentences_of(text, last_text)
    if found_in.last is None:
        return enough(0, found_in.total)
    parts, has_near, total = found_in.parts, found_in.last.has_near, found_in.total
    copied = sum(len(parts[i]) for i in found_in.exact)
    unknown = sum(len(parts[i]) for i in found_in.to_measure)
    for index in sorted(found_in.to_measure, key=lambda i: len(parts[i]), reverse=True):
        if enough(copied, total) or not enough(copied + unknown, total):
            break
        size = len(parts[index])
        unknown -= size
        if has_near(parts[index]):
            copied += size
    return enough(copied, total)


def _spans(text: str, found: tuple[int, ...]) -> Iterator[tuple[int, int]]:
    """The character ranges of parts number `found` (ascending) of `text`."""
    wanted = iter(found)
    index = next(wanted, None)
    for number, m in enumerate(_PART.finditer(text)):
        if number == index:
            raw = m.group()
            yield m.start() + len(raw) - len(raw.lstrip()), m.end()
            index = next(wanted, None)
            if index is None:
                return


@lru_cache(maxsize=64)
def last_year_sentences(text: str) -> LastYearSentences:
    """Last year's sentences (normalised), indexed for exact and near lookups."""
    return LastYearSentences(n for n in normalized_parts(text) if len(n) >= MIN_SENTENCE)

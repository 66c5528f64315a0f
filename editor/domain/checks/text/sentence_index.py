"""Last year's sentences, indexed so that each of this year's is measured against few of them.

A sentence of this year is close to one of last year's when `difflib.SequenceMatcher.ratio()`
(last year's first, autojunk off) is at least 0.8. Measuring each with each would cost tens of
milliseconds on a long report; bounds that hold for every pair of strings rule out nearly all of
last year's sentences first, and only the few left are measured (`matching.matches_reach`):

- ratio = 2·M / (a + b), M the characters in matching blocks, M ≤ min(a, b): only a sentence
  of length a with 2a ≤ 3b and 2b ≤ 3a can reach 0.8 (a slice of the sentences by length);
- a character of one sentence that occurs nowhere in the other is in no block: with m such
  characters in last year's sentence, M ≤ a − m, and 0.8 needs 5m ≤ 3a − 2b (the same the other
  way round). Characters are compared by their code point's last byte: a byte in common may be
  two different characters (the bound stays true, only looser), a byte missing is a character
  missing.

For a long slice the second bound is first taken for all of it at once, counting distinct
bytes: for each byte, an integer holds one 8-bit lane per sentence (1 where the sentence has that
byte); the integers of the bytes of this year's sentence add up to the bytes each of last year's
shares with it, and one comparison per lane, by integer arithmetic on all lanes together, leaves
the sentences to look at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from editor.domain.checks.text.matching import matches_reach

# Normalised sentences shorter than this ("无。", "详见下表。") say nothing of their own.
MIN_SENTENCE = 6
# A sentence this close to one of last year's (SequenceMatcher.ratio) is last year's, lightly
# edited: at 0.8 about one character in five may change (a word or two in a clause). The bounds
# use it as 4/5, in integers: 2·M / (a + b) ≥ 0.8 ⟺ 5·M ≥ 2·(a + b), the same answer as the
# float comparison for any lengths a text can have.
SIMILAR_RATIO = 0.8
# Last year's sentences of a fitting length looked at per sentence at most (the shortest first):
# a real report has a few hundred sentences in all; a hostile one may have 100,000 alike.
MAX_CANDIDATES = 1000
# Last year's sentences measured exactly per sentence at most, of those no bound rules out (the
# shortest first): a real report has a handful; a hostile one, sentences of four characters
# repeated, has hundreds, each measure costing tens of microseconds.
MAX_MEASURED = 32
# Up to this many sentences of a fitting length, each is looked at in turn; beyond, all at once in
# lanes (below), which costs a little to build but little more for a thousand than for fifty.
FEW_CANDIDATES = 48
# Above this many sentences the lanes (about 512 bytes per sentence) would cost more memory than
# they save; each sentence is then compared with its length slice one by one.
MAX_LANES = 8192
# Answers remembered per last year's text (a session's worth of edits), then forgotten at once.
_MAX_REMEMBERED = 20_000

_SEPARATOR = b"\0"
# A code point's last byte stands for the character; 0 is kept for the separator.
_NOT_SEPARATOR = bytes.maketrans(b"\0", b"\1")
# After bytes.maketrans(sentence, zeros): 1 where the sentence has the byte, 0 elsewhere.
_PRESENT = bytes(1 if x == 0 else 0 for x in range(256))
# A widened lane holds 0x8000 + 5·shared + 3a − 5·distinct − 2b (distinct, shared ≤ 255): between
# 0 and 0xFFFF, so no lane borrows from or carries into the next, while a and b are at most this
# (0x8000 − 2·255 − 2b ≥ 0, 0x8000 + 5·255 + 3a < 0x10000). Sentences are far shorter.
_LANE_LENGTH = 10_000


def _last_bytes(sentence: str) -> bytes:
    return sentence.encode("utf-32-le", "surrogatepass")[::4].translate(_NOT_SEPARATOR)


class LastYearSentences:
    """Last year's normalised sentences: `exact` for copies, `has_near` for close ones."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.exact = frozenset(sentences)
        self._near: dict[str, bool] = {}
        self._by_length: _ByLength | None = None  # at the first sentence not found as it is

    def has_near(self, sentence: str) -> bool:
        """Is `sentence` within SIMILAR_RATIO of one of last year's (not counting equal ones)?"""
        known = self._near.get(sentence)
        if known is None:
            if len(self._near) >= _MAX_REMEMBERED:
                self._near.clear()
            if self._by_length is None:
                self._by_length = _ByLength(self.exact)
            known = self._near[sentence] = self._by_length.has_near(sentence)
        return known


class _ByLength:
    """Last year's sentences by length, then text (the candidates of a length range are a
    slice, in a fixed order), with their bytes, all joined for one translate per slice."""

    def __init__(self, sentences: frozenset[str]) -> None:
        self._ordered = sorted(sentences, key=lambda s: (len(s), s))
        self._lengths = [len(s) for s in self._ordered]
        self._bytes = [_last_bytes(s) for s in self._ordered]
        # All of them, each followed by the separator, and where each starts.
        self._joined = _SEPARATOR.join(self._bytes) + _SEPARATOR
        self._starts = [0]
        for piece in self._bytes:
            self._starts.append(self._starts[-1] + len(piece) + 1)
        self._lanes: _Lanes | None = None

    def has_near(self, sentence: str) -> bool:
        b = len(sentence)
        low = bisect_left(self._lengths, (2 * b + 2) // 3)  # 2b ≤ 3a
        high = min(bisect_right(self._lengths, 3 * b // 2), low + MAX_CANDIDATES)  # 2a ≤ 3b
        if low >= high:
            return False
        mine = _last_bytes(sentence)
        if (
            high - low > FEW_CANDIDATES
            and len(self._ordered) <= MAX_LANES
            and max(b, self._lengths[high - 1]) <= _LANE_LENGTH
        ):
            if self._lanes is None:
                self._lanes = _Lanes(self._lengths, self._bytes)
            candidates = self._lanes.passing(mine, b, low, high)
        else:
            candidates = self._fitting(mine, b, low, high)
        measured = 0
        for index in candidates:
            a = self._lengths[index]
            theirs = self._bytes[index]
            # Both ways, each character counted as often as it occurs (the lanes count it once).
            if 5 * len(theirs.translate(None, mine)) > 3 * a - 2 * b:
                continue
            if 5 * len(mine.translate(None, theirs)) > 3 * b - 2 * a:
                continue
            if matches_reach(self._ordered[index], sentence, (2 * (a + b) + 4) // 5):
                return True
            measured += 1
            if measured == MAX_MEASURED:
                break
        return False

    def _fitting(self, mine: bytes, b: int, low: int, high: int) -> list[int]:
        """The sentences in low..high with few enough characters missing from `mine`
        (5m ≤ 3a − 2b): one translate deletes `mine`'s bytes from all of them at once."""
        window = self._joined[self._starts[low] : self._starts[high] - 1]
        absent = window.translate(None, mine).split(_SEPARATOR)
        lengths = self._lengths
        return [
            index
            for index, missing in enumerate(map(len, absent), low)
            if 5 * missing <= 3 * lengths[index] - 2 * b
        ]


class _Lanes:
    """The bytes of last year's sentences as lanes (see the module doc), built at the first
    length slice of more than FEW_CANDIDATES sentences (a short report never needs them). The
    presence columns have 8-bit lanes (a sum of at most 255 ones); the sums are widened to 16
    bits, for the sentences of the length slice only, before the comparison."""

    def __init__(self, lengths: list[int], sentence_bytes: list[bytes]) -> None:
        # One row of 256 bytes per sentence, 1 where the sentence has that byte (row byte 0 is
        # always 1: it is the separator's, never asked for).
        rows = [bytes.maketrans(b, bytes(len(b))).translate(_PRESENT) for b in sentence_bytes]
        self._n = len(rows)
        self._columns = _Columns(b"".join(rows))
        # Lane i: 0x8000 + 3a − 5·distinct (see `passing`; longer sentences are never asked for).
        base = bytearray(2 * self._n)
        for i, (a, row) in enumerate(zip(lengths, rows, strict=True)):
            if a <= _LANE_LENGTH:
                lane = 0x8000 + 3 * a - 5 * (row.count(1) - 1)
                base[2 * i : 2 * i + 2] = lane.to_bytes(2, "little")
        self._base = bytes(base)

    def passing(self, mine: bytes, b: int, low: int, high: int) -> list[int]:
        """The sentences in low..high whose distinct bytes missing from `mine` are few enough:
        5·(distinct − shared) ≤ 3a − 2b ⟺ 0x8000 + 5·shared + 3a − 5·distinct − 2b ≥ 0x8000,
        that is, the lane's top bit (see _LANE_LENGTH)."""
        shared = sum(map(self._columns.__getitem__, set(mine)))
        count = high - low
        wide = bytearray(2 * count)
        wide[0::2] = shared.to_bytes(self._n, "little")[low:high]
        ones = int.from_bytes(b"\1\0" * count, "little")
        lanes = (
            int.from_bytes(wide, "little") * 5
            + int.from_bytes(self._base[2 * low : 2 * high], "little")
            - 2 * b * ones
        )
        hits = lanes & (ones << 15)
        out = []
        while hits:
            lowest = hits & -hits
            out.append(low + lowest.bit_length() // 16 - 1)
            hits ^= lowest
        return out


class _Columns(dict[int, int]):
    """Byte value → its lanes (1 in lane i when sentence i has the byte), made when first asked
    for; a dict, so that summing the columns of a sentence's bytes runs without Python calls."""

    def __init__(self, rows: bytes) -> None:
        super().__init__()
        self._rows = rows  # 256 bytes per sentence

    def __missing__(self, byte: int) -> int:
        column = self[byte] = int.from_bytes(self._rows[byte::256], "little")
        return column

"""Does `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()` reach a threshold? The same
answer, found with the string search the interpreter runs in C.

SequenceMatcher finds the longest common block of `a` and `b` (of the longest, the one that
starts earliest in `a`, then in `b`), then does the same to the left and to the right of it; the
ratio is 2·(characters in blocks) / (len(a) + len(b)). Its search walks `a` character by
character in Python (about 170 µs for two sentences of 50 characters); here each step is one
`in` test of a piece of `a` against `b`, so a block takes a few microseconds. The blocks are the
same ones, so the count is too, and the search stops as soon as the answer is known: enough
characters found, counting what the ranges left to search hold for certain (their common start
or end, a block there), or too few left in them.
"""

from __future__ import annotations

from collections.abc import Callable


def matches_reach(a: str, b: str, need: int) -> bool:
    """Do SequenceMatcher's matching blocks of `a` and `b` hold at least `need` characters?"""
    if need <= 0:
        return True
    found = 0
    # Ranges still to search, each with what its blocks hold at least; `room` is what they hold
    # at most (each its shorter side), `surely` the sum of the at-leasts.
    pending = [(0, len(a), 0, len(b), 0)]
    room, surely = min(len(a), len(b)), 0
    while pending:
        alo, ahi, blo, bhi, sure = pending.pop()
        room -= min(ahi - alo, bhi - blo)
        surely -= sure
        i, j, k = longest_match(a, b, alo, ahi, blo, bhi)
        found += k
        parts = [(alo, i, blo, j), (i + k, ahi, j + k, bhi)] if k else []
        parts = [p for p in parts if p[0] < p[1] and p[2] < p[3]]
        room += sum(min(p[1] - p[0], p[3] - p[2]) for p in parts)
        if found + room < need:
            return False
        for part in parts:
            sure = _surely(a, b, *part)
            pending.append((*part, sure))
            surely += sure
        if found + surely >= need:
            return True
    return False


def longest_match(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """SequenceMatcher.find_longest_match without junk: (i, j, k) with a[i:i+k] == b[j:j+k]
    inside the ranges, k as large as possible, then i as small as possible, then j.

    For each start i in turn, only a piece one longer than the best so far is looked for in b
    (and, when found, the longest piece from i, by doubling then halving its length), so the
    first start to reach the final length wins.
    """
    within = b[blo:bhi]
    best_i, best = alo, 0
    i = alo
    while i + best < ahi:
        if a[i : i + best + 1] in within:
            best = _longest_from(a, i, ahi, within, best + 1)
            best_i = i
        i += 1
    if not best:
        return alo, blo, 0
    return best_i, b.find(a[best_i : best_i + best], blo, bhi), best


def _longest_from(a: str, i: int, ahi: int, within: str, good: int) -> int:
    """The longest a[i:i+m] (m ≤ ahi − i) found in `within`, knowing a[i:i+good] is: every
    shorter start of a piece found is found too, so the length can be searched for."""
    limit = ahi - i
    bad = limit + 1
    step = 1
    while good < limit:
        probe = min(good + step, limit)
        if a[i : i + probe] in within:
            good = probe
            step *= 2
        else:
            bad = probe
            break
    while bad - good > 1:
        middle = (good + bad) // 2
        if a[i : i + middle] in within:
            good = middle
        else:
            bad = middle
    return good


def _surely(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> int:
    """Characters a range's blocks hold for certain: its common start or end, whichever is
    longer (each is a common block, so the range's longest block is no shorter)."""
    size = min(ahi - alo, bhi - blo)
    start = _halving(size, lambda m: a[alo : alo + m] == b[blo : blo + m])
    end = _halving(size, lambda m: a[ahi - m : ahi] == b[bhi - m : bhi])
    return max(start, end)


def _halving(size: int, holds: Callable[[int], bool]) -> int:
    """The largest m ≤ size for which `holds(m)`, when it holds for every m up to some point."""
    good, bad = 0, size + 1
    while bad - good > 1:
        middle = (good + bad) // 2
        if holds(middle):
            good = middle
        else:
            bad = middle
    return good

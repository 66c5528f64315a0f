"""Does `difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()` reach a threshold? The same
answer, found with the string search the interpreter runs in C.

SequenceMatcher finds the longest common block of `a` and `b` (of the longest, the one that
starts earliest in `a`, then in `b`), then does the same to the left and to the right of it; the
ratio is 2·(characters in blocks) / (len(a) + len(b)). Its search walks `a` character by
character in Python (about 170 µs for two sentences of 50 characters); here each step is one
`str.find` of the next longer piece, so a block takes a few microseconds. The blocks are the
same ones, so the count is too, and the search stops as soon as the answer is known: enough
characters found, or too few left in the ranges still to search.
"""

from __future__ import annotations


def matches_reach(a: str, b: str, need: int) -> bool:
    """Do SequenceMatcher's matching blocks of `a` and `b` hold at least `need` characters?"""
    if need <= 0:
        return True
    found = 0
    # What the ranges still to search could add at most (each at most its shorter side).
    room = min(len(a), len(b))
    pending = [(0, len(a), 0, len(b))]
    while pending:
        alo, ahi, blo, bhi = pending.pop()
        room -= min(ahi - alo, bhi - blo)
        i, j, k = longest_match(a, b, alo, ahi, blo, bhi)
        found += k
        if found >= need:
            return True
        if k:
            if alo < i and blo < j:
                pending.append((alo, i, blo, j))
                room += min(i - alo, j - blo)
            if i + k < ahi and j + k < bhi:
                pending.append((i + k, ahi, j + k, bhi))
                room += min(ahi - i - k, bhi - j - k)
        if found + room < need:
            return False
    return False


def longest_match(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """SequenceMatcher.find_longest_match without junk: (i, j, k) with a[i:i+k] == b[j:j+k]
    inside the ranges, k as large as possible, then i as small as possible, then j.

    For each start i in turn, only a piece one longer than the best so far is looked for in b
    (and grown while it is found there), so the first start to reach the final length wins.
    """
    within = b[blo:bhi]
    best_i, best = alo, 0
    i = alo
    while i + best < ahi:
        if a[i : i + best + 1] in within:
            best += 1
            while i + best < ahi and a[i : i + best + 1] in within:
                best += 1
            best_i = i
        i += 1
    if not best:
        return alo, blo, 0
    return best_i, b.find(a[best_i : best_i + best], blo, bhi), best

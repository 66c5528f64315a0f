"""Tolerant label matching shared by the importers: same words, other punctuation or a typo."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

# Below this score a label is not taken as the official one (a typo like "其他法律行政止公开" scores
# about 0.86, two different rows of the form at most about 0.7).
MATCH_THRESHOLD = 0.8

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_CN_DIGITS = "一二三四五六七八九十"
_ENUMERATOR = re.compile(
    rf"^(?:(?P<cn>[{_CN_DIGITS}]+)[、.,]"
    rf"|\((?P<pcn>[{_CN_DIGITS}]+)\)[、.]?"
    r"|\((?P<pnum>\d+)\)[、.]?"
    r"|(?P<num>\d+)[.、,](?!\d))"
)
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def normalise_label(text: str) -> str:
    """Full-width to half-width (NFKC), no whitespace, no quotes: "（二） 部分" → "(二)部分"."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return "".join(folded.split())


def split_enumerator(text: str) -> tuple[str, str]:
    """("一、", body), ("(一)", body), ("1.", body), ("(1)", body) or ("", body), normalised."""
    norm = normalise_label(text)
    m = _ENUMERATOR.match(norm)
    if not m:
        return "", norm
    if m["cn"]:
        enumerator = f"{m['cn']}、"
    elif m["pcn"]:
        enumerator = f"({m['pcn']})"
    elif m["pnum"]:
        enumerator = f"({m['pnum']})"
    else:
        enumerator = f"{m['num']}."
    return enumerator, norm[m.end() :]


@lru_cache(maxsize=65_536)
def label_score(official: str, found: str) -> float:
    """How well `found` reads as the official label, 0–1; 1.0 means equal once normalised.

    Below MATCH_THRESHOLD the score may be a quick upper bound rather than the exact ratio.

    A different enumerator ("2." for "3.") is no match. A missing one costs a little, and is no
    match for a short label ("其他", "总计"), which alone could be any of several cells.
    """
    official_enum, official_body = split_enumerator(official)
    found_enum, found_body = split_enumerator(found)
    if not found_body:
        return 0.0
    if found_enum and official_enum and found_enum != official_enum:
        return 0.0
    if found_enum and not official_enum:
        return 0.0
    penalty = 0.0
    if official_enum and not found_enum:
        if len(official_body) <= 2:
            return 0.0
        penalty = 0.05
    if found_body == official_body:
        return 1.0 - penalty
    # "（二）部分公开" for "（二）部分公开（区分处理的，…）": the printed note left out.
    if _TRAILING_NOTE.sub("", official_body) == _TRAILING_NOTE.sub("", found_body):
        return 0.95 - penalty
    matcher = SequenceMatcher(None, official_body, found_body, autojunk=False)
    # Workbooks hold hundreds of texts; most are ruled out by their lengths and letters alone.
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
        score = bound() - penalty
        if score < MATCH_THRESHOLD:
            return score
    return score

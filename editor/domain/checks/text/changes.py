"""Claims of change against last year: "同比增长 15%", "较上年减少 3 件", "增长 2 倍", "与上年持平",
"同比下降 12.5 个百分点", "是上年的 2 倍", "翻了一番".

A change is read only when it names last year as its base (同比, 较上年, 比去年同期, 与上年相比,
较2023年…) — or follows such a change directly ("较上年增加 7 件，增长 9.5%") — and when the
quantity it is about can be told: the count stated just before it ("收到申请 81 件，同比增长
9.5%"), or a quantity named without a number ("收到的政府信息公开申请同比增长 15%"), read by the
same reader as `text.numbers` (claims.py), so both rules agree on what a sentence is about.
Approximations (约, 近, 基本持平) are not claims.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache, lru_cache, partial
from typing import NamedTuple

from editor.domain.checks.text.claims import Claim, Kind, read_claims
from editor.domain.checks.text.numerals import CHINESE_NUMERAL_CHARS, normalize_width, parse_number


class Unit(StrEnum):
    PERCENT = "percent"  # 增长 15%: relative change
    POINTS = "points"  # 下降 12.5 个百分点: change of a share
    COUNT = "count"  # 减少 3 件: difference
    TIMES_MORE = "times_more"  # 增长 2 倍: this = (2 + 1) × last, or 2 × last as often meant
    TIMES = "times"  # 是上年的 2 倍, 翻一番: this = 2 × last
    FLAT = "flat"  # 与上年持平: this = last


class ChangeClaim(NamedTuple):
    unit: Unit
    value: float  # signed: a decrease is negative; FLAT 0; TIMES/TIMES_MORE the factor
    decimals: int  # digits printed after the point
    quote: str  # the words of the change, for the message
    start: int  # the sentence, as a character range of the text
    end: int
    subject: Claim  # the quantity it is about (its value, if any, is not used)
    base_year: int | None  # "较2023年": the year compared with, when named


# The patterns are compiled on first use (`_CHANGE()`…): a report without last year's figures
# never needs them, and compiling them all takes a few milliseconds of the window's start.
_NUM = rf"\d+(?:,\d{{3}})*(?:\.\d+)?|[{CHINESE_NUMERAL_CHARS}]+"
_LAST = r"(?:上一?年度?|去年|上年度)(?:同期)?"
_BASE = (
    rf"(?:同比|较{_LAST}|比{_LAST}|(?:与|和|同){_LAST}(?:相比|相较|比较)?"
    rf"|(?:较|比)(?P<year>\d{{4}})\s*年度?(?:同期)?|(?:与|和|同)(?P<year2>\d{{4}})\s*年度?(?:同期)?"
    r"(?:相比|相较|比较)?)"
)
_UP = r"增长|增加|上升|提高|提升|增多|多出|上涨"
_DOWN = r"减少|下降|降低|回落|减小|下滑|少了|减"
_AMOUNT = rf"(?P<approx>约|近|超过|逾)?\s*(?P<num>{_NUM})\s*(?P<unit>%|个百分点|件|项|起|宗|个|倍)"
_VERB = (
    rf"(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:了)?(?:幅度)?(?:为|达到?)?\s*"
    r"|(?:(?P<upr>增幅|涨幅)|(?P<downr>降幅))(?:为|达到?|是)?\s*"
)
_FILLER = r"[^，,。；;：:\d%]{0,6}?"
_CHANGE = cache(
    partial(
        re.compile,
        rf"{_BASE}{_FILLER}(?:(?:{_VERB}){_AMOUNT}(?!\d)"
        rf"|(?P<flat_approx>基本|大致|大体)?(?P<flat>持平|相同|一致|相当)(?![的之])"
        rf"|翻了?(?P<fan>一|两|二|三|四)番)",
    )
)
# "是上年的 2 倍", "为去年同期的 1.5 倍": the base inside the phrase.
_TIMES = cache(partial(re.compile, rf"(?:是|为|达到?|相当于){_LAST}的\s*(?P<num>{_NUM})\s*倍"))
# A second change right after a first ("较上年增加 7 件，增长 9.5%"): same base, same quantity.
_CHAINED = cache(partial(re.compile, rf"^[，,、\s]*(?:且|即)?(?:{_VERB}){_AMOUNT}(?!\d)"))
_SENTENCE = cache(partial(re.compile, r"[^。！？!?\n]+[。！？!?]?"))
_FAN = {"一": 2.0, "两": 4.0, "二": 4.0, "三": 8.0, "四": 16.0}
_COUNT_UNITS = frozenset({"件", "项", "起", "宗", "个"})
# Between a stated count and its change, only punctuation and a few plain words.
_JOIN = cache(partial(re.compile, r"^[，,、\s]*(?:其中)?[^，,。；;\d%（(]{0,4}$"))
_PLACEHOLDER = "1件"


@lru_cache(maxsize=512)
def read_changes(text: str, about_appeals: bool = False) -> tuple[ChangeClaim, ...]:
    """Every change claim in `text` whose quantity can be told (see the module doc)."""
    text = normalize_width(text)
    if not _has_change_words(text):
        return ()
    by_sentence: dict[int, list[Claim]] = {}
    for claim in read_claims(text, about_appeals):
        by_sentence.setdefault(claim.start, []).append(claim)
    out: list[ChangeClaim] = []
    for m in _SENTENCE().finditer(text):
        sentence = m.group()
        if _has_change_words(sentence):
            mine = by_sentence.get(m.start(), [])
            out += _sentence_changes(text, m.start(), m.end(), mine, about_appeals)
    return tuple(out)


# Every change names last year somewhere (同比, 上年, 去年, 较2023年, 翻一番): a sentence without
# any of these is skipped before the full patterns run.
_QUICK = cache(partial(re.compile, rf"同比|{_LAST}|(?:较|比|与|和|同)\d{{4}}\s*年|翻"))


def _has_change_words(text: str) -> bool:
    return _QUICK().search(text) is not None


def _sentence_changes(
    text: str, start: int, end: int, claims: list[Claim], about_appeals: bool
) -> list[ChangeClaim]:
    s = text[start:end]
    ends = _claim_ends(s, claims)
    out: list[ChangeClaim] = []
    for m in _CHANGE().finditer(s):
        subject = _subject(s, m.start(), ends, about_appeals)
        if subject is None:
            continue
        year = m.group("year") or m.group("year2")
        base_year = int(year) if year else None
        first = _change(m, subject, start, end, base_year, s)
        if first is None:
            continue
        out.append(first)
        at = m.end()
        while (chained := _CHAINED().match(s[at:])) is not None:
            found = _change(chained, subject, start, end, base_year, s, offset=at)
            if found is not None:
                out.append(found)
            at += chained.end()
    for m in _TIMES().finditer(s):
        subject = _subject(s, m.start(), ends, about_appeals)
        value = parse_number(m.group("num"))
        if subject is not None and value is not None:
            decimals = _decimals(m.group("num"))
            out.append(
                ChangeClaim(Unit.TIMES, float(value), decimals, m[0], start, end, subject, None)
            )
    return out


def _claim_ends(s: str, claims: list[Claim]) -> list[tuple[int, Claim]]:
    """(where the stated number ends in the sentence, claim) for the sentence's count claims."""
    out: list[tuple[int, Claim]] = []
    at = 0
    for claim in claims:
        if claim.kind in (Kind.ALL_UPHELD, Kind.NONE_CORRECTED, Kind.ALL_CLOSED):
            continue
        found = s.find(claim.quote, at if claim.kind is not Kind.PERCENT else 0)
        if found < 0:
            continue
        end = found + len(claim.quote)
        out.append((end, claim))
        if claim.kind is not Kind.PERCENT:
            at = found + 1
    return sorted(out, key=lambda pair: pair[0])


def _subject(s: str, at: int, ends: list[tuple[int, Claim]], about_appeals: bool) -> Claim | None:
    """The quantity a change starting at `at` is about, or None when it cannot be told."""
    before = [(end, claim) for end, claim in ends if end <= at]
    if before:
        end, claim = before[-1]
        if _JOIN().match(s[end:at]):
            return claim
    # A quantity named without a number: read "…申请" + a placeholder count as text.numbers would.
    probe = s[:at] + _PLACEHOLDER
    found = read_claims(probe, about_appeals)
    if found and found[-1].quote.endswith(_PLACEHOLDER) and found[-1].kind is not Kind.PERCENT:
        last = found[-1]
        if last.value == 1 and probe.rstrip().endswith(last.quote):
            return last
    return None


def _change(
    m: re.Match[str],
    subject: Claim,
    start: int,
    end: int,
    base_year: int | None,
    s: str,
    offset: int = 0,
) -> ChangeClaim | None:
    groups = m.groupdict()
    quote = s[offset + m.start() : offset + m.end()].lstrip("，,、 ")
    if groups.get("flat"):
        if groups.get("flat_approx"):
            return None
        return ChangeClaim(Unit.FLAT, 0.0, 0, quote, start, end, subject, base_year)
    if groups.get("fan"):
        factor = _FAN[groups["fan"]]
        return ChangeClaim(Unit.TIMES, factor, 0, quote, start, end, subject, base_year)
    if groups.get("approx"):
        return None
    number = parse_number(groups["num"])
    if number is None:
        return None
    up = bool(groups.get("up") or groups.get("upr"))
    sign = 1.0 if up else -1.0
    unit_text = groups["unit"]
    decimals = _decimals(groups["num"])
    if unit_text == "%":
        unit = Unit.PERCENT
    elif unit_text == "个百分点":
        unit = Unit.POINTS
    elif unit_text == "倍":
        if not up or groups.get("upr"):
            return None  # "下降 2 倍" has no agreed meaning
        return ChangeClaim(
            Unit.TIMES_MORE, float(number), decimals, quote, start, end, subject, base_year
        )
    elif unit_text in _COUNT_UNITS and not (groups.get("upr") or groups.get("downr")):
        unit = Unit.COUNT
    else:
        return None
    return ChangeClaim(unit, sign * number, decimals, quote, start, end, subject, base_year)


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0

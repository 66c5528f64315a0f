"""The claims a prose text makes about the tables: "收到申请 27 件" → (received, 27), per sentence.

Reading is conservative: a number becomes a claim only when exactly one phrase before it (in its
clause, since the previous count) ties it to a table quantity, the words between are plain, and
nothing marks it as an estimate, another year or another kind of case. Everything else is ignored.
The result depends on the text alone and is cached, so rechecking on every keystroke reparses
only the paragraph that changed.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from editor.domain.checks.text.numerals import (
    CHINESE_NUMERAL_CHARS,
    normalize_width,
    parse_number,
)


class Kind(StrEnum):
    RECEIVED = "received"  # 收到/新收/受理 … 申请 n 件
    RECEIVED_WITH_CARRIED = "received_with_carried"  # … 含上年结转
    CARRIED_IN = "carried_in"  # 上年结转 n 件
    RESULTS_TOTAL = "results_total"  # 办结/答复 n 件
    CARRIED_OUT = "carried_out"  # 结转下年 n 件 / n 件结转下年度
    GROUP = "group"  # 予以公开 n 件 … (`groups` names the result groups summed)
    NOT_HELD = "not_held"  # 不属于本机关掌握 n 件 (无法提供 item 1)
    APPEALS = "appeals"  # 行政复议/行政诉讼 n 件 (`rows` are 表四 rows)
    OUTCOME = "outcome"  # 其中结果维持 n 件 (`rows` × `column`)
    NORMATIVE_ISSUED = "normative_issued"  # 制发规范性文件 n 件
    PERCENT = "percent"  # 占 x% (`of` is the count it is a share of)
    ALL_UPHELD = "all_upheld"  # 均获维持
    NONE_CORRECTED = "none_corrected"  # 无被纠错
    ALL_CLOSED = "all_closed"  # 均已审结


class Claim(NamedTuple):
    kind: Kind
    start: int  # the sentence, as a character range of the prose text
    end: int
    quote: str  # the words as written, for the message
    value: int | float | None = None  # the number stated; None for 均获维持 and the like
    groups: tuple[str, ...] = ()  # GROUP: result group names as printed ("不予公开")
    rows: tuple[str, ...] = ()  # appeals rows
    column: str = ""  # OUTCOME: appeals column
    decimals: int = 0  # PERCENT: digits printed after the point
    of: Claim | None = None  # PERCENT: the count claim
    scope: str = ""  # who the sentence speaks of ("全区", "我办"), if it says
    years: tuple[int, ...] = ()  # years the sentence names before the number


# ------------------------------------------------------------------ the phrases

_REVIEW_ROWS = ("review",)
_SUIT_ROWS = ("suit_direct", "suit_after_review")
_ALL_ROWS = (*_REVIEW_ROWS, *_SUIT_ROWS)

# Order matters: at one position the first alternative wins, so longer phrases come first:
# "予以公开及部分公开" before "予以公开", "含上年结转" before "上年结转",
# "复议后起诉" before "行政复议".
_PHRASES: tuple[tuple[str, str], ...] = (
    ("with_carried", r"(?:含|包括|包含)(?:上一?年度?|去年)?结转(?:的)?"),
    ("both_disclosed", r"(?:予以|同意|全部)?公开(?:及|和|与|、)部分公开"),
    ("suit_after", r"(?:经?行政)?复议后(?:再)?(?:提起)?(?:行政)?(?:诉讼|起诉)"),
    ("suit_direct", r"(?:未经(?:行政)?复议)?直接(?:提起)?(?:行政)?(?:起诉|诉讼)"),
    ("suits", r"行政诉讼"),
    ("review", r"行政复议"),
    ("carried_in", r"(?:上一?年度?|去年)结转"),
    (
        "carried_out",
        r"结转(?:到|至)?(?:下一?年度?|\d{4}\s*年度?)|转入下一?年度?|顺延(?:到|至)下一?年度?",
    ),
    ("received", r"新收|收到|(?<!不予)受理|接收|接到"),
    ("answered", r"办结(?!率)|(?<!延期)(?<!逾期)(?<!未)答复(?!率|期限|时限)"),
    ("withheld", r"不予(?:以)?公开"),
    ("partly", r"部分(?:同意)?公开"),
    ("disclosed", r"(?<!不)予以公开|(?<!部分)同意公开"),
    (
        "not_held",
        r"(?:不属于|非)本(?:行政)?机关掌握(?:的)?(?:政府)?(?:信息)?(?:范围)?"
        r"|本(?:行政)?机关不掌握(?:相关)?(?:政府)?(?:信息)?",
    ),
    ("unavailable", r"无法提供"),
    ("rejected", r"不予处理"),
    ("other_handling", r"其他处理"),
    ("upheld", r"(?:结果)?维持"),
    ("corrected", r"(?:结果)?纠正|被纠错"),
    ("other_result", r"其他结果"),
    ("pending", r"尚未审结|未审结|正在审理|审理中"),
    ("normative_issued", r"制发(?:的)?(?:行政)?规范性文件"),
)
# The lookahead on first characters lets the scan skip most positions without trying every
# alternative (about 10× faster on a long section).
_FIRST_CHARS = "含包予同全公经行复未直上去结转顺新收受接办延逾答不部非本无其维纠被尚正审制"
_PHRASE = re.compile(
    f"(?=[{_FIRST_CHARS}])(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _PHRASES) + ")"
)

_APPEAL_ROWS = {
    "review": _REVIEW_ROWS,
    "suits": _SUIT_ROWS,
    "suit_direct": ("suit_direct",),
    "suit_after": ("suit_after_review",),
}
_OUTCOME_COLUMN = {
    "upheld": "upheld",
    "corrected": "corrected",
    "other_result": "other",
    "pending": "pending",
}
# Result groups by the name printed on the form (after "（三）"), so they resolve through forms.py.
_GROUPS = {
    "disclosed": ("予以公开",),
    "partly": ("部分公开",),
    "both_disclosed": ("予以公开", "部分公开"),
    "withheld": ("不予公开",),
    "unavailable": ("无法提供",),
    "rejected": ("不予处理",),
    "other_handling": ("其他处理",),
}
_SIMPLE = {
    "received": Kind.RECEIVED,
    "carried_in": Kind.CARRIED_IN,
    "answered": Kind.RESULTS_TOTAL,
    "carried_out": Kind.CARRIED_OUT,
    "not_held": Kind.NOT_HELD,
    "normative_issued": Kind.NORMATIVE_ISSUED,
}
_SHARE_OF = frozenset({Kind.GROUP, Kind.NOT_HELD})
_RECEIVED = frozenset({Kind.RECEIVED, Kind.RECEIVED_WITH_CARRIED})

_NUM = rf"\d+(?:,\d{{3}})*(?:\.\d+)?|[{CHINESE_NUMERAL_CHARS}]+"
# A share ("51.85%") or a count ("27 项", "二十七件", "36起"); never inside a longer number.
_TOKEN = re.compile(
    rf"(?=[\d{CHINESE_NUMERAL_CHARS}])(?:(?<![\d.])(?P<pnum>\d+(?:\.\d+)?)\s*%"
    rf"|(?<![\d.第])(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*(?P<unit>件|项|起|宗))"
)
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE_END = re.compile(r"[，,；;：:。]")
_SEMICOLON = re.compile(r"[；;]")

# Words between the phrase and its number that mean the number is something else.
_DENY_ANY = re.compile(r"同比|增长|增加|减少|下降|上升|较|比上年|占|率|平均|“|”|《|》")
_DENY_REQUESTS = re.compile(
    r"诉求|热线|来电|留言|信件|咨询|建议|提案|信访|投诉|举报|许可|审批|资金|经费|复议|诉讼|起诉"
)
_ESTIMATE_BEFORE = re.compile(r"(?:约|近|超过|逾|余|多达)\s*$")
_AFTER_UNIT_ESTIMATE = re.compile(r"^\s*(?:以上|左右|之多)")
_APPLICATION_AFTER = re.compile(r"^[^，,；;。]{0,10}?申请")
_WITH_CARRIED_AFTER = re.compile(r"^\s*[（(]?\s*(?:含|包括|包含)[^）)，。]{0,8}结转")
_CARRIED_OUT_AFTER = re.compile(
    r"^[^，,；;。\d]{0,4}?(?:结转(?:到|至)?(?:下一?年度?|\d{4}\s*年度?)|转入下一?年度?"
    r"|顺延(?:到|至)下一?年度?)"
)
_SHARE_LEAD = re.compile(r"^[，,\s]*(?:约占|占比|占|比例为|比例)[^，。；;\d%]{0,10}$")
_OTHER_TIME = re.compile(r"上一?年度?|去年|前年|同期|往年")
_YEAR = re.compile(r"(\d{4})\s*年")
_SCOPE = re.compile(
    r"全(?:区|市|县|省|州|盟|旗|镇|乡)|各级(?:行政机关|政府|部门)|各(?:地|部门|单位)"
    r"|我(?:办|局|委|厅|中心|区|市|县)|本(?:办|局|委|厅|机关|单位)|政府办(?!公)|办公室"
)
_ALL_UPHELD = re.compile(r"(?:均|全部|都|皆)(?:已)?(?:获|被|予以|得到|获得)?(?:法院|复议机关)?维持")
_NONE_CORRECTED = re.compile(
    r"(?:无|没有|未(?:发生|出现|有)?)[^，,。；;\d]{0,8}?(?:被?纠错|被纠正)"
    r"|纠错率?为\s*(?:0|零)(?![\d.])"
)
_ALL_CLOSED = re.compile(r"(?:均|全部|都)(?:已)?(?:审结|结案)")
_STATEMENTS = (
    (_ALL_UPHELD, Kind.ALL_UPHELD),
    (_NONE_CORRECTED, Kind.NONE_CORRECTED),
    (_ALL_CLOSED, Kind.ALL_CLOSED),
)
_STATEMENT_WORD = re.compile(r"维持|纠错|纠正|审结|结案")
_MAX_FILLER = 30


class _Phrase(NamedTuple):
    name: str
    start: int
    end: int


class _Found(NamedTuple):
    kind: Kind
    quote_start: int
    quote_extra: int = 0  # characters after the unit that belong to the quote ("结转下年度")
    groups: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    column: str = ""


@lru_cache(maxsize=512)
def read_claims(text: str, about_appeals: bool = False) -> tuple[Claim, ...]:
    """Every claim in `text`. `about_appeals`: the text is section 四's, so appeals are implied."""
    text = normalize_width(text)
    claims: list[Claim] = []
    for m in _SENTENCE.finditer(text):
        for offset, raw in _pieces(m.group()):
            lead = len(raw) - len(raw.lstrip())
            if raw.strip():
                at = m.start() + offset + lead
                # Sentences are cached too: a keystroke reparses one sentence, not the section.
                claims += (_shifted(c, at) for c in _sentence_claims(raw[lead:], about_appeals))
    return tuple(claims)


# Reading a sentence costs its length for each number in it; a real sentence has a few hundred
# characters, a hostile one (100,000 "一", each a numeral) would take hours.
_MAX_SENTENCE = 500
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


def _pieces(sentence: str) -> list[tuple[int, str]]:
    """The sentence, or for an over-long one, pieces of it cut after a clause where possible."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(sentence) - start > _MAX_SENTENCE:
        window = sentence[start : start + _MAX_SENTENCE]
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
        cut = start + (breaks[-1] if breaks and breaks[-1] > _MAX_SENTENCE // 2 else _MAX_SENTENCE)
        pieces.append((start, sentence[start:cut]))
        start = cut
    pieces.append((start, sentence[start:]))
    return pieces


def _shifted(claim: Claim, by: int) -> Claim:
    of = claim.of and _shifted(claim.of, by)
    return claim._replace(start=claim.start + by, end=claim.end + by, of=of)


@lru_cache(maxsize=4096)
def _sentence_claims(s: str, about_appeals: bool) -> tuple[Claim, ...]:
    """The claims of one sentence, with the sentence as the range 0..len(s)."""
    start, end = 0, len(s)
    if not _TOKEN.search(s) and not _STATEMENT_WORD.search(s):
        return ()  # most sentences state nothing about the tables
    phrases = [_Phrase(p.lastgroup or "", p.start(), p.end()) for p in _PHRASE.finditer(s)]
    blank = _blanked(s, phrases)
    on_disclosure = about_appeals or "信息公开" in s
    # 办结/结转 need the sentence to be about disclosure applications, not 许可 or 12345 cases.
    on_requests = "申请" in s and ("信息公开" in s or "依申请" in s)
    claims: list[Claim] = []
    last: tuple[Claim, int] | None = None  # the previous token's claim and its end, for "占 x%"
    seg = 0  # where the words belonging to the next number begin
    for t in _TOKEN.finditer(s):
        p, q = t.start(), t.end()
        clause = _clause_start(s, seg, p)
        if t.group("pnum") is not None:
            share = _share(s, t, last, start, end)
            if share:
                claims.append(share)
            last, seg = None, q
            continue
        found = _count(s, blank, t, clause, phrases, on_disclosure, on_requests)
        last, seg = None, q
        on_requests = on_requests or (found is not None and found.kind in _RECEIVED)
        value = parse_number(t.group("num"))
        if found is None or not isinstance(value, int):
            continue
        claim = Claim(
            found.kind,
            start,
            end,
            s[found.quote_start : q + found.quote_extra].strip(),
            value,
            groups=found.groups,
            rows=found.rows,
            column=found.column,
            scope=_scope(s[:p]),
            years=tuple(int(y) for y in _YEAR.findall(blank, 0, p)),
        )
        claims.append(claim)
        last = (claim, q)
    claims += _statements(s, start, end, phrases, on_disclosure, about_appeals)
    return tuple(claims)


def _clause_start(s: str, seg: int, p: int) -> int:
    cut = seg
    for b in _CLAUSE_END.finditer(s, seg, p):
        cut = b.end()
    return cut


def _count(
    s: str,
    blank: str,
    t: re.Match[str],
    clause: int,
    phrases: list[_Phrase],
    on_disclosure: bool,
    on_requests: bool,
) -> _Found | None:
    p, q = t.start(), t.end()
    if t.group("approx") or _ESTIMATE_BEFORE.search(s[clause:p]):
        return None
    after = s[q : q + 16]
    if _AFTER_UNIT_ESTIMATE.match(after):
        return None
    before = [ph for ph in phrases if ph.start >= clause and ph.end <= p]
    context = _appeal_context(phrases, p)
    before = [ph for ph in before if ph.name not in _OUTCOME_COLUMN or context]
    if _OTHER_TIME.search(blank, clause, p):
        return None
    if not before:
        tail = _CARRIED_OUT_AFTER.match(after)
        if tail and on_requests and not _DENY_REQUESTS.search(tail.group()):
            return _Found(Kind.CARRIED_OUT, p, tail.end())
        return None
    head = before[0]
    names = [ph.name for ph in before]
    if len(before) == 1:
        kind = _kind_of(head.name)
    elif names[0] == "received" and names[1:] == ["with_carried"]:
        kind = Kind.RECEIVED_WITH_CARRIED
    elif len(before) == 2 and names[0] in _APPEAL_ROWS and names[1] in _OUTCOME_COLUMN:
        kind = Kind.OUTCOME
    else:
        return None  # two quantities before one number: cannot tell which
    if kind is None:
        return None
    filler = s[before[-1].end : p]
    if len(filler) > _MAX_FILLER or _DENY_ANY.search(filler):
        return None
    appeal_kind = kind in (Kind.APPEALS, Kind.OUTCOME)
    if appeal_kind and not on_disclosure:
        return None
    if not appeal_kind and kind is not Kind.NORMATIVE_ISSUED and _DENY_REQUESTS.search(filler):
        return None
    if kind is Kind.RECEIVED:
        if "申请" not in filler and not _APPLICATION_AFTER.match(after):
            return None
        if _WITH_CARRIED_AFTER.match(after):
            kind = Kind.RECEIVED_WITH_CARRIED
    if kind is Kind.RECEIVED_WITH_CARRIED and "申请" not in s[head.end : q + 10]:
        return None
    if kind is Kind.RESULTS_TOTAL and not on_requests:
        return None
    last = before[-1].name
    if kind is Kind.GROUP:
        return _Found(kind, head.start, groups=_GROUPS[last])
    if kind is Kind.APPEALS:
        return _Found(kind, head.start, rows=_APPEAL_ROWS[last])
    if kind is Kind.OUTCOME:
        rows = context or _ALL_ROWS
        return _Found(kind, head.start, rows=rows, column=_OUTCOME_COLUMN[last])
    return _Found(kind, head.start)


def _kind_of(name: str) -> Kind | None:
    if name in _SIMPLE:
        return _SIMPLE[name]
    if name in _GROUPS:
        return Kind.GROUP
    if name in _APPEAL_ROWS:
        return Kind.APPEALS
    if name in _OUTCOME_COLUMN:
        return Kind.OUTCOME
    if name == "with_carried":
        return Kind.CARRIED_IN  # "（含上年结转 3 件）" states the carried-in count itself
    return None


def _appeal_context(phrases: list[_Phrase], p: int) -> tuple[str, ...]:
    """The 表四 rows the sentence last named before position p."""
    for ph in reversed(phrases):
        if ph.end <= p and ph.name in _APPEAL_ROWS:
            return _APPEAL_ROWS[ph.name]
    return ()


def _blanked(s: str, phrases: list[_Phrase]) -> str:
    """s with the recognised phrases blanked ("上年结转" is a quantity, not another year)."""
    if not phrases:
        return s
    parts: list[str] = []
    at = 0
    for ph in phrases:
        parts += [s[at : ph.start], " " * (ph.end - ph.start)]
        at = ph.end
    parts.append(s[at:])
    return "".join(parts)


def _share(
    s: str, t: re.Match[str], last: tuple[Claim, int] | None, start: int, end: int
) -> Claim | None:
    """ "占 51.85%" right after a result-group count: a share of the answered total."""
    if last is None or last[0].kind not in _SHARE_OF:
        return None
    count, count_end = last
    if not _SHARE_LEAD.match(s[count_end : t.start()]):
        return None
    digits = t.group("pnum")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return Claim(
        Kind.PERCENT,
        start,
        end,
        f"{count.quote}{s[count_end : t.end()]}",
        float(digits),
        decimals=decimals,
        of=count,
        scope=count.scope,
        years=count.years,
    )


def _statements(
    s: str,
    start: int,
    end: int,
    phrases: list[_Phrase],
    on_disclosure: bool,
    about_appeals: bool,
) -> list[Claim]:
    """均获维持 / 无被纠错 / 均已审结, about the 表四 rows the sentence names before them."""
    if not on_disclosure:
        return []
    out: list[Claim] = []
    for rx, kind in _STATEMENTS:
        for m in rx.finditer(s):
            rows = _rows_named(s, phrases, m.start())
            if not rows and about_appeals:
                rows = _ALL_ROWS
            if rows:
                out.append(Claim(kind, start, end, m.group(), rows=rows, scope=_scope(s)))
    return out


def _rows_named(s: str, phrases: list[_Phrase], p: int) -> tuple[str, ...]:
    """Rows named in the same ；-part before p, else anywhere in the sentence before p."""
    part = 0
    for b in _SEMICOLON.finditer(s, 0, p):
        part = b.end()
    for lo in (part, 0):
        rows: list[str] = []
        for ph in phrases:
            if ph.start >= lo and ph.end <= p and ph.name in _APPEAL_ROWS:
                rows += [r for r in _APPEAL_ROWS[ph.name] if r not in rows]
        if rows:
            return tuple(r for r in _ALL_ROWS if r in rows)
    return ()


def _scope(before: str) -> str:
    found = _SCOPE.findall(before)
    return found[-1] if found else ""

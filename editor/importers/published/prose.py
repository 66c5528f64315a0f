"""The report's prose: paragraphs rejoined, section 一 split by its sub-heads, contacts and 落款."""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.domain.forms import OVERVIEW_SUBHEADS
from editor.importers.labels import split_enumerator

# A line ending with one of these may end a paragraph.
_ENDS = "。！？：:；;!?）)”"
# A line opening with "（五）" or "二、" after a sentence's end starts a paragraph.
_CN = "一二三四五六七八九十"
_HEADING_START = re.compile(rf"^(?:[（(][{_CN}]{{1,2}}[）)]|[{_CN}]{{1,2}}、)")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A date left to be written by hand ("　　年　月　日"), as on a copy to be signed and sealed.
_BLANK_DATE = re.compile(r"年\s*月\s*日")
_CONTACTS = (
    ("地址", re.compile(r"(?:联系|通讯)?地址\s*[:：]\s*([^，,；;。）)\n]+)")),
    ("邮编", re.compile(r"邮(?:政)?编(?:码)?\s*[:：]\s*(\d{6})")),
    ("电话", re.compile(r"(?:联系|咨询)?电话\s*[:：]\s*([0-9][0-9\-－—()（） ]{5,}[0-9])")),
    ("传真", re.compile(r"传真\s*[:：]\s*([0-9][0-9\-－ ]{5,}[0-9])")),
    (
        "电子邮箱",
        re.compile(
            r"(?:电子)?(?:邮箱|信箱|邮件)\s*[:：]\s*([A-Za-z0-9_.+\-]+@[A-Za-z0-9.\-]+[A-Za-z])"
        ),
    ),
)


def reflow(text: str, *, hard_lines: bool = False) -> str:
    """Paragraphs, one a line. A fixed-width layout breaks lines inside sentences; a new
    paragraph is an indented line, or follows a blank line after a sentence's end."""
    if hard_lines:
        return "\n".join(line.strip() for line in text.split("\n") if line.strip())
    paragraphs: list[str] = []
    current = ""
    blank_after_end = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blank_after_end = blank_after_end or bool(current and current[-1] in _ENDS)
            continue
        indent = len(raw) - len(raw.lstrip(" \u3000\t"))
        punctuation_only = all(not ch.isalnum() for ch in line)
        heading = bool(current) and current[-1] in _ENDS and _HEADING_START.match(line)
        if current and not punctuation_only and (blank_after_end or indent >= 2 or heading):
            paragraphs.append(current)
            current = line
        elif current and current[-1].isascii() and line[0].isascii() and current[-1].isalnum():
            current = f"{current} {line}" if line[0].isalnum() else current + line
        else:
            current += line
        blank_after_end = False
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


def _subhead_pattern(heading: str) -> re.Pattern[str]:
    _enumerator, body = split_enumerator(heading)
    return re.compile(
        r"^\s*(?:[（(][一二三四五六七八九][）)]|[一二三四五六七八九][、.．])?\s*"
        rf"(?:政府信息公开)?{re.escape(body)}(?:工作)?(?:情况)?\s*(?:[。：:．.]|$)"
    )


_SUBHEADS = tuple((f.key, _subhead_pattern(f.heading)) for f in OVERVIEW_SUBHEADS if f.heading)


def split_overview(text: str) -> dict[str, str]:
    """Section 一 by its sub-heads (（一）主动公开 … （五）监督保障) where the report has them."""
    out: dict[str, list[str]] = {}
    key = OVERVIEW_SUBHEADS[0].key
    next_head = 0
    for paragraph in text.split("\n"):
        for k in range(next_head, len(_SUBHEADS)):
            sub_key, pattern = _SUBHEADS[k]
            m = pattern.match(paragraph)
            if m:
                key, next_head = sub_key, k + 1
                paragraph = paragraph[m.end() :].strip()
                break
        if paragraph:
            out.setdefault(key, []).append(paragraph)
    return {k: "\n".join(v) for k, v in out.items()}


def find_contacts(text: str) -> list[str]:
    """Contact lines ("电话：0517-83605210") from the opening paragraph."""
    lines: list[str] = []
    for name, pattern in _CONTACTS:
        m = pattern.search(text)
        if m:
            lines.append(f"{name}：{m[1].strip()}")
    return lines


@dataclass(frozen=True)
class Closing:
    signer: str
    date: str
    start: int  # where the 落款 (or the date) begins in the text given


def find_closing(text: str) -> Closing | None:
    """The 落款 and date at the very end: a date on one of the last lines, the organ above it."""
    lines = text.rstrip().split("\n")
    tail = [i for i in range(len(lines)) if lines[i].strip()][-3:]
    for i in reversed(tail):
        m = _DATE.fullmatch(lines[i].strip())
        if m:
            date = f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
        elif _BLANK_DATE.fullmatch(lines[i].strip()):
            date = ""
        else:
            continue
        start = sum(len(line) + 1 for line in lines[:i])
        signer = ""
        above = [j for j in tail if j < i]
        if above:
            candidate = lines[above[-1]].strip()
            if len(candidate) <= 40 and not any(ch in candidate for ch in "。，；：,;:"):
                signer = candidate
                start = sum(len(line) + 1 for line in lines[: above[-1]])
        return Closing(signer, date, start)
    return None

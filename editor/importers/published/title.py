"""The report's title (organ and year) however an office wrote it, and the year from the text.

Titles seen on real reports: "××2023年政府信息公开工作年度报告", "2019年××政府信息公开工作年度报告"
(year first), "××2023年度政府信息公开工作年度报告", "××关于2023年政府信息公开工作的年度报告",
"……政府信息公开年度报告" (no 工作), the title broken over two lines, and titles with no year at
all, whose year is then the one of the 统计期限 sentence
("统计期限自2023年1月1日起至2023年12月31日止").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Where the title is looked for: a web page may put a long breadcrumb and menu before it.
TITLE_WINDOW = 5000
# Longest organ name taken from a title (longer text before the year is a sentence, not a name).
ORGAN_LIMIT = 40


def _spaced(word: str) -> str:
    """`word` with any whitespace allowed between its characters (a title broken over lines)."""
    return r"\s*".join(re.escape(ch) for ch in word)


_YEAR = r"(?P<year>\d{4})\s*年\s*(?:度\s*)?"
_SUBJECT = _spaced("政府信息公开")
# What follows 政府信息公开: 工作 / 的 / 年度 in any combination, then 报告 or 年报.
_WORDS = rf"(?:{_spaced('工作')}|的|{_spaced('年度')})"
_TAIL = rf"(?:\s*{_WORDS})*\s*(?:{_spaced('报告')}|{_spaced('年报')})"
# Words of an organ's name between the year and 政府信息公开 ("2019年上海市人民政府办公厅…").
_NAME = rf"(?P<name>(?:\s*[^\s。，,；;：:！!？?、“”\"（）()]){{0,{ORGAN_LIMIT}}}?)"
_ABOUT = rf"(?:{_spaced('关于')}\s*)?"

# Not the name of the format itself ("印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知").
_NOT_FORMAT = r"(?!\s*格\s*式)"
_YEAR_FIRST = re.compile(rf"{_ABOUT}{_YEAR}{_NAME}\s*{_ABOUT}{_SUBJECT}{_TAIL}{_NOT_FORMAT}")
_YEAR_AFTER = re.compile(rf"{_SUBJECT}{_TAIL}\s*[（(]\s*{_YEAR}[)）]")
# A title without a year stands on its own line (or two), the organ's name before it.
_NO_YEAR = re.compile(
    rf"(?m)^[^\S\n]*(?P<name>[^\s<《〈“\"，。,、；;：:]{{0,{ORGAN_LIMIT}}}?)\s*{_ABOUT}"
    rf"{_SUBJECT}{_TAIL}[^\S\n]*$"
)
_PERIOD = re.compile(
    r"统计(?:期限|期间|时限|时间|区间|范围)\s*(?:为|是|从|自|：|:)*\s*"
    r"(?P<year>\d{4})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*"
    r"(?P<end>\d{4})\s*年\s*12\s*月\s*31\s*日"
)
# Separators of a web page's breadcrumb ("当前位置：首页 > 政务公开 > …").
_BREADCRUMB = re.compile(r"[：:>›»]")


@dataclass(frozen=True)
class Title:
    organ: str
    year: int | None
    end: int  # text position after the title (0 when there is none)


def find_title(text: str) -> Title:
    """The first title in the opening of `text`: with its year, else without one."""
    head = text[:TITLE_WINDOW]
    candidates = [m for m in (_YEAR_FIRST.search(head), _YEAR_AFTER.search(head)) if m]
    if candidates:
        m = min(candidates, key=lambda match: match.start())
        organ = _squeeze(m["name"]) if "name" in m.groupdict() and m["name"] else ""
        if not organ:
            organ = _organ_before(head, m.start())
        return Title(organ if len(organ) <= ORGAN_LIMIT else "", int(m["year"]), m.end())
    bare = _NO_YEAR.search(head)
    if bare is None:
        return Title("", None, 0)
    return Title(_squeeze(bare["name"]) or _organ_before(head, bare.start()), None, bare.end())


def year_of_period(text: str) -> int | None:
    """The year of the 统计期限 sentence, when it names one whole calendar year."""
    m = _PERIOD.search(text)
    if m is None or m["year"] != m["end"]:
        return None
    return int(m["year"])


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _organ_before(head: str, start: int) -> str:
    """The organ printed just before the title: the last words of the line (or the line above),
    without a breadcrumb before it or a "关于" after it."""
    before = [line.strip() for line in head[:start].splitlines() if line.strip()]
    if not before:
        return ""
    organ = _BREADCRUMB.split(before[-1].split()[-1])[-1]
    organ = organ.removesuffix("关于")
    return organ if len(organ) <= ORGAN_LIMIT else ""

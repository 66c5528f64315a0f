"""`text.period`: the prose gives a statistical period or a report year other than the report's.

A report started from last year's keeps its opening, where the statistical period is stated
("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止"); the year is easily left
unchanged. Only the two statements that must name the report's own year are read: the period
the statistics cover (after 统计期限/时限/时间/期间/区间) and the report's own title
("2023年政府信息公开工作年度报告", "现将2023年政府信息公开工作报告如下", "本年度（2023年）").
Other years in the text (plans for next year, last year's figures, "截至2023年底") are left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from editor.domain.checks.findings import Finding, TextSpan
from editor.domain.checks.text.numerals import normalize_width
from editor.domain.forms import FormDef
from editor.domain.model import Report

RULE = "text.period"

_CHINESE_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")
_YEAR = r"(?:\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年"
# "统计期限自2023年1月1日起至2023年12月31日止", "统计期限为2022年1月1日至12月31日": the
# statement runs to the end of its clause; every year in it is the period's.
_PERIOD = re.compile(
    rf"统计(?:的)?(?:期限|时限|时间|期间|区间|周期|时段)[^。；;，,]{{0,8}}?{_YEAR}"
    r"(?:[^。；;，,]|[，,](?=\s*(?:至|到|止)))"
    "{0,30}"
)
# The lookahead names the characters a title starts with: the regex engine then skips to them
# instead of trying both alternatives at every character (a third of the time).
_TITLE = re.compile(
    r"(?=[\d〇零○Ｏ一二三四五六七八九本])"
    rf"(?:{_YEAR}度?(?:的)?政府信息公开(?:工作)?(?:情况)?(?:年度)?报告"
    rf"|本(?:年度|报告年度)[（(]\s*{_YEAR}度?\s*[）)])"
)
_YEAR_NUMBER = re.compile(r"(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*年")


def check_text_period(report: Report, form: FormDef) -> Iterator[Finding]:
    year = report.meta.year
    for field in form.prose_fields:
        text = report.prose.get(field.key, "")
        for start, end, what, years, quote in _statements(text):
            other = next((y for y in years if y != year), None)
            if other is not None:
                yield Finding(
                    RULE,
                    f"正文中的{what}是 {other} 年（“{quote}”），本报告为 {year} 年度，请改为本年",
                    expected=year,
                    actual=other,
                    span=TextSpan(field.key, start, end),
                )


_Statement = tuple[int, int, str, tuple[int, ...], str]


@lru_cache(maxsize=512)
def _statements(text: str) -> tuple[_Statement, ...]:
    """(start, end, what, the years it names, the words) of each period or title statement;
    depends on the text alone, so cached: a keystroke rereads one paragraph."""
    if "年" not in text:
        return ()
    text = normalize_width(text)
    out: list[_Statement] = []
    for rx, what in ((_PERIOD, "统计期限"), (_TITLE, "报告年度")):
        for m in rx.finditer(text):
            if _quoted(text, m.start()):
                continue  # a document's name (《关于做好2023年…年度报告工作的通知》)
            years = tuple(int(y.translate(_CHINESE_DIGITS)) for y in _YEAR_NUMBER.findall(m[0]))
            quote = m[0].rstrip("，,、 ")
            out.append((m.start(), m.start() + len(quote), what, years, quote))
    return tuple(out)


def _quoted(text: str, at: int) -> bool:
    """Is position `at` inside 《…》?"""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)

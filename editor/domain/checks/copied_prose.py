"""`prose.last_year`: a paragraph that is still mostly last year's text (内容雷同).

The superior offices name reports copied from the year before as a fault they punish. Each prose
field is measured against all of last year's prose (text.similarity: by sentence, numbers and
years aside) and reported, once, while most of it is still last year's. The opening paragraph is
left out: it is the form's standard lead-in, the same every year by design; its year is what
`text.period` looks at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from editor.domain.checks.findings import Finding, TextSpan
from editor.domain.checks.yardstick import LastYear
from editor.domain.forms import FormDef
from editor.domain.model import Report

if TYPE_CHECKING:
    from editor.domain.checks.text.similarity import CopiedText

RULE = "prose.last_year"
# Reported while at least half of a paragraph is last year's: less than that, it has been
# rewritten in the main and what remains is the office's usual wording.
MIN_SHARE = 0.5
# …and at least this many characters of it (numbers and punctuation aside, about two lines): one
# standard sentence ("本年度未收取信息处理费。") is a statement of fact, not a copied report.
MIN_COPIED_CHARS = 40


def last_year_text(last: LastYear, form: FormDef) -> str:
    """Last year's prose, every field but the opening, as one text to compare with."""
    return "\n".join(
        text for key, text in last.prose.items() if key != form.opening.key and text.strip()
    )


def copied_parts(report: Report, form: FormDef, last: LastYear | None, key: str) -> CopiedText:
    """What of prose field `key` is last year's (for the editor's highlighting)."""
    from editor.domain.checks.text.similarity import copied_text

    text = report.prose.get(key, "")
    if last is None or key == form.opening.key or not text.strip():
        return copied_text("", "")
    return copied_text(text, last_year_text(last, form))


def _enough(copied_chars: int, total_chars: int) -> bool:
    return (
        total_chars > 0
        and copied_chars / total_chars >= MIN_SHARE
        and copied_chars >= MIN_COPIED_CHARS
    )


def check_copied_prose(report: Report, form: FormDef, last: LastYear | None) -> Iterator[Finding]:
    if last is None or not last.prose:
        return
    theirs = last_year_text(last, form)
    if not theirs:
        return
    # The measure (its patterns, last year's sentence index) loads with the first report that
    # has last year's prose: a report without any never needs it, at start-up or after.
    from editor.domain.checks.text.similarity import copied_reaches, copied_text

    for section in form.sections:
        for field in section.prose:
            text = report.prose.get(field.key, "")
            if not text.strip():
                continue
            # Most paragraphs are not copied: that is settled without measuring all of them.
            if not copied_reaches(text, theirs, _enough):
                continue
            copied = copied_text(text, theirs)
            place = section.title + (f"·{field.heading}" if field.heading else "")
            percent = int(copied.share * 100 + 0.5)
            start, end = copied.first_span or (0, 0)
            yield Finding(
                RULE,
                f"“{place}”与上年报告重复 {percent}%（{copied.sentences} 句沿用上年文字，"
                "数字和年份之外相同或基本相同），请按本年情况改写",
                expected=None,
                actual=percent,
                span=TextSpan(field.key, start, end),
            )

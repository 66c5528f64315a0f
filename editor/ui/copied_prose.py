"""What the window shows of prose still last year's (`prose.last_year`): the share and sentences
for a prose editor, and the mark in a tab's title. The rule decides; this only reads its findings.
"""

from __future__ import annotations

from collections.abc import Iterable

from editor.domain.checks import Finding
from editor.domain.checks.copied_prose import RULE, copied_parts
from editor.domain.checks.text_period import RULE as PERIOD_RULE
from editor.domain.checks.yardstick import last_year_of
from editor.domain.model import Report

COPIED_RULE = RULE  # prose.last_year

# The rules whose findings mean last year's content is still in the report (the export prompt).
LEFTOVER_RULES = frozenset({COPIED_RULE, PERIOD_RULE})
TAB_MARK = "·待更新"


def copied_finding(findings: Iterable[Finding], key: str) -> Finding | None:
    """The `prose.last_year` finding of prose field `key`, if it is still mostly last year's."""
    for f in findings:
        if f.rule == COPIED_RULE and f.span is not None and f.span.prose == key:
            return f
    return None


def copied_sentences(report: Report, key: str) -> list[tuple[int, int]]:
    """The sentences of prose field `key` that are last year's, as character ranges."""
    form = report.form
    return list(copied_parts(report, form, last_year_of(report, form, None), key).spans)


def tab_title_mark(findings: Iterable[Finding]) -> str:
    """What a tab's title gets when one of its prose fields is still last year's."""
    return TAB_MARK if any(f.rule == COPIED_RULE for f in findings) else ""

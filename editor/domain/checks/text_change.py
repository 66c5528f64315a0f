"""`text.change`: the prose's claims of change against last year, computed from both years' tables.

"收到申请 27 件，同比增长 50%" is checked against this year's and last year's figures of the
quantity the sentence names — the same quantities, sections and scope rules as `text.numbers`.
When last year's figure is unknown (no last year's report, a blank, a cell whose meaning changed
with the form) nothing is said. A claim holds within the rounding of its last printed digit.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.domain.checks.findings import Finding, TextSpan
from editor.domain.checks.text.changes import ChangeClaim, Unit, read_changes
from editor.domain.checks.text.claims import Claim, Kind
from editor.domain.checks.text_numbers import claim_cells, prose_keys, scope_note
from editor.domain.checks.yardstick import LastYear
from editor.domain.forms import CellRef, FormDef
from editor.domain.model import Report
from editor.domain.values import format_value

RULE = "text.change"
_ANSWERED = (CellRef("requests", "results_total", "total"),)
_RECEIVED = (CellRef("requests", "received", "total"),)

_Result = tuple[str, tuple[CellRef, ...], float, float]


def check_text_change(report: Report, form: FormDef, last: LastYear | None) -> Iterator[Finding]:
    if last is None or not last.values:
        return
    year = report.meta.year
    for key, about_appeals in prose_keys(form):
        text = report.prose.get(key, "")
        if not text:
            continue
        for change in read_changes(text, about_appeals):
            subject = change.subject
            if subject.years and year not in subject.years:
                continue  # the sentence is about another year
            if change.base_year is not None and change.base_year != year - 1:
                continue  # compared with another year than last year
            found = _compare(report, form, last, change)
            if found is None:
                continue
            message, cells, expected, actual = found
            message += scope_note(subject, report.meta.organ)
            span = TextSpan(key, change.start, change.end)
            yield Finding(RULE, message, cells, expected, actual, span)


def _total(report: Report, cells: tuple[CellRef, ...]) -> int | float | None:
    out: int | float = 0
    for ref in cells:
        value = report.get(ref)
        if value is None:
            return None
        out += value
    return out


def _compare(report: Report, form: FormDef, last: LastYear, change: ChangeClaim) -> _Result | None:
    subject: Claim | None = change.subject
    if subject is not None and subject.kind is Kind.PERCENT:
        if change.unit is Unit.POINTS:
            return _compare_points(report, form, last, change, subject)
        # "予以公开 40 件，占 50%，同比增加 5 件": the count; a relative change stays ambiguous.
        subject = subject.of if change.unit is Unit.COUNT else None
    if subject is None or change.unit is Unit.POINTS:
        return None
    target = claim_cells(form, subject)
    if target is None:
        return None
    cells, what = target
    this, before = _total(report, cells), last.total(cells)
    if this is None or before is None:
        return None
    if _holds(change, this, before):
        return None
    message = (
        f"正文“{change.quote}”与表格不符：{what} 本年 {format_value(this)}、上年 "
        f"{format_value(before)}，{_actual(this, before)}"
    )
    return message, cells, _computed(change, this, before), change.value


def _holds(change: ChangeClaim, this: int | float, before: int | float) -> bool:
    step = 10.0**-change.decimals
    if change.unit is Unit.FLAT:
        return this == before
    if change.unit is Unit.COUNT:
        return abs((this - before) - change.value) < 1e-9
    if not before:
        return True  # a rate or factor of nothing is no claim we can check
    if change.unit is Unit.PERCENT:
        return abs((this - before) / before * 100 - change.value) < step - 1e-9
    ratio = this / before
    # "增长 2 倍" is read as ×3 by the dictionary and as ×2 by many writers: either holds.
    factors = [change.value]
    if change.unit is Unit.TIMES_MORE:
        factors.append(change.value + 1)
    return any(abs(ratio - f) <= step / 2 + 1e-9 for f in factors)


def _computed(change: ChangeClaim, this: int | float, before: int | float) -> float:
    if change.unit is Unit.PERCENT and before:
        return round((this - before) / before * 100, change.decimals)
    if change.unit in (Unit.TIMES, Unit.TIMES_MORE) and before:
        return round(this / before, 2)
    return float(this - before)


def _actual(this: int | float, before: int | float) -> str:
    diff = this - before
    if not diff:
        return "实为持平"
    word = "增加" if diff > 0 else "减少"
    out = f"实为{word} {format_value(abs(diff))}"
    if before:
        rate = abs(diff) / before * 100
        out += f"（{'增长' if diff > 0 else '下降'} {rate:.1f}%"
        if diff > 0 and this / before >= 2:
            out += f"，为上年的 {this / before:.1f} 倍"
        out += "）"
    return out


def _compare_points(
    report: Report, form: FormDef, last: LastYear, change: ChangeClaim, share: Claim
) -> _Result | None:
    """ "占 50%，同比下降 12.5 个百分点": the share's change, on the base text.numbers accepts
    (办理结果总计, or 新收 as some reports take it)."""
    if share.of is None:
        return None
    target = claim_cells(form, share.of)
    if target is None:
        return None
    cells, what = target
    this_count, last_count = _total(report, cells), last.total(cells)
    if this_count is None or last_count is None:
        return None
    step = 10.0**-change.decimals
    computed: list[tuple[float, float, float]] = []
    for base in (_ANSWERED, _RECEIVED):
        this_base, last_base = _total(report, base), last.total(base)
        if not this_base or not last_base:
            continue
        now, then = this_count / this_base * 100, last_count / last_base * 100
        if abs((now - then) - change.value) < step - 1e-9:
            return None
        computed.append((now, then, now - then))
    if not computed:
        return None
    now, then, points = computed[0]
    word = "上升" if points > 0 else "下降"
    message = (
        f"正文“{change.quote}”与表格不符：{what}占办理结果总计的比例 本年 {now:.1f}%、"
        f"上年 {then:.1f}%，实为{word} {abs(points):.{max(change.decimals, 1)}f} 个百分点"
    )
    return message, (*cells, *_ANSWERED), round(points, change.decimals), change.value

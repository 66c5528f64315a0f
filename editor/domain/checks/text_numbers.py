"""`text.numbers`: the numbers the prose states (opening, 一, 三, 四) checked against the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from editor.domain.checks.findings import Finding, TextSpan
from editor.domain.checks.text.claims import Claim, Kind, read_claims
from editor.domain.forms import CellRef, FormDef, FormVersion, form_for
from editor.domain.model import Report
from editor.domain.values import format_value

RULE = "text.numbers"
# Sections whose prose states numbers about the tables (spec: the opening, 一, 三 and 四).
_SECTIONS = ("overview", "requests", "appeals")
_APPEALS_SECTION = "appeals"
_GROUP_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")
_NOT_UPHELD = ("corrected", "other", "pending")
_AREA_GOVERNMENT = re.compile(r"人民政府(?!办公)|管委会|管理委员会")


class _Quantity(NamedTuple):
    cells: tuple[CellRef, ...]
    value: int | float
    what: str  # the table quantity in words, for the message


def prose_keys(form: FormDef) -> tuple[tuple[str, bool], ...]:
    """(prose key, is section 四) for every prose field this rule reads."""
    keys = [(form.opening.key, False)]
    for section in _SECTIONS:
        keys += [(p.key, section == _APPEALS_SECTION) for p in form.section_by_key[section].prose]
    return tuple(keys)


def check_text_numbers(report: Report, form: FormDef) -> Iterator[Finding]:
    for key, about_appeals in prose_keys(form):
        text = report.prose.get(key, "")
        if not text:
            continue
        for claim in read_claims(text, about_appeals):
            if claim.years and report.meta.year not in claim.years:
                continue  # the sentence is about another year
            found = _compare(report, form, claim)
            if found is not None:
                message, cells, expected, actual = found
                span = TextSpan(key, claim.start, claim.end)
                message += _scope_note(claim.scope, report.meta.organ)
                yield Finding(RULE, message, cells, expected, actual, span)


_Result = tuple[str, tuple[CellRef, ...], int | float, int | float]


def _compare(report: Report, form: FormDef, claim: Claim) -> _Result | None:
    if claim.kind is Kind.PERCENT:
        return _compare_share(report, form, claim)
    if claim.kind in (Kind.ALL_UPHELD, Kind.NONE_CORRECTED, Kind.ALL_CLOSED):
        return _compare_statement(report, form, claim)
    quantity = _quantity(report, form, claim)
    if quantity is None or claim.value is None or quantity.value == claim.value:
        return None
    table = format_value(quantity.value)
    message = f"正文“{claim.quote}”与表格不符：{quantity.what}为 {table}"
    message += _hint(report, claim)
    return message, quantity.cells, quantity.value, claim.value


def _hint(report: Report, claim: Claim) -> str:
    """Says when the stated number is the received count with or without the carried-over."""
    received = report.get(CellRef("requests", "received", "total"))
    carried = report.get(CellRef("requests", "carried_in", "total"))
    if received is None or not carried:
        return ""
    if claim.kind is Kind.RECEIVED and claim.value == received + carried:
        return (
            f"；{format_value(claim.value)} 是新收 {format_value(received)} 加上年结转 "
            f"{format_value(carried)}，如指含上年结转的总数，请写明“含上年结转”"
        )
    if claim.kind is Kind.RECEIVED_WITH_CARRIED and claim.value == received:
        return f"；{format_value(received)} 是本年新收数，不含上年结转 {format_value(carried)}"
    return ""


def _quantity(report: Report, form: FormDef, claim: Claim) -> _Quantity | None:
    target = _target(form.version, claim.kind, claim.groups, claim.rows, claim.column)
    return None if target is None else _sum(report, *target)


def _single(report: Report, form: FormDef, row: str) -> _Quantity | None:
    target = _target(form.version, _ROW_KIND[row])
    return None if target is None else _sum(report, *target)


def _sum(report: Report, cells: tuple[CellRef, ...], what: str) -> _Quantity | None:
    total: int | float = 0
    for c in cells:
        v = report.get(c)
        if v is None:
            return None  # a blank is value.blank's finding, not a number to compare
        total += v
    return _Quantity(cells, total, what)


_SINGLE_ROW = {
    Kind.RECEIVED: "received",
    Kind.CARRIED_IN: "carried_in",
    Kind.RESULTS_TOTAL: "results_total",
    Kind.CARRIED_OUT: "carried_out",
    Kind.NOT_HELD: "unavailable_not_held",
}
_ROW_KIND = {row: kind for kind, row in _SINGLE_ROW.items()}


@lru_cache(maxsize=256)
def _target(
    version: FormVersion,
    kind: Kind,
    groups: tuple[str, ...] = (),
    rows: tuple[str, ...] = (),
    column: str = "",
) -> tuple[tuple[CellRef, ...], str] | None:
    """(the cells a claim is about, those cells in words); depends on the form only, so cached."""
    form = form_for(version)
    if kind is Kind.RECEIVED_WITH_CARRIED:
        both = (CellRef("requests", r, "total") for r in ("received", "carried_in"))
        return tuple(both), "表三本年新收与上年结转之和"
    if kind in _SINGLE_ROW:
        ref = CellRef("requests", _SINGLE_ROW[kind], "total")
        return (ref,), form.cell_name(ref)
    if kind is Kind.GROUP:
        return _group_target(form, groups)
    if kind is Kind.APPEALS:
        return _appeals_target(form, rows, "total")
    if kind is Kind.OUTCOME:
        return _appeals_target(form, rows, column)
    if kind is Kind.NORMATIVE_ISSUED:
        ref = CellRef("proactive", "normative_docs", "issued")
        if ref not in form.table("proactive").cell_set:
            return None  # the 2019 tables count 新制作, not 制发
        return (ref,), form.cell_name(ref)
    return None


def _group_target(form: FormDef, names: tuple[str, ...]) -> tuple[tuple[CellRef, ...], str] | None:
    """The result rows of groups named as printed ("不予公开"), read from the form's labels."""
    requests = form.table("requests")
    results = requests.row_by_key["results_total"].label_path[0]
    cells: list[CellRef] = []
    labels: list[str] = []
    for name in names:
        label = ""
        for r in requests.rows:
            if len(r.label_path) < 2 or r.label_path[0] != results or r.key == "results_total":
                continue
            group = r.label_path[1]
            if _GROUP_NUMBER.sub("", group).startswith(name):
                label = label or (r.short if len(r.label_path) == 2 and r.short else group)
                cells.append(CellRef("requests", r.key, "total"))
        if not label:
            return None
        labels.append(label)
    what = "表三" + "与".join(labels) + ("各项" if len(cells) > 1 else "") + "总计"
    return tuple(cells), what


def _appeals_target(
    form: FormDef, rows: tuple[str, ...], column: str
) -> tuple[tuple[CellRef, ...], str]:
    table = form.table("appeals")
    names = "、".join(table.row_by_key[r].display_name for r in rows)
    plus = "之和" if len(rows) > 1 else ""
    label = table.column_by_key[column].label
    return tuple(CellRef("appeals", r, column) for r in rows), f"表四{names}{label}{plus}"


def _compare_share(report: Report, form: FormDef, claim: Claim) -> _Result | None:
    """A share as printed vs the table count ÷ 办结, within the last printed digit's rounding."""
    if claim.of is None or claim.value is None:
        return None
    count = _quantity(report, form, claim.of)
    answered = _single(report, form, "results_total")
    received = _single(report, form, "received")
    if count is None or answered is None or not answered.value:
        return None
    step = 10.0**-claim.decimals
    exact = count.value / answered.value * 100
    if abs(exact - claim.value) < step - 1e-9:
        return None
    # Some reports take the share of the newly received count instead; that is not a mistake.
    if (
        received is not None
        and received.value
        and abs(count.value / received.value * 100 - claim.value) < step - 1e-9
    ):
        return None
    expected = round(exact, claim.decimals)
    shown = f"{expected:.{claim.decimals}f}%"
    message = (
        f"正文“{claim.quote}”与表格不符：{count.what} {format_value(count.value)} ÷ "
        f"办理结果总计 {format_value(answered.value)} = {shown}"
    )
    return message, (*count.cells, *answered.cells), expected, claim.value


def _compare_statement(report: Report, form: FormDef, claim: Claim) -> _Result | None:
    """均获维持 / 无被纠错 / 均已审结 against the 表四 outcomes of the rows the sentence names."""
    columns = {
        Kind.ALL_UPHELD: _NOT_UPHELD,
        Kind.NONE_CORRECTED: ("corrected",),
        Kind.ALL_CLOSED: ("pending",),
    }[claim.kind]
    table = form.table("appeals")
    cells = tuple(CellRef("appeals", r, c) for r in claim.rows for c in columns)
    values = {c: report.get(c) for c in cells}
    nonzero = tuple(c for c in cells if values[c])
    if not nonzero:
        return None
    total = sum(v for v in values.values() if v)
    parts = "，".join(
        f"{table.row_by_key[c.row].display_name}{table.column_by_key[c.column].label} "
        f"{format_value(values[c] or 0)} 件"
        for c in nonzero
    )
    message = f"正文说“{claim.quote}”，但表四有{parts}"
    return message, (*nonzero, *(c for c in cells if c not in nonzero)), total, 0


def _scope_note(scope: str, organ: str) -> str:
    """Says when the sentence speaks of another body or a wider area than the report's organ."""
    if not scope or not organ or _same_scope(scope, organ):
        return ""
    return f"；句中说的是“{scope}”，与本报告表格（{organ}）的统计范围不同，请核对，或在句中写明范围"


def _same_scope(scope: str, organ: str) -> bool:
    if scope in ("本机关", "本单位"):
        return True
    if scope.startswith(("全", "各")) or scope in ("我区", "我市", "我县"):
        # The whole area: what a government's (or 管委会's) own report counts.
        return _AREA_GOVERNMENT.search(organ) is not None
    if scope.endswith("办") or scope == "办公室":
        return "办公室" in organ or organ.endswith("办")
    return scope[-1] in organ  # 我局 / 本委 / 我厅 / 我中心: the organ is one


def claim_cells(form: FormDef, claim: Claim) -> tuple[tuple[CellRef, ...], str] | None:
    """The table cells a count claim is about and those cells in words (for `text.change`,
    which compares the same quantities with last year's)."""
    return _target(form.version, claim.kind, claim.groups, claim.rows, claim.column)


def scope_note(claim: Claim, organ: str) -> str:
    """The note `text.numbers` adds when the sentence speaks of another body or a wider area."""
    return _scope_note(claim.scope, organ)

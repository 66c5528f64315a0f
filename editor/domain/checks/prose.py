"""Rules on the text and the report as a whole: empty sections, 信息处理费, the form's version."""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor.domain.checks.findings import Finding, TextSpan
from editor.domain.forms import CellRef, FormDef, FormVersion, form_version_for_year
from editor.domain.model import Report

_FEE_MENTION = re.compile(r"处理费|信息公开.{0,6}费|收费|收取.{0,8}费")
_FEE_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*(?:万?元)")
_NOTHING = re.compile(r"^[\s。.]*(无|没有|暂无)[\s。.]*$")


def section_text(report: Report, form: FormDef, section_key: str) -> str:
    section = form.section_by_key[section_key]
    return "\n".join(report.prose.get(p.key, "") for p in section.prose).strip()


def check_form_version(report: Report, form: FormDef) -> Iterator[Finding]:
    required = form_version_for_year(report.meta.year)
    if form.version is required:
        return
    yield Finding(
        "form.version",
        f"{report.meta.year} 年度报告应使用 {required.value} 年格式，"
        f"本报告使用的是 {form.version.value} 年格式的表格",
        expected=required.value,
        actual=form.version.value,
    )


def check_sections(report: Report, form: FormDef) -> Iterator[Finding]:
    for section in form.sections:
        if not section.requires_text:
            continue
        text = section_text(report, form, section.key)
        if not text:
            yield Finding(
                "section.empty", f"“{section.title}”没有内容", span=_span(section.prose[0].key)
            )
        elif section.key == "problems" and _NOTHING.match(text):
            yield Finding(
                "section.empty",
                f"“{section.title}”只写了“{text}”，评议时会被指出",
                span=_span(section.prose[0].key, len(report.prose.get(section.prose[0].key, ""))),
            )


def _span(prose_key: str, end: int = 0) -> TextSpan:
    return TextSpan(prose_key, 0, end)


def check_fee(report: Report, form: FormDef) -> Iterator[Finding]:
    if form.version is not FormVersion.V2021:
        return
    text = section_text(report, form, "other")
    if not text:
        return  # section.empty already says so
    if not _FEE_MENTION.search(text):
        yield Finding(
            "section6.fee",
            "“六、其他需要报告的事项”未说明信息处理费的收取情况（收取金额，或未收取）",
            span=_span("other"),
        )
        return
    no_fee = CellRef("requests", "other_no_fee", "total")
    unpaid = report.get(no_fee)
    if unpaid and not _FEE_AMOUNT.search(text):
        yield Finding(
            "section6.fee",
            f"表三有 {unpaid} 件申请因逾期未缴纳信息处理费而不再处理，"
            "但“六、其他需要报告的事项”未写明收费金额",
            (no_fee,),
            span=_span("other"),
        )

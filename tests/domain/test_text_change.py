"""`text.change`: claims of change against last year, on the longting sample (2023) with last year's
values set per test.

Longting's 2023 tables: 新收 27, 办结 27, 予以公开 4, 行政复议 2, 行政规范性文件 本年制发 1.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.checks import Finding, check_report
from editor.domain.checks.text.changes import Unit, read_changes
from editor.domain.checks.text.claims import Kind
from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import Report, nested_values
from editor.domain.storage import load_report
from tests.conftest import SAMPLE

KEY = "overview.requests"
RECEIVED = CellRef("requests", "received", "total")
ANSWERED = CellRef("requests", "results_total", "total")
DISCLOSED = CellRef("requests", "disclosed", "total")
LEAD = "本年度共收到政府信息公开申请27件，"


def _with_last(values: dict[CellRef, int]) -> Report:
    report = load_report(SAMPLE)
    report.previous = nested_values(values)
    report.previous_form = FormVersion.V2021
    return report


def _changes(report: Report, text: str, key: str = KEY) -> list[Finding]:
    report.prose = {key: text}
    return [f for f in check_report(report) if f.rule == "text.change"]


def test_text_change_growth_claimed_over_equal_counts_is_one_finding() -> None:
    report = _with_last({RECEIVED: 27})
    found = _changes(report, LEAD + "同比增长50%。")
    assert len(found) == 1
    finding = found[0]
    assert finding.cells == (RECEIVED,)
    assert finding.expected == 0 and finding.actual == 50
    assert "实为持平" in finding.message and "上年 27" in finding.message
    assert finding.span is not None and finding.span.prose == KEY


def test_text_change_flat_over_equal_counts_holds() -> None:
    assert _changes(_with_last({RECEIVED: 27}), LEAD + "与上年持平。") == []


# Last year 20, this year 27: +7 件, +35%, ×1.35.
@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("同比增长35%", True),
        ("同比增长35.0%", True),
        ("同比增长30%", False),
        ("同比下降35%", False),
        ("较上年增加7件", True),
        ("比去年同期增加7件", True),
        ("较上年增加5件", False),
        ("较上年减少7件", False),
        ("与上年持平", False),
        ("与去年相比持平", False),
        ("较上年增加7件，增长35%", True),
        ("增幅为35%", False),  # no base named: not a claim against last year… see below
        ("是上年的1.35倍", True),
        ("是上年的2倍", False),
        ("较上年翻了一番", False),
        ("同比增长2倍", False),
        ("较2022年增加7件", True),
        ("较2022年增加5件", False),
    ],
)
def test_text_change_each_claim_form_true_and_false(claim: str, holds: bool) -> None:
    report = _with_last({RECEIVED: 20})
    found = _changes(report, LEAD + claim + "。")
    if claim.startswith("增幅"):
        assert found == []  # "增幅为35%" alone does not say against what
        return
    assert (found == []) is holds, [f.message for f in found]
    if not holds:
        assert len(found) == 1 and "本年 27、上年 20" in found[0].message
        assert "实为增加 7（增长 35.0%）" in found[0].message


@pytest.mark.parametrize(
    ("last", "claim", "holds"),
    [
        (9, "同比增长2倍", True),  # ×3, as the dictionary reads it
        (13, "同比增长2倍", True),  # ×2.08, as many writers mean it
        (20, "同比增长2倍", False),
        (13, "较上年翻了一番", True),
        (9, "较上年翻了一番", False),
        (9, "是上年的3倍", True),
        (27, "较上年增加0件", True),
    ],
)
def test_text_change_times_read_both_ways(last: int, claim: str, holds: bool) -> None:
    found = _changes(_with_last({RECEIVED: last}), LEAD + claim + "。")
    assert (found == []) is holds, [f.message for f in found]


def test_text_change_second_change_of_a_pair_is_checked_too() -> None:
    found = _changes(_with_last({RECEIVED: 20}), LEAD + "较上年增加7件，增长50%。")
    assert [f.actual for f in found] == [50]


def test_text_change_percentage_points_of_a_share() -> None:
    # This year 予以公开 4 of 办结 27 = 14.81%; last year 10 of 36 = 27.78%: −12.96 points.
    report = _with_last({DISCLOSED: 10, ANSWERED: 36, RECEIVED: 36})
    text = "本年度予以公开4件，占14.8%，同比下降13.0个百分点。"
    assert _changes(report, text) == []
    found = _changes(report, text.replace("13.0", "12.5"))
    assert len(found) == 1 and "实为下降 13.0 个百分点" in found[0].message
    assert found[0].expected == -13.0 and found[0].actual == -12.5


def test_text_change_quantity_named_without_a_number() -> None:
    report = _with_last({RECEIVED: 20})
    assert _changes(report, "本年度收到的政府信息公开申请同比增长35%。") == []
    found = _changes(report, "本年度收到的政府信息公开申请同比下降10%。")
    assert len(found) == 1 and found[0].cells == (RECEIVED,)


def test_text_change_appeals_in_section_four() -> None:
    report = _with_last({CellRef("appeals", "review", "total"): 1})
    assert _changes(report, "本年度行政复议2件，同比增加1件。", key="appeals") == []
    found = _changes(report, "本年度行政复议2件，同比减少1件。", key="appeals")
    assert len(found) == 1


@pytest.mark.parametrize(
    "last",
    [
        {},  # last year's 新收 blank
        None,  # no last year at all
    ],
)
def test_text_change_unknown_last_year_value_says_nothing(last: dict[CellRef, int] | None) -> None:
    report = load_report(SAMPLE)
    if last is not None:
        report.previous = nested_values({ANSWERED: 30, **last})
    for claim in ("同比增长50%", "较上年减少3件", "与上年持平", "同比增长2倍", "是上年的3倍"):
        assert _changes(report, LEAD + claim + "。") == [], claim


def test_text_change_cell_of_another_meaning_last_year_is_unknown() -> None:
    # Last year in the 2019 format: （六）其他处理 has no 2021 counterpart, so no comparison.
    report = load_report(SAMPLE)
    previous = load_report(SAMPLE)
    previous.meta.year, previous.meta.form_version = 2022, FormVersion.V2019
    previous.tables = {"requests": {"received": {"total": 20}}}
    report.prose = {KEY: LEAD + "同比增长50%。"}
    found = [f for f in check_report(report, previous) if f.rule == "text.change"]
    assert len(found) == 1  # 新收 means the same in both formats
    previous.tables = {"proactive": {"rules": {"in_force": 1}}}
    report.prose = {"overview.proactive": "本年度制发规范性文件1件，同比增加1件。"}
    assert [f for f in check_report(report, previous) if f.rule == "text.change"] == []


@pytest.mark.parametrize(
    "text",
    [
        "2022年收到政府信息公开申请20件，同比增长50%。",  # about last year
        "本年度共收到政府信息公开申请27件，较2021年增长50%。",  # against another year
        "本年度共收到政府信息公开申请27件，同比增长约50%。",  # an estimate
        "本年度共收到政府信息公开申请27件，与上年基本持平。",
        "本年度共收到政府信息公开申请27件，环比增长50%。",  # not against last year
        "本年度接听12345热线来电27件，同比增长50%。",  # not disclosure applications
        "与上年相同的是，本年度共收到政府信息公开申请27件。",
    ],
)
def test_text_change_other_years_estimates_and_other_things_ignored(text: str) -> None:
    assert _changes(_with_last({RECEIVED: 20}), text) == []


def test_text_change_scope_note_as_text_numbers() -> None:
    found = _changes(_with_last({RECEIVED: 20}), "全区共收到政府信息公开申请27件，同比增长50%。")
    assert len(found) == 1 and "统计范围不同" in found[0].message


def test_text_change_previous_report_given_on_the_command_line() -> None:
    report = load_report(SAMPLE)
    previous = load_report(SAMPLE)
    previous.meta.year = 2022
    previous.set(RECEIVED, 20)
    report.prose = {KEY: LEAD + "同比增长50%。"}
    found = [f for f in check_report(report, previous) if f.rule == "text.change"]
    assert len(found) == 1 and found[0].expected == 35.0


def test_read_changes_kinds_and_subjects() -> None:
    changes = read_changes(LEAD + "较上年减少3件，下降10%。")
    assert [(c.unit, c.value) for c in changes] == [(Unit.COUNT, -3.0), (Unit.PERCENT, -10.0)]
    assert all(c.subject.kind is Kind.RECEIVED for c in changes)
    (flat,) = read_changes(LEAD + "与上年持平。")
    assert flat.unit is Unit.FLAT and flat.quote == "与上年持平"


_LEADS = ("本年度共收到政府信息公开申请{n}件，", "全年新收政府信息公开申请{n}件，")
_FORMS = ("同比增长{p}%", "较上年增加{d}件", "比上年{dir}{ad}件", "同比{pdir}{ap}%")


@settings(max_examples=60, deadline=None)
@given(
    last=st.integers(min_value=1, max_value=5000),
    this=st.integers(min_value=0, max_value=5000),
    lead=st.sampled_from(_LEADS),
    form=st.sampled_from(_FORMS),
    wrong=st.booleans(),
)
def test_text_change_generated_claims_hold_exactly_when_true(
    last: int, this: int, lead: str, form: str, wrong: bool
) -> None:
    """Claims written from the true figures never give a finding; off by more than the printed
    rounding they always do."""
    diff = this - last
    rate = diff / last * 100
    if form.startswith("较上年增加") and diff < 0:
        return
    if form.startswith("同比增长") and rate < 0:
        return
    shift = 3 if wrong else 0
    text = lead.format(n=this) + form.format(
        p=f"{rate + shift:.1f}",
        d=diff + shift,
        dir="增加" if diff >= 0 else "减少",
        ad=abs(diff) + shift,
        pdir="增长" if rate >= 0 else "下降",
        ap=f"{abs(rate) + shift:.1f}",
    )
    report = _with_last({RECEIVED: last})
    report.set(RECEIVED, this)
    found = _changes(report, text + "。")
    assert len(found) == (1 if wrong else 0), (text, [f.message for f in found])

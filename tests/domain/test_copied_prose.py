"""`prose.last_year`: prose still (mostly) last year's, on a report started from the sample."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.checks import Finding, check_report
from editor.domain.checks.copied_prose import MIN_COPIED_CHARS, MIN_SHARE
from editor.domain.checks.text.similarity import copied_text, normalized
from editor.domain.model import Report
from editor.domain.storage import load_report
from editor.importers.last_year import new_from_last_year
from tests.conftest import SAMPLE

REWRITTEN = (
    "本年度，区政府办围绕优化营商环境，新开设惠企政策专栏，集中发布涉企政策一百余条；"
    "对政策文件同步开展图解和视频解读，邀请企业代表参与政策评估；"
    "政务新媒体开设“政策直通车”栏目，全年推送解读信息三百余条，阅读量明显提升。"
)


def _copied(report: Report, previous: Report | None = None) -> list[Finding]:
    return [f for f in check_report(report, previous) if f.rule == "prose.last_year"]


@pytest.fixture
def started() -> Report:
    return new_from_last_year(SAMPLE, 2024).report


def test_copied_prose_one_finding_per_copied_field(started: Report) -> None:
    found = _copied(started)
    assert sorted(f.span.prose for f in found if f.span) == sorted(started.prose)
    assert all("与上年报告重复 100%" in f.message for f in found)


def test_copied_prose_rewritten_field_is_gone_others_remain(started: Report) -> None:
    before = {f.span.prose for f in _copied(started) if f.span}
    started.prose["overview.proactive"] = REWRITTEN
    after = {f.span.prose for f in _copied(started) if f.span}
    assert after == before - {"overview.proactive"}


def test_copied_prose_survives_changed_numbers_and_years(started: Report) -> None:
    text = started.prose["overview.requests"]
    edited = text.replace("2023", "2024").replace("27", "31").replace("21", "25")
    assert edited != text
    started.prose["overview.requests"] = edited
    keys = {f.span.prose for f in _copied(started) if f.span}
    assert "overview.requests" in keys


def test_copied_prose_a_few_words_changed_is_still_copied(started: Report) -> None:
    text = started.prose["problems"]
    started.prose["problems"] = text.replace("不足", "短板").replace("进一步", "持续")
    finding = next(f for f in _copied(started) if f.span and f.span.prose == "problems")
    assert isinstance(finding.actual, int) and finding.actual >= 80


def test_copied_prose_half_rewritten_is_reported_with_its_share(started: Report) -> None:
    text = started.prose["overview.proactive"]
    started.prose["overview.proactive"] = text + REWRITTEN * 2
    share = copied_text(started.prose["overview.proactive"], text).share
    finding = next(f for f in _copied(started) if f.span and f.span.prose == "overview.proactive")
    assert finding.actual == int(share * 100 + 0.5) and 50 <= finding.actual < 100
    assert f"重复 {finding.actual}%" in finding.message


def test_copied_prose_sentences_reordered_still_copied(started: Report) -> None:
    text = started.prose["overview.proactive"]
    parts = [p for p in text.split("。") if p]
    random.Random(3).shuffle(parts)
    started.prose["overview.proactive"] = "。".join(parts) + "。"
    assert any(f.span and f.span.prose == "overview.proactive" for f in _copied(started))


def test_copied_prose_short_standard_statement_not_reported(started: Report) -> None:
    started.previous_prose["other"] = "2023年度未收取信息处理费。"
    started.prose["other"] = "2024年度未收取信息处理费。"
    assert not any(f.span and f.span.prose == "other" for f in _copied(started))


def test_copied_prose_opening_is_the_forms_lead_in_not_reported(started: Report) -> None:
    opening = (
        "本报告根据《中华人民共和国政府信息公开条例》要求编制，"
        "全文包括总体情况、主动公开政府信息情况等六个部分。"
    )
    started.previous_prose["opening"] = opening
    started.prose["opening"] = opening
    assert not any(f.span and f.span.prose == "opening" for f in _copied(started))


def test_copied_prose_unknown_last_year_text_says_nothing() -> None:
    report = load_report(SAMPLE)
    assert report.previous_prose == {}
    assert _copied(report) == []


def test_copied_prose_against_previous_report_on_the_command_line() -> None:
    report = load_report(SAMPLE)
    report.meta.year = 2024
    previous = load_report(SAMPLE)
    assert len(_copied(report, previous)) == len(report.prose)


def test_copied_prose_spans_are_the_copied_sentences(started: Report) -> None:
    started.prose["overview.proactive"] = REWRITTEN + started.prose["overview.proactive"]
    text = started.prose["overview.proactive"]
    result = copied_text(text, started.previous_prose["overview.proactive"])
    assert result.spans and result.spans[0][0] >= len(REWRITTEN)
    for start, end in result.spans:
        assert normalized(text[start:end])  # whole sentences, not empty pieces


def test_normalized_ignores_numbers_years_punctuation_and_width() -> None:
    a = normalized("2023年，共收到申请２７件（含上年结转3件）。")
    b = normalized("二〇二四年 共收到申请31件,含上年结转 0 件")
    assert a == b


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10_000),
    keep=st.floats(min_value=0.0, max_value=1.0),
)
def test_copied_prose_share_follows_what_is_kept(seed: int, keep: float) -> None:
    """A text made of some of last year's sentences and some new ones: the share is the kept
    part, and a report only above the threshold."""
    rng = random.Random(seed)
    last_sentences = [f"{_words(rng, 20)}。" for _ in range(10)]
    kept = [s for s in last_sentences if rng.random() < keep]
    fresh = [f"{_words(rng, 20)}。" for _ in range(10 - len(kept))]
    text = "".join(kept + fresh)
    result = copied_text(text, "".join(last_sentences))
    expected = sum(len(normalized(s)) for s in kept) / sum(len(normalized(s)) for s in kept + fresh)
    assert result.share == pytest.approx(expected)
    assert len(result.spans) == len(kept)
    reported = any(f.rule == "prose.last_year" for f in _check_text(text, "".join(last_sentences)))
    assert reported is (result.share >= MIN_SHARE and result.copied_chars >= MIN_COPIED_CHARS)


def _check_text(text: str, last_text: str) -> list[Finding]:
    report = load_report(SAMPLE)
    report.prose = {"problems": text}
    report.previous_prose = {"problems": last_text}
    return check_report(report)


_ALPHABET = "政府信息公开申请办理答复平台建设监督保障主动规范文件解读回应培训考核制度机制标准目录"


def _words(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(n))


def test_copied_text_near_comparisons_are_bounded_for_hostile_text() -> None:
    """Past MAX_NEAR_SENTENCES only exact copies count: a file of 100,000 sentences cannot make
    the check compare each with each (it took minutes before the bound)."""
    from editor.domain.checks.text import similarity

    rng = random.Random(5)
    last = [_words(rng, 30) for _ in range(similarity.MAX_NEAR_SENTENCES + 100)]
    # Each sentence one character off last year's: a near copy, never an exact one.
    edited = [s[:-1] + ("甲" if s[-1] != "甲" else "乙") for s in last]
    result = copied_text("。".join(edited) + "。", "。".join(last) + "。")
    assert len(result.spans) == similarity.MAX_NEAR_SENTENCES
    # Exact copies are still all found, however many.
    assert copied_text("。".join(last) + "。", "。".join(last) + "。").share == 1.0

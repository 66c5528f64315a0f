"""`text.period`: a statistical period or report year in the prose that is not the report's."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.checks import Finding, check_report
from editor.domain.model import Report
from editor.domain.storage import load_report
from tests.conftest import SAMPLE


def _period(text: str, year: int = 2024, key: str = "opening") -> list[Finding]:
    report: Report = load_report(SAMPLE)
    report.meta.year = year
    report.prose = {key: text}
    return [f for f in check_report(report) if f.rule == "text.period"]


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "本报告所列数据统计期限为2023年1月1日至2023年12月31日。",
        "本年度报告中所列数据统计时限为2023年1月1日至12月31日。",
        "统计时间：2023年1月1日—2023年12月31日。",
        "统计期限自2024年1月1日起，至2023年12月31日止。",  # the second date is wrong
        "统计期限为二〇二三年一月一日至十二月三十一日。",
        "统计期限为２０２３年１月１日至１２月３１日。",
        "现公布本机关2023年政府信息公开工作年度报告。",
        "本年度（2023年）政府信息公开工作情况报告如下。",
        "结合我区实际情况，现将 2023 年政府信息公开工作报告如下：",
        "现将2023年度政府信息公开工作情况报告如下。",
    ],
)
def test_text_period_other_year_is_reported(text: str) -> None:
    found = _period(text)
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    assert finding.expected == 2024 and finding.actual == 2023
    assert "2023" in finding.message and "2024" in finding.message
    assert finding.span is not None and finding.span.prose == "opening"
    assert finding.span.end > finding.span.start


@pytest.mark.parametrize(
    "text",
    [
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "统计期限为2024年1月1日至12月31日，与2023年相比，申请数量有所增加。",
        "根据《关于做好2023年政府信息公开工作年度报告编制工作的通知》要求编制。",
        "截至2023年底，全区现行有效规范性文件393件。",
        "2025年，我区将进一步加强政策解读。",
        "2023年收到的申请已全部办结。",
    ],
)
def test_text_period_own_year_and_other_mentions_are_fine(text: str) -> None:
    assert _period(text) == []


def test_text_period_any_prose_field_is_read() -> None:
    found = _period("本报告统计期限为2023年1月1日至2023年12月31日。", key="other")
    assert len(found) == 1 and found[0].span is not None and found[0].span.prose == "other"


_TITLE_PIECES = [
    *("2023", "二〇二三", "٢٠٢٣", "202", " ", "年", "度", "的", "本", "（", "(", "）", ")"),
    *("政府信息公开", "工作", "情况", "年度", "报告", "，", "统计期限", "本年度", "本报告年度"),
    *("2023年政府信息公开工作年度报告", "本年度（2023年）", "本报告年度(二〇二三年度)"),
    *("2024 年度的政府信息公开情况报告", "本年度（ 2023 年度 ）"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TITLE_PIECES), max_size=20))
def test_text_period_title_lookahead_changes_no_match(pieces: list[str]) -> None:
    """The lookahead that speeds up the title pattern finds the same titles as the pattern
    without it, wherever they stand among other words."""
    from editor.domain.checks import text_period

    text = "".join(pieces)
    lookahead = text_period._TITLE.pattern[: text_period._TITLE.pattern.index(")") + 1]
    plain = re.compile(text_period._TITLE.pattern.removeprefix(lookahead))
    assert lookahead.startswith("(?=")
    found = [m.span() for m in text_period._TITLE.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]

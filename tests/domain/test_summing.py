"""The 汇总: consistent reports sum to a consistent report, cell by cell; blanks are never zeros;
reports that cannot be added are refused, all named at once."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.checks import check_report
from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import Report
from editor.domain.summing import SumSource, sum_reports
from tests.factories import consistent_report

YEAR = {FormVersion.V2021: 2023, FormVersion.V2019: 2020}
TABLE_RULES = ("requests.", "appeals.", "value.")


def _sources(version: FormVersion, seeds: list[int]) -> list[SumSource]:
    out = []
    for i, seed in enumerate(seeds):
        report = consistent_report(version, seed=seed)
        report.meta.organ = f"第{i + 1}局"
        out.append(SumSource(f"d{i}.nianbao", report))
    return out


@settings(max_examples=25, deadline=None)
@given(
    version=st.sampled_from([FormVersion.V2021, FormVersion.V2019]),
    seeds=st.lists(st.integers(0, 10_000), min_size=1, max_size=6),
)
def test_sum_reports_of_consistent_reports_is_consistent_and_the_cell_sum(
    version: FormVersion, seeds: list[int]
) -> None:
    sources = _sources(version, seeds)
    result = sum_reports(sources, "测试县", YEAR[version])
    total = result.report
    findings = check_report(total)
    assert [f for f in findings if f.is_error] == []
    assert [f for f in findings if f.rule.startswith(TABLE_RULES) or f.rule == "text.numbers"] == []
    for ref in total.form.cells:
        expected = [s.report.get(ref) for s in sources]
        got = total.get(ref)
        assert got is not None
        if all(type(v) is int for v in expected):
            assert got == sum(v for v in expected if v is not None)
        else:
            assert math.isclose(got, math.fsum(v for v in expected if v is not None), abs_tol=1e-6)
    assert total.flagged_cells == [] and result.blanks == {}


def test_sum_reports_blank_everywhere_stays_blank_blank_somewhere_is_flagged() -> None:
    sources = _sources(FormVersion.V2021, [1, 2, 3])
    everywhere = CellRef("requests", "withheld_inquiry", "research")
    somewhere = CellRef("appeals", "review", "upheld")
    for s in sources:
        s.report.set(everywhere, None)
    sources[1].report.set(somewhere, None)
    result = sum_reports(sources, "测试县", 2023)
    assert result.report.get(everywhere) is None
    assert result.report.get(somewhere) == sum(
        s.report.get(somewhere) or 0 for s in (sources[0], sources[2])
    )
    assert result.blanks == {"d1.nianbao": [somewhere]}
    assert result.report.flagged_cells == [somewhere.key]
    notes = "\n".join(result.notes())
    assert "“d1.nianbao”留空：表四 行政复议·结果维持" in notes and "待确认" in notes


def test_sum_reports_refuses_other_year_other_format_and_one_office_twice() -> None:
    sources = _sources(FormVersion.V2021, [1, 2, 3, 4])
    sources[1].report.meta.year = 2022
    sources[2].report.meta.form_version = FormVersion.V2019
    sources[3].report.meta.organ = sources[0].report.meta.organ
    with pytest.raises(UserError) as caught:
        sum_reports(sources, "测试县", 2023)
    message = str(caught.value)
    assert "“d1.nianbao”（2022 年）" in message
    assert "2021 年格式" in message and "“d2.nianbao”" in message
    assert "第1局：“d0.nianbao”、“d3.nianbao”" in message


def test_sum_reports_nothing_to_sum_is_refused() -> None:
    with pytest.raises(UserError):
        sum_reports([], "测试县", 2023)


def test_sum_reports_amounts_add_without_float_noise() -> None:
    sources = _sources(FormVersion.V2021, [1, 2, 3])
    fee = CellRef("proactive", "fees", "amount")
    for s, amount in zip(sources, (0.1, 0.2, 1.0), strict=True):
        s.report.set(fee, amount)
    assert sum_reports(sources, "测试县", 2023).report.get(fee) == 1.3


def test_sum_reports_carries_flags_and_sums_last_years_values() -> None:
    sources = _sources(FormVersion.V2021, [1, 2])
    carried = CellRef("requests", "carried_out", "natural")
    for s in sources:
        s.report.previous = {"requests": {"carried_out": {"natural": 2}}}
        s.report.previous_form = FormVersion.V2021
    sources[0].report.flagged_cells = [carried.key]
    result = sum_reports(sources, "测试县", 2023)
    assert result.previous_summed and result.report.previous == {
        "requests": {"carried_out": {"natural": 4}}
    }
    assert carried.key in result.report.flagged_cells
    assert any("待确认" in n for n in result.notes())


def test_sum_reports_lists_its_reports_in_the_opening() -> None:
    sources = _sources(FormVersion.V2021, [1, 2])
    report: Report = sum_reports(sources, "测试县人民政府办公室", 2023).report
    opening = report.prose["opening"]
    assert "2 份报告" in opening and "第1局（d0.nianbao）" in opening
    assert report.meta.organ == report.meta.signer == "测试县人民政府办公室"


def test_sum_reports_refuses_a_sum_beside_a_report_it_already_sums() -> None:
    sources = _sources(FormVersion.V2021, [1, 2, 3])
    county = sum_reports(sources[:2], "测试县（汇总）", 2023).report
    again = [*sources, SumSource("县汇总.nianbao", county)]
    with pytest.raises(UserError) as caught:
        sum_reports(again, "测试市", 2023)
    assert "“县汇总.nianbao”是汇总报告" in str(caught.value) and "第1局、第2局" in str(caught.value)
    # The level above sums 汇总s of other counties: no report of theirs is in the pile.
    city = sum_reports([sources[2], SumSource("县汇总.nianbao", county)], "测试市", 2023)
    assert city.report.get(CellRef("requests", "received", "total")) == sum(
        s.report.get(CellRef("requests", "received", "total")) or 0 for s in sources
    )

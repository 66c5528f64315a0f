"""`text.numbers`: prose numbers against the tables, on the longting sample with edited prose.

Longting's tables: 新收 27, 上年结转 0, 予以公开 4, 部分公开 1, 不予公开 1, 无法提供 21 (all
本机关不掌握), 不予处理 0, 其他处理 0, 办结 27, 结转下年 0; 行政复议 2 (维持 1, 纠正 1), 直接起诉 1
(维持 1), 复议后起诉 0; 行政规范性文件 本年制发 1.
"""

from __future__ import annotations

import pytest

from editor.domain.checks import Finding, check_report
from editor.domain.checks.text.claims import Kind, read_claims
from editor.domain.checks.text.numerals import parse_chinese_numeral
from editor.domain.checks.text_numbers import check_text_numbers
from editor.domain.forms import CellRef
from editor.domain.model import Report

KEY = "overview.requests"


def _findings(report: Report, text: str, key: str = KEY) -> list[Finding]:
    report.prose = {key: text}
    return list(check_text_numbers(report, report.form))


def _one(report: Report, text: str, key: str = KEY) -> Finding:
    found = _findings(report, text, key)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def _cell(row: str, column: str = "total", table: str = "requests") -> CellRef:
    return CellRef(table, row, column)


# ------------------------------------------------------------------ numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十七", 27),
        ("十", 10),
        ("十五", 15),
        ("两", 2),
        ("一百零三", 103),
        ("三千一百一十九", 3119),
    ],
)
def test_parse_chinese_numeral_reads_counts(text: str, value: int) -> None:
    assert parse_chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["三五", "二〇二三", "", "十x"])
def test_parse_chinese_numeral_refuses_estimates_years_and_other_text(text: str) -> None:
    assert parse_chinese_numeral(text) is None


# ------------------------------------------------------------------ each kind of mismatch


def test_text_numbers_received_mismatch_gives_sentence_numbers_and_cell(sample_report) -> None:  # type: ignore[no-untyped-def]
    text = "2023 年，我办共计收到政府信息公开申请 28 项。因政府信息公开被提起行政复议 2 件。"
    f = _one(sample_report, text)
    assert (f.rule, f.expected, f.actual, f.cells) == ("text.numbers", 27, 28, (_cell("received"),))
    assert f.span is not None and f.span.prose == KEY
    assert text[f.span.start : f.span.end] == "2023 年，我办共计收到政府信息公开申请 28 项。"
    assert "收到政府信息公开申请 28 项" in f.message and "27" in f.message
    assert f.to_json()["span"] == {"prose": KEY, "start": 0, "end": f.span.end}


@pytest.mark.parametrize(
    "text",
    [
        "我办共计收到政府信息公开申请二十八项。",
        "我办共计收到政府信息公开申请２８项。",
        "本年度共收到28件申请。",
        "本年新收政府信息公开申请 28 件。",
        "全年共受理政府信息公开申请 28 件。",
    ],
)
def test_text_numbers_received_read_in_any_numerals_and_wording(sample_report, text: str) -> None:  # type: ignore[no-untyped-def]
    f = _one(sample_report, text)
    assert (f.expected, f.actual) == (27, 28)


def test_text_numbers_consistent_longting_sentence_raises_nothing(sample_report) -> None:  # type: ignore[no-untyped-def]
    assert _findings(sample_report, sample_report.prose[KEY]) == []
    assert sample_report.prose[KEY].startswith("2023 年，我办共计收到政府信息公开申请 27 项")


def test_text_numbers_chinese_numerals_that_agree_raise_nothing(sample_report) -> None:  # type: ignore[no-untyped-def]
    text = "收到政府信息公开申请二十七件，予以公开四件，不予公开一件，无法提供二十一件。"
    assert _findings(sample_report, text) == []


def _with_carried_over(report: Report) -> Report:
    # 新收 27 + 上年结转 3 = 办结 28 + 结转下年 2.
    report.set(_cell("carried_in"), 3)
    report.set(_cell("results_total"), 28)
    report.set(_cell("carried_out"), 2)
    return report


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请 30 件（含上年结转 3 件）。",
        "共收到政府信息公开申请（含上年结转）30 件。",
        "本年新收政府信息公开申请 27 件，上年结转 3 件，办结 28 件，2 件结转下年度继续办理。",
    ],
)
def test_text_numbers_received_including_carried_over_is_understood(
    sample_report, text: str
) -> None:  # type: ignore[no-untyped-def]
    assert _findings(_with_carried_over(sample_report), text) == []


def test_text_numbers_received_including_carried_over_mismatch(sample_report) -> None:  # type: ignore[no-untyped-def]
    report = _with_carried_over(sample_report)
    f = _one(report, "共收到政府信息公开申请 27 件（含上年结转 3 件）。")
    assert (f.expected, f.actual) == (30, 27)
    assert f.cells == (_cell("received"), _cell("carried_in"))
    assert "不含上年结转" in f.message


def test_text_numbers_received_total_without_saying_so_gets_a_hint(sample_report) -> None:  # type: ignore[no-untyped-def]
    f = _one(_with_carried_over(sample_report), "共收到政府信息公开申请 30 件。")
    assert (f.expected, f.actual) == (27, 30)
    assert "请写明“含上年结转”" in f.message


@pytest.mark.parametrize(
    ("text", "row", "expected", "actual"),
    [
        ("收到申请 30 件，办结 26 件。", "results_total", 28, 26),
        ("收到申请 30 件，答复 29 件。", "results_total", 28, 29),
        ("收到申请 30 件，3 件结转下年度继续办理。", "carried_out", 2, 3),
        ("收到申请 30 件，结转下年度继续办理 1 件。", "carried_out", 2, 1),
        ("收到申请 30 件，结转至2024年4件。", "carried_out", 2, 4),
        ("收到申请 30 件（含上年度结转申请 4 件）。", "carried_in", 3, 4),
    ],
)
def test_text_numbers_answered_and_carried_mismatch(  # type: ignore[no-untyped-def]
    sample_report, text: str, row: str, expected: int, actual: int
) -> None:
    report = _with_carried_over(sample_report)
    mismatches = [f for f in _findings(report, text) if f.cells == (_cell(row),)]
    assert [(f.expected, f.actual) for f in mismatches] == [(expected, actual)]


@pytest.mark.parametrize(
    ("phrase", "expected", "rows"),
    [
        ("予以公开 2 件", 4, ["disclosed"]),
        ("部分公开 2 件", 1, ["partly_disclosed"]),
        ("部分同意公开 2 项", 1, ["partly_disclosed"]),
        ("予以公开及部分公开 2 件", 5, ["disclosed", "partly_disclosed"]),
        ("不予公开 2 件", 1, ["withheld_state_secret"]),
        ("无法提供 2 件", 21, ["unavailable_not_held"]),
        ("不属于本行政机关掌握信息 2 项", 21, ["unavailable_not_held"]),
        ("不予处理 2 件", 0, ["rejected_complaint"]),
        ("其他处理 2 件", 0, ["other_no_correction"]),
    ],
)
def test_text_numbers_result_group_mismatch(  # type: ignore[no-untyped-def]
    sample_report, phrase: str, expected: int, rows: list[str]
) -> None:
    f = _one(sample_report, f"收到政府信息公开申请 27 件，其中{phrase}。")
    assert (f.expected, f.actual) == (expected, 2)
    assert all(_cell(r) in f.cells for r in rows)
    assert phrase in f.message


def test_text_numbers_result_group_sums_its_items(sample_report) -> None:  # type: ignore[no-untyped-def]
    sample_report.set(_cell("withheld_state_secret"), 2)
    f = _one(sample_report, "不予公开 1 件。")
    assert (f.expected, f.actual) == (3, 1)
    assert len(f.cells) == 8  # the eight 不予公开 items
    assert "（三）不予公开" in f.message


@pytest.mark.parametrize(
    "share",
    ["14.81%", "14.8%", "15%", "14.82%", "１４.８１％"],  # 4 ÷ 27 = 14.8148…%
)
def test_text_numbers_share_rounded_as_printed_raises_nothing(sample_report, share: str) -> None:  # type: ignore[no-untyped-def]
    assert _findings(sample_report, f"办结 27 件，其中予以公开 4 件，占{share}。") == []


@pytest.mark.parametrize(("share", "stated"), [("16%", 16.0), ("14.90%", 14.9), ("41.2%", 41.2)])
def test_text_numbers_share_mismatch(sample_report, share: str, stated: float) -> None:  # type: ignore[no-untyped-def]
    f = _one(sample_report, f"办结 27 件，其中予以公开 4 件，占{share}。")
    assert f.actual == stated
    assert f.expected == round(4 / 27 * 100, len(share.rstrip("%").partition(".")[2]))
    assert _cell("disclosed") in f.cells and _cell("results_total") in f.cells


@pytest.mark.parametrize(
    ("text", "expected", "actual", "rows"),
    [
        ("因政府信息公开被提起行政复议 3 件。", 2, 3, ("review",)),
        ("因政府信息公开被提起行政诉讼 2 件。", 1, 2, ("suit_direct", "suit_after_review")),
        ("政府信息公开未经复议直接起诉 2 件。", 1, 2, ("suit_direct",)),
        ("政府信息公开行政复议 2 件，其中结果维持 2 件。", 1, 2, ("review",)),
        ("政府信息公开行政复议三起。", 2, 3, ("review",)),
    ],
)
def test_text_numbers_appeals_mismatch(  # type: ignore[no-untyped-def]
    sample_report, text: str, expected: int, actual: int, rows: tuple[str, ...]
) -> None:
    f = _one(sample_report, text)
    assert (f.expected, f.actual) == (expected, actual)
    assert {c.row for c in f.cells} == set(rows)


def test_text_numbers_all_upheld_while_corrected(sample_report) -> None:  # type: ignore[no-untyped-def]
    f = _one(sample_report, "因政府信息公开被提起行政复议 2 件，均获维持。")
    assert f.cells[0] == CellRef("appeals", "review", "corrected")
    assert (f.expected, f.actual) == (1, 0)
    assert "均获维持" in f.message and "结果纠正 1 件" in f.message


def test_text_numbers_all_upheld_reads_the_rows_the_sentence_names(sample_report) -> None:  # type: ignore[no-untyped-def]
    # 直接起诉 1 件 was upheld; the corrected case is a 复议 one, named in another ；-part.
    text = "政府信息公开行政复议 2 件，纠正 1 件；未经复议直接起诉 1 件，均获维持。"
    assert _findings(sample_report, text) == []


def test_text_numbers_all_upheld_while_pending(sample_report) -> None:  # type: ignore[no-untyped-def]
    sample_report.set(CellRef("appeals", "suit_direct", "pending"), 1)
    f = _one(sample_report, "因政府信息公开引起的行政诉讼均获维持。")
    assert f.cells[0] == CellRef("appeals", "suit_direct", "pending")


@pytest.mark.parametrize("phrase", ["无被纠错案件", "未发生被纠错情况", "没有案件被纠错"])
def test_text_numbers_none_corrected_while_corrected(sample_report, phrase: str) -> None:  # type: ignore[no-untyped-def]
    text = f"因政府信息公开引起的行政复议、行政诉讼{phrase}。"
    f = _one(sample_report, text)
    assert f.cells[0] == CellRef("appeals", "review", "corrected")
    sample_report.set(CellRef("appeals", "review", "corrected"), 0)
    assert _findings(sample_report, text) == []


def test_text_numbers_statement_in_section_four_needs_no_name(sample_report) -> None:  # type: ignore[no-untyped-def]
    f = _one(sample_report, "本年度案件均获维持。", key="appeals")
    assert f.span is not None and f.span.prose == "appeals"


def test_text_numbers_normative_documents_issued(sample_report) -> None:  # type: ignore[no-untyped-def]
    f = _one(sample_report, "本年制发行政规范性文件 2 件。", key="overview.management")
    assert f.cells == (CellRef("proactive", "normative_docs", "issued"),)
    assert (f.expected, f.actual) == (1, 2)


def test_text_numbers_other_scope_is_still_raised_and_said(sample_report) -> None:  # type: ignore[no-untyped-def]
    # The report is 龙亭区人民政府办公室's; "全区" is the whole district.
    f = _one(sample_report, "2023 年，全区共收到政府信息公开申请 35 件。")
    assert (f.expected, f.actual) == (27, 35)
    assert "“全区”" in f.message and "统计范围不同" in f.message
    own = _one(sample_report, "2023 年，我办共收到政府信息公开申请 35 件。")
    assert "统计范围" not in own.message


def test_text_numbers_whole_area_is_a_governments_own_scope(sample_report) -> None:  # type: ignore[no-untyped-def]
    sample_report.meta.organ = "龙亭区人民政府"
    f = _one(sample_report, "2023 年，全区共收到政府信息公开申请 35 件。")
    assert "统计范围" not in f.message
    office = _one(sample_report, "2023 年，我办共收到政府信息公开申请 35 件。")
    assert "“我办”" in office.message


# ------------------------------------------------------------------ what must not fire


@pytest.mark.parametrize(
    "text",
    [
        "组织开展19期《问政平潭之有事你说》，收到群众诉求348件，现场解决162件，办结率100%。",
        "全年收到政府信息公开申请 20 余件。",
        "上年收到政府信息公开申请 30 件。",
        "2022年，我办收到政府信息公开申请 30 件。",
        "全年办理行政复议案件 120 件，行政诉讼案件 35 件。",
        "政府信息公开行政复议、行政诉讼各 3 件。",
        "收到政府信息公开申请数量同比增加 3 件。",
        "坚持第一时间登记受理、第一时间回复申请的“三个一”工作机制。",
        "在省办政务新媒体检查抽查中，合格率均为 100%。",
        "全年办理政府信息公开申请 218 件。",
        "全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 11 件。",
        "对 5 件申请予以公开。",
        "收到行政许可申请 500 件，办结 480 件。",
        "延期答复 3 件。",
        "集中公开现行有效行政规范性文件698件。",
        "组织召开新闻发布会 12 场，发布信息 20 余条。",
    ],
)
def test_text_numbers_unrelated_or_unsure_numbers_raise_nothing(sample_report, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _findings(sample_report, text) == []


def test_text_numbers_blank_table_cells_are_not_compared(sample_report) -> None:  # type: ignore[no-untyped-def]
    sample_report.set(_cell("received"), None)
    assert _findings(sample_report, "收到政府信息公开申请 28 件。") == []


def test_text_numbers_reruns_as_the_prose_is_edited(sample_report) -> None:  # type: ignore[no-untyped-def]
    sample_report.prose[KEY] = "收到政府信息公开申请 28 件。"
    assert [f.rule for f in check_report(sample_report)] == ["text.numbers"]
    sample_report.prose[KEY] = "收到政府信息公开申请 27 件。"
    assert check_report(sample_report) == []


def test_text_numbers_reads_opening_and_sections_one_three_four_only(sample_report) -> None:  # type: ignore[no-untyped-def]
    text = "收到政府信息公开申请 28 件。"
    for key in ("opening", "overview", "overview.requests", "requests", "appeals"):
        assert len(_findings(sample_report, text, key)) == 1, key
    for key in ("proactive", "problems", "other"):
        assert _findings(sample_report, text, key) == [], key


def test_read_claims_ties_each_number_to_one_quantity() -> None:
    text = "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%。"
    claims = read_claims(text)
    assert [(c.kind, c.value) for c in claims] == [
        (Kind.RESULTS_TOTAL, 81),
        (Kind.GROUP, 42),
        (Kind.PERCENT, 51.85),
        (Kind.GROUP, 5),
        (Kind.PERCENT, 6.17),
    ]
    assert claims[1].groups == ("予以公开", "部分公开")
    assert claims[2].of == claims[1] and claims[2].decimals == 2

"""Class 1: titles as offices write them — year first, 年度, 关于…的, no 工作, over two lines, or
no year but in the 统计期限 sentence — give the report's organ and year, in every medium."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.domain.errors import UserError
from editor.domain.forms import FormVersion
from editor.importers.published import import_published
from editor.importers.published.title import find_title, year_of_period
from editor.importers.result import NoteKind
from tests.published_variants import TITLES, Style, publish, sample_report
from tests.published_variants.document import YEARLESS

TEXT_MEDIA = ["tabs", "html", "tabs-trimmed"]


@pytest.mark.parametrize("title", range(len(TITLES)))
@pytest.mark.parametrize("medium", TEXT_MEDIA)
def test_import_published_title_variants_give_organ_and_year(
    tmp_path: Path, title: int, medium: str
) -> None:
    year = 2019 + title  # 2019–2027: years of both formats
    version = FormVersion.V2021 if year >= 2021 else FormVersion.V2019
    report = sample_report(version, seed=title, zero_share=0.6)
    report.meta.year = year
    result, _expected = publish(report, Style(title=title), medium, tmp_path)
    assert result.report.meta.year == report.meta.year
    assert result.report.meta.organ == report.meta.organ
    assert result.report.tables == report.tables
    if title in YEARLESS:
        assert any("统计期限" in n.message for n in result.notes if n.kind is NoteKind.ASSUMED)


@pytest.mark.parametrize("title", [1, 5, 7, 8])
def test_import_published_title_variants_in_a_pdf(tmp_path: Path, title: int) -> None:
    report = sample_report(seed=title)
    result, _expected = publish(report, Style(title=title), "pdf-ruled", tmp_path)
    assert (result.report.meta.year, result.report.meta.organ) == (2023, report.meta.organ)


@pytest.mark.parametrize(
    ("text", "organ", "year"),
    [
        ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
        ("某某县2023年度政府信息公开工作年度报告", "某某县", 2023),
        ("某某局关于2023年政府信息公开工作的年度报告", "某某局", 2023),
        ("某某局2023年政府信息公开年度报告", "某某局", 2023),
        ("某某县人民政府办公室\n2023年政府信息公开工作年度报告", "某某县人民政府办公室", 2023),
        ("某某县人民政府办公室２０２３年政府信息公开\n工作年度报告", "某某县人民政府办公室", 2023),
        ("2019年上海市人民政府\n政府信息公开工作年度报告", "上海市人民政府", 2019),
        ("某某局政府信息公开工作年度报告（2023年）", "某某局", 2023),
        (
            "当前位置：首页 > 年报 某某区2021年度政府信息公开工作年度报告 来源：某某区",
            "某某区",
            2021,
        ),
    ],
)
def test_find_title_wordings(text: str, organ: str, year: int) -> None:
    title = find_title(text + "\n一、总体情况")
    assert (title.organ, title.year) == (organ, year)


def test_find_title_not_the_format_named_in_the_opening() -> None:
    text = (
        "本报告根据《国务院办公厅关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "编制。"
    )
    assert find_title(text).end == 0


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。", 2023),
        ("统计期限为2024年1月1日至2024年12月31日。", 2024),
        ("统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。", 2024),
        ("统计期限自2023年1月1日起至2024年6月30日止。", None),  # not one calendar year
    ],
)
def test_year_of_period(sentence: str, year: int | None) -> None:
    assert year_of_period("一些文字。" + sentence) == year


@pytest.mark.parametrize("year", [1999, 2007, 2101, 9999])
def test_import_published_year_outside_model_is_a_message(tmp_path: Path, year: int) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(f"某某县{year}年政府信息公开工作年度报告\n一、总体情况\n正文。\n", "utf-8")
    with pytest.raises(UserError) as error:
        import_published(path)
    assert f"{year} 年" in error.value.message and "2008" in error.value.message


def test_import_published_no_year_anywhere_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("某某县政府信息公开工作年度报告\n一、总体情况\n正文。\n", "utf-8")
    with pytest.raises(UserError, match="统计期限"):
        import_published(path)

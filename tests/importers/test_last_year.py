"""Starting this year's report from last year's: what carries over, what is left blank or marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.domain.checks import check_report
from editor.domain.errors import UserError
from editor.domain.forms import REQUESTS_COLUMNS, CellRef, FormVersion
from editor.domain.model import Report
from editor.domain.storage import load_report, save_report
from editor.importers.last_year import new_from_last_year
from editor.importers.result import NoteKind
from tests.conftest import SAMPLE, SHARED_SAMPLES

needs_samples = pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")


def test_new_from_last_year_sample_carries_and_marks_draft() -> None:
    last = load_report(SAMPLE)
    result = new_from_last_year(SAMPLE, 2024)
    report = result.report
    assert report.meta.year == 2024
    assert report.meta.form_version is FormVersion.V2021
    assert report.meta.organ == last.meta.organ
    assert report.meta.contact == last.meta.contact
    assert report.meta.date == ""
    # Prose copied, every copied key marked as draft until edited.
    assert report.prose == {k: v for k, v in last.prose.items() if v.strip()}
    assert sorted(report.draft_prose) == sorted(report.prose)
    # 上年结转 = last year's 结转下年度继续办理, column by column; the rest blank.
    for column in REQUESTS_COLUMNS:
        carried = report.get(CellRef("requests", "carried_in", column.key))
        assert carried == last.get(CellRef("requests", "carried_out", column.key))
    filled = {ref.row for ref, _v in report.filled_cells()}
    assert filled == {"carried_in"}
    # Last year's values kept as the reference ("上年：27").
    assert report.previous_value(CellRef("requests", "received", "total")) == 27
    assert report.previous_form is FormVersion.V2021
    assert report.flagged_cells == []


def test_new_from_last_year_cross_year_rules_run_on_kept_values() -> None:
    report = new_from_last_year(SAMPLE, 2024).report
    assert not [f for f in check_report(report) if f.rule.startswith("cross_year")]
    report.set(CellRef("requests", "carried_in", "natural"), 5)
    report.set(CellRef("proactive", "normative_docs", "in_force"), 9)
    rules = [f.rule for f in check_report(report)]
    assert "cross_year.carry_over" in rules
    assert "cross_year.in_force" in rules  # last year 4 + 0 − 0 ≠ 9


def test_new_from_last_year_later_year_required() -> None:
    with pytest.raises(UserError, match="应晚于"):
        new_from_last_year(SAMPLE, 2023)


def test_new_from_last_year_unknown_suffix_refused(tmp_path: Path) -> None:
    path = tmp_path / "last.odt"
    path.write_bytes(b"x")
    with pytest.raises(UserError, match="上年报告应为"):
        new_from_last_year(path, 2024)


@needs_samples
def test_new_from_last_year_2020_to_2021_keeps_only_same_meaning() -> None:
    result = new_from_last_year(SHARED_SAMPLES / "pingtan-2020.txt", 2021)
    report = result.report
    assert report.meta.form_version is FormVersion.V2021
    assert report.previous_form is FormVersion.V2019
    previous = report.previous or {}
    # 对外公开总数量 (2019) is not 现行有效件数 (2021), and （六）其他处理 has no 2021 row.
    assert "rules" not in previous.get("proactive", {})
    assert "other_handling" not in previous.get("requests", {})
    assert previous["requests"]["received"]["total"] == 21
    assert previous["appeals"]["review"]["total"] == 0
    kept = {CellRef(t, r, c) for t, rows in previous.items() for r, cs in rows.items() for c in cs}
    assert kept <= set(report.form.cells)
    assert any("2019 年格式" in n.message for n in result.notes)
    # In_force never chains across the formats.
    report.set(CellRef("proactive", "rules", "in_force"), 99)
    assert "cross_year.in_force" not in [f.rule for f in check_report(report)]


@needs_samples
def test_new_from_last_year_published_uncertain_cells_are_asked() -> None:
    result = new_from_last_year(SHARED_SAMPLES / "pingtan-2023.txt", 2024)
    assert result.report.prose["problems"]
    assert "problems" in result.report.draft_prose
    asks = [n for n in result.notes if n.kind is NoteKind.ASK]
    assert any("未能确定" in n.message for n in asks)
    # The unresolved 行政规范性文件 run is not a reference value.
    assert result.report.previous_value(CellRef("proactive", "normative_docs", "in_force")) is None


def test_new_from_last_year_our_xlsx(tmp_path: Path) -> None:
    from editor.exporters.xlsx import export_xlsx

    last = load_report(SAMPLE)
    workbook = tmp_path / "last.xlsx"
    export_xlsx(last, workbook)
    report = new_from_last_year(workbook, 2024).report
    assert report.meta.organ == last.meta.organ
    assert report.previous == last.tables
    assert sorted(report.draft_prose) == sorted(k for k, v in last.prose.items() if v.strip())


def _kept_and_found_copied(report: Report, last_prose: dict[str, str]) -> None:
    """Last year's prose is kept as it was, and each copied field is found as copied."""
    kept = {k: v for k, v in last_prose.items() if v.strip() and k in report.prose}
    assert report.previous_prose == kept
    copied = {f.span.prose for f in check_report(report) if f.rule == "prose.last_year" and f.span}
    assert copied == {k for k in kept if k != "opening" and len(kept[k]) >= 40}


def test_new_from_last_year_keeps_last_years_prose_from_a_report_file(tmp_path: Path) -> None:
    report = new_from_last_year(SAMPLE, 2024).report
    _kept_and_found_copied(report, load_report(SAMPLE).prose)
    # Kept in the file: saved and opened again, the copied prose is still found after an edit.
    report.prose["problems"] += "本年新增一句。"
    report.draft_prose.remove("problems")
    path = tmp_path / "2024.nianbao"
    save_report(report, path)
    again = load_report(path)
    assert again.previous_prose == report.previous_prose
    assert any(f.span and f.span.prose == "problems" for f in check_report(again))


def test_new_from_last_year_keeps_last_years_prose_from_our_xlsx(tmp_path: Path) -> None:
    from editor.exporters.xlsx import export_xlsx

    workbook = tmp_path / "last.xlsx"
    export_xlsx(load_report(SAMPLE), workbook)
    report = new_from_last_year(workbook, 2024).report
    _kept_and_found_copied(report, load_report(SAMPLE).prose)
    # A started report exported and imported again keeps last year's prose too.
    again_path = tmp_path / "2024.xlsx"
    export_xlsx(report, again_path)
    from editor.importers.xlsx import import_xlsx

    assert import_xlsx(again_path).report.previous_prose == report.previous_prose


@needs_samples
def test_new_from_last_year_keeps_last_years_prose_from_a_published_report() -> None:
    from editor.importers.published import import_published

    source = SHARED_SAMPLES / "pingtan-2023.txt"
    report = new_from_last_year(source, 2024).report
    _kept_and_found_copied(report, import_published(source).report.prose)

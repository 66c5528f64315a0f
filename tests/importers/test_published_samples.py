"""Importing the real published reports in ../shared/samples, compared with the source."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.domain.checks import check_report
from editor.domain.forms import FORM_2021, CellRef, FormVersion, ValueKind
from editor.domain.storage import load_report, save_report
from editor.importers.published import import_published
from editor.importers.published.digits import split_run
from editor.importers.result import ImportResult, NoteKind
from tests.conftest import SAMPLE, SHARED_SAMPLES

pytestmark = pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")

PINGTAN_YEARS = range(2019, 2026)
_CACHE: dict[str, ImportResult] = {}


def imported(name: str) -> ImportResult:
    """Each sample is imported once per test run (the PDF takes about half a second)."""
    if name not in _CACHE:
        _CACHE[name] = import_published(SHARED_SAMPLES / name)
    return _CACHE[name]


def all_samples() -> list[str]:
    suffixes = {".txt", ".pdf", ".html", ".docx"}
    if not SHARED_SAMPLES.is_dir():
        return []
    return sorted(p.name for p in SHARED_SAMPLES.iterdir() if p.suffix in suffixes)


@pytest.mark.parametrize("name", all_samples())
def test_import_published_every_sample_imports(name: str) -> None:
    result = imported(name)
    report = result.report
    assert report.meta.year == int(re.findall(r"\d{4}", name)[0])
    assert report.meta.organ
    assert all(key in report.prose for key in ("overview", "problems", "other"))
    # Every cell is either read or flagged for the user; nothing silently missing.
    for ref in report.form.cells:
        assert report.get(ref) is not None or ref.key in report.flagged_cells, ref.key
    assert result.text().startswith(f"导入“{name}”")


def test_import_published_longting_matches_transcription_cell_by_cell() -> None:
    expected = load_report(SAMPLE)  # transcribed by hand from longting-2023.txt
    report = imported("longting-2023.txt").report
    for ref in FORM_2021.cells:
        assert report.get(ref) == expected.get(ref), ref.key
    assert report.meta.organ == expected.meta.organ
    assert report.flagged_cells == []
    for key in ("overview.proactive", "overview.requests", "problems", "other"):
        assert report.prose[key] == expected.prose[key]


def _trailing_numbers(line: str) -> int:
    tokens = line.split()
    count = 0
    while count < len(tokens) and tokens[-1 - count].isdigit():
        count += 1
    return count


def _huaian_numbers_from_txt() -> dict[CellRef, float]:
    """The numbers straight from the aligned columns of huaian-2024.txt, by line shape only."""
    lines = (SHARED_SAMPLES / "huaian-2024.txt").read_text(encoding="utf-8").splitlines()
    out: dict[CellRef, float] = {}
    proactive = FORM_2021.table("proactive")
    for row in proactive.rows:
        for line in lines:
            m = re.fullmatch(rf"\s*{row.label}\s+([\d.\s]+)", line)
            if m:
                block = next(b for b in proactive.blocks if row.key in b.rows)
                numbers = m[1].split()
                assert len(numbers) == len(block.columns)
                for key, number in zip(block.columns, numbers, strict=True):
                    out[CellRef("proactive", row.key, key)] = float(number)
    seven = [line.split()[-7:] for line in lines if _trailing_numbers(line) == 7]
    requests = FORM_2021.table("requests")
    assert len(seven) == len(requests.rows)
    for request_row, numbers in zip(requests.rows, seven, strict=True):
        for column, number in zip(requests.columns, numbers, strict=True):
            out[CellRef("requests", request_row.key, column.key)] = float(number)
    strip = [line.split() for line in lines if re.fullmatch(r"\s*(\d+\s+){14}\d+\s*", line)]
    assert len(strip) == 1
    appeals = FORM_2021.table("appeals")
    for ref, number in zip(appeals.cells, strip[0], strict=True):
        out[ref] = float(number)
    return out


@pytest.mark.parametrize("name", ["huaian-2024.txt", "huaian-2024.pdf"])
def test_import_published_huaian_matches_source_cell_by_cell(name: str) -> None:
    expected = _huaian_numbers_from_txt()
    report = imported(name).report
    assert set(expected) == set(FORM_2021.cells)
    for ref, number in expected.items():
        assert report.get(ref) == number, ref.key
    assert report.flagged_cells == []
    assert imported(name).findings == []  # a clean control: no label deviates


def test_import_published_huaian_pdf_and_txt_agree() -> None:
    pdf, txt = imported("huaian-2024.pdf").report, imported("huaian-2024.txt").report
    assert pdf.tables == txt.tables
    assert pdf.meta.organ == txt.meta.organ == "淮安市人民政府"
    assert set(pdf.prose) == set(txt.prose)
    for key in pdf.prose:
        # pdftotext keeps spaces around numbers ("2024 年") that the PDF's text has not.
        assert "".join(pdf.prose[key].split()) == "".join(txt.prose[key].split()), key
    assert "电话：0517-83605210" in pdf.meta.contact


def _source_runs(name: str) -> str:
    return "".join((SHARED_SAMPLES / name).read_text(encoding="utf-8").split())


@pytest.mark.parametrize("year", PINGTAN_YEARS)
def test_import_published_pingtan_splits_agree_with_source(year: int) -> None:
    """Every row read from a run: its digits, in order, are the run in the source, and every
    sum within the row holds."""
    name = f"pingtan-{year}.txt"
    report = imported(name).report
    source = _source_runs(name)
    table = report.form.table("requests")
    for row in table.rows:
        values = [report.get(CellRef("requests", row.key, c.key)) for c in table.columns]
        if any(v is None for v in values):
            continue
        digits = "".join(str(v) for v in values)
        assert digits in source, (row.key, values)
        assert sum(values[:6]) == values[6]  # type: ignore[arg-type]
    appeals = [report.get(ref) for ref in report.form.table("appeals").cells]
    assert "".join(str(v) for v in appeals) in source


@pytest.mark.parametrize("year", range(2021, 2026))
def test_import_published_pingtan_ambiguous_runs_are_asked_not_guessed(year: int) -> None:
    result = imported(f"pingtan-{year}.txt")
    refs = [CellRef("proactive", "normative_docs", c) for c in ("issued", "repealed", "in_force")]
    for ref in refs:
        assert result.report.get(ref) is None
        assert ref.key in result.report.flagged_cells
    asks = [n for n in result.notes if n.kind is NoteKind.ASK and set(refs) <= set(n.cells)]
    assert len(asks) == 1
    assert "行政规范性文件" in asks[0].message and "种拆法" in asks[0].message


def test_import_published_pingtan_column_totals_decide_between_row_splits() -> None:
    result = imported("pingtan-2021.txt")
    row = [
        result.report.get(CellRef("requests", "disclosed", c.key))
        for c in FORM_2021.table("requests").columns
    ]
    assert row == [27, 0, 0, 2, 0, 1, 30]
    assert any("符合各栏合计" in n.message for n in result.notes if n.kind is NoteKind.ASSUMED)


def test_import_published_pingtan_broken_totals_leave_runs_undecided(tmp_path: Path) -> None:
    # A copy of 2023 whose （七）总计 no longer fits its rows: 予以公开 "220000022" (22 or 2,20)
    # can then be decided by nothing, and must be asked.
    text = (SHARED_SAMPLES / "pingtan-2023.txt").read_text(encoding="utf-8")
    text = text.replace("（七）总计801000081", "（七）总计811000082")
    source = tmp_path / "pingtan-2023-broken.txt"
    source.write_text(text, encoding="utf-8")
    result = import_published(source)
    refs = [CellRef("requests", "disclosed", c.key) for c in FORM_2021.table("requests").columns]
    assert all(result.report.get(r) is None for r in refs)
    assert all(r.key in result.report.flagged_cells for r in refs)
    ask = next(n for n in result.notes if n.kind is NoteKind.ASK and refs[0] in n.cells)
    assert "22、0、0、0、0、0、22" in ask.message and "2、20、0、0、0、0、22" in ask.message


def test_import_published_pingtan_title_typo_is_label_variant() -> None:
    findings = imported("pingtan-2022.txt").findings
    assert [f.rule for f in findings] == ["label.variant"]
    assert "行政法复议" in findings[0].message
    assert "行政复议、行政诉讼" in str(findings[0].expected)


def test_import_published_row_label_typo_is_label_variant(tmp_path: Path) -> None:
    text = (SHARED_SAMPLES / "longting-2023.txt").read_text(encoding="utf-8")
    source = tmp_path / "typo.txt"
    source.write_text(text.replace("2. 其他法律行政法规禁止公开", "2. 其他法律行政止公开"), "utf-8")
    result = import_published(source)
    variant = [f for f in result.findings if f.rule == "label.variant"]
    assert len(variant) == 1
    assert "其他法律行政止公开" in variant[0].message
    assert CellRef("requests", "withheld_prohibited", "total") in variant[0].cells
    assert result.report.tables == load_report(SAMPLE).tables


def _import_cli(year: int, folder: Path) -> Path:
    out = folder / f"pingtan-{year}.nianbao"
    assert main(["import", str(SHARED_SAMPLES / f"pingtan-{year}.txt"), "-o", str(out)]) == 0
    return out


def _check_rules(path: Path, previous: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    main(["check", str(path), "--previous", str(previous), "--json"])
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    return [f["rule"] for f in record["findings"] if f["rule"] != "value.blank"]


def test_check_previous_pingtan_series_reports_known_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {year: _import_cli(year, tmp_path) for year in PINGTAN_YEARS}
    rules = {y: _check_rules(files[y], files[y - 1], capsys) for y in range(2020, 2026)}
    # 2020: （七）总计 does not equal its rows (自然人 and 总计 columns).
    assert rules[2020].count("requests.results_sum") == 2
    # The carry-over chains every year in this series.
    assert all("cross_year.carry_over" not in r for r in rules.values())
    assert load_report(files[2020]).meta.form_version is FormVersion.V2019


def test_check_previous_pingtan_in_force_break_once_clerk_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """现行有效件数 is in the ambiguous runs: whichever split the clerk confirms for 2023, it
    does not chain from 2022's 698 (which the 2022 report's text also states)."""
    files = {year: _import_cli(year, tmp_path) for year in (2022, 2023)}
    last = load_report(files[2022])
    refs = [CellRef("proactive", "normative_docs", c) for c in ("issued", "repealed", "in_force")]
    last.set_values(dict(zip(refs, (88, 55, 698), strict=True)))
    save_report(last, files[2022])
    ask = next(n for n in imported("pingtan-2023.txt").notes if refs[0] in n.cells)
    assert "77132470" in ask.message
    candidates = split_run(["77132470"], [ValueKind.COUNT] * 3).candidates
    assert len(candidates) == int(re.findall(r"有 (\d+) 种拆法", ask.message)[0])
    this = load_report(files[2023])
    this.flagged_cells = []  # the clerk's decision confirms the cells (until then: 待确认)
    for candidate in candidates:
        this.set_values(dict(zip(refs, candidate, strict=True)))
        rules = [f.rule for f in check_report(this, last)]
        assert "cross_year.in_force" in rules, candidate
    # And the same check through the command line, for one decision.
    save_report(this, files[2023])
    assert "cross_year.in_force" in _check_rules(files[2023], files[2022], capsys)


def test_import_cli_prints_import_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "报告.txt"
    shutil.copy(SHARED_SAMPLES / "pingtan-2023.txt", source)
    out = tmp_path / "out.nianbao"
    assert main(["import", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "[待确认]" in printed and "[已推定]" in printed and "已保存" in printed
    assert load_report(out).flagged_cells

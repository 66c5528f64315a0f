"""`text.numbers` over the published samples in ../shared/samples, read as they are.

The prose is taken from each sample's text (opening and section 一, as published); the table
numbers the rule reads were read by hand from the same text and are written out below, row by
row in the form's order, so the check compares the report against itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.domain.checks import Finding, check_report
from editor.domain.checks.text_numbers import check_text_numbers
from editor.domain.forms import FORM_2019, FORM_2021, CellRef, FormDef
from editor.domain.model import Meta, Report
from editor.domain.storage import load_report

ROOT = Path(__file__).resolve().parents[2]
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
LONGTING = ROOT / "resources" / "examples" / "longting-2023.nianbao"

# 表三 总计 column in the form's row order, "|" between 新收 结转 | （一）（二） | （三） | （四）
# | （五） | （六） | （七） 结转下年. 表四 as printed: 复议 | 直接起诉 | 复议后起诉, each 维持 纠正
# 其他 未审结 总计. `issued`: 表二 行政规范性文件 本年制发件数 (2021 format only).
SAMPLE_TABLES: dict[str, dict[str, str]] = {
    "huaian-2024": {
        "organ": "淮安市人民政府",
        "requests": "3119 34 | 1362 454 | 2 31 5 6 8 12 9 105 | 769 11 1 | 62 25 0 0 1 | 71 6 110"
        " | 3050 103",
        "appeals": "72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20",
        "issued": "8",
    },
    "pingtan-2019": {
        "requests": "23 0 | 7 1 | 0 0 0 0 0 0 0 0 | 7 0 5 | 0 3 0 0 0 | 0 | 23 0",
        "appeals": "0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0",
    },
    "pingtan-2020": {
        # As published: （七）总计 21 does not equal its rows (27); a table error, not the prose's.
        "requests": "21 0 | 7 6 | 0 0 0 0 0 0 0 0 | 4 0 3 | 0 3 0 0 0 | 4 | 21 0",
        "appeals": "0 0 0 0 0 | 0 0 0 0 0 | 0 0 0 0 0",
    },
    "pingtan-2021": {
        "requests": "70 0 | 30 5 | 0 0 0 0 1 0 6 1 | 25 0 0 | 0 0 0 0 0 | 0 0 1 | 69 1",
        "appeals": "1 0 2 0 3 | 12 0 0 0 12 | 0 0 0 0 0",
        "issued": "69",
    },
    "pingtan-2022": {
        "requests": "74 1 | 21 9 | 0 0 0 0 1 2 1 0 | 37 0 0 | 0 0 0 0 0 | 2 0 2 | 75 0",
        "appeals": "0 1 1 0 2 | 1 0 0 0 1 | 0 0 0 0 0",
        "issued": "88",
    },
    "pingtan-2023": {
        "requests": "81 0 | 22 20 | 0 0 0 1 0 1 1 2 | 31 0 0 | 0 1 0 0 0 | 1 0 1 | 81 0",
        "appeals": "1 1 0 0 2 | 4 0 0 1 5 | 1 0 1 0 2",
        "issued": "77",
    },
    "pingtan-2024": {
        "requests": "218 0 | 71 29 | 4 0 0 3 32 0 0 0 | 75 0 0 | 0 1 0 0 0 | 1 0 2 | 218 0",
        "appeals": "2 1 3 1 7 | 0 0 0 0 0 | 13 2 4 0 19",
        "issued": "62",
    },
    "pingtan-2025": {
        "requests": "154 0 | 33 38 | 0 0 0 0 3 2 3 3 | 50 3 0 | 2 0 0 0 0 | 8 2 1 | 148 6",
        "appeals": "25 3 8 0 36 | 3 3 0 0 6 | 3 0 0 0 3",
        "issued": "58",
    },
}
PINGTAN_ORGAN = "平潭综合实验区管委会"
_PAGE_NUMBER = re.compile(r"^\s*[-—]\s*\d+\s*[-—]\s*$")


def sample_text(name: str) -> str:
    """The sample's body as one string: header lines and page numbers dropped, lines joined."""
    lines = (SHARED_SAMPLES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    body = [ln.strip() for ln in lines if not ln.startswith("# ") and not _PAGE_NUMBER.match(ln)]
    return "".join(body)


def _between(text: str, start: str, end: str, after: int = 0) -> tuple[str, int]:
    a = text.index(start, after)
    b = text.index(end, a)
    return text[a + len(start) : b], b


def build_sample(name: str) -> Report:
    """A report holding the sample's opening and section 一 prose and its table numbers."""
    spec = SAMPLE_TABLES[name]
    year = int(name.rsplit("-", 1)[1])
    form: FormDef = FORM_2021 if year >= 2021 else FORM_2019
    text = sample_text(name)
    head = "一、总体情况"
    opening = text[: text.index(head)]
    overview, _ = _between(text, head, "二、主动公开政府信息情况")
    organ = spec.get("organ", PINGTAN_ORGAN)
    report = Report(
        meta=Meta(organ=organ, year=year, form_version=form.version),
        prose={"opening": opening, "overview": overview},
    )
    rows = form.table("requests").rows
    for row, value in zip(rows, _numbers(spec["requests"]), strict=True):
        report.set(CellRef("requests", row.key, "total"), value)
    for ref, value in zip(form.table("appeals").cells, _numbers(spec["appeals"]), strict=True):
        report.set(ref, value)
    if "issued" in spec:
        report.set(CellRef("proactive", "normative_docs", "issued"), int(spec["issued"]))
    return report


def _numbers(printed: str) -> list[int]:
    return [int(n) for n in printed.replace("|", " ").split()]


def all_samples() -> dict[str, Report]:
    reports = {"longting-2023": load_report(LONGTING)}
    reports.update({name: build_sample(name) for name in SAMPLE_TABLES})
    return reports


def text_findings(report: Report) -> list[Finding]:
    return list(check_text_numbers(report, report.form))


needs_samples = pytest.mark.skipif(
    not SHARED_SAMPLES.is_dir(), reason="../shared/samples is not on this machine"
)


@needs_samples
@pytest.mark.parametrize("name", ["longting-2023", "huaian-2024"])
def test_text_numbers_consistent_samples_raise_nothing(name: str) -> None:
    report = all_samples()[name]
    assert text_findings(report) == []
    assert [f for f in check_report(report) if f.rule == "text.numbers"] == []


@needs_samples
@pytest.mark.parametrize("name", sorted(SAMPLE_TABLES))
def test_text_numbers_sample_tables_read_by_hand_hold_their_sums(name: str) -> None:
    # Guards the transcription above: the totals add up as the published tables do.
    report = build_sample(name)
    sums = ("requests.results_sum", "requests.balance", "appeals.total")
    broken = [f.rule for f in check_report(report) if f.rule in sums]
    assert broken == (["requests.results_sum"] if name == "pingtan-2020" else [])


@needs_samples
def test_text_numbers_samples_raise_only_the_reviewed_finding() -> None:
    # Every claim in every sample agrees with its tables but one: pingtan 2022 says it received
    # 75 applications, the table's 新收 is 74 (+1 carried over). Reviewed by hand: right.
    raised = [
        (name, f.actual, f.expected, report.prose[f.span.prose][f.span.start : f.span.end])
        for name, report in all_samples().items()
        for f in text_findings(report)
        if f.span is not None
    ]
    assert [r[:3] for r in raised] == [("pingtan-2022", 75, 74)]
    assert raised[0][3].startswith("2022年，全区收到政府信息公开申请75件")


@needs_samples
def test_text_numbers_phrase_scan_shortcut_finds_what_the_full_scan_finds() -> None:
    # The phrase pattern skips positions by first character; it must not lose a phrase.
    from editor.domain.checks.text import claims

    full = re.compile("|".join(f"(?P<{n}>{rx})" for n, rx in claims._PHRASES))
    texts = [sample_text(name) for name in SAMPLE_TABLES] + [LONGTING.read_text(encoding="utf-8")]
    for text in texts:
        fast = [(m.lastgroup, m.span()) for m in claims._PHRASE.finditer(text)]
        assert fast == [(m.lastgroup, m.span()) for m in full.finditer(text)]
        assert fast  # the samples do use the phrases


@needs_samples
def test_text_numbers_over_imported_samples_matches_the_hand_read_result() -> None:
    # The same run over the published-report importer's output (its prose split into the
    # form's fields, its tables read from the digit runs): the same single finding.
    from editor.importers.published import import_published

    raised = []
    for path in sorted(SHARED_SAMPLES.glob("*.txt")):
        report = import_published(path).report
        raised += [(path.stem, f.expected, f.actual) for f in text_findings(report)]
    assert raised == [("pingtan-2022", 74, 75)]

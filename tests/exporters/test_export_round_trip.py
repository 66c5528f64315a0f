"""Our .docx and .html read back through the published-report importer as the same report: every
cell, every paragraph, organ, year, format, 落款 and date."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.domain.forms import CellRef, FormVersion, ValueKind, form_for
from editor.domain.model import Meta, Report
from editor.exporters.docx_export import export_docx
from editor.exporters.html_export import export_html
from editor.exporters.outline import paragraphs
from editor.importers.published import import_published
from tests.factories import consistent_report

EXPORTS = {".docx": export_docx, ".html": export_html}


def _round_trip(report: Report, suffix: str, folder: Path, draft: bool | None = None) -> Report:
    path = folder / f"report{suffix}"
    EXPORTS[suffix](report, path, draft)
    return import_published(path).report


def _assert_same(imported: Report, source: Report) -> None:
    meta = source.meta
    assert (imported.meta.organ, imported.meta.year) == (meta.organ, meta.year)
    assert imported.meta.form_version is meta.form_version
    # The exports print the organ as the 落款 when the report names none.
    assert imported.meta.signer == (meta.signer or meta.organ)
    assert imported.meta.date == meta.date
    assert imported.tables == source.tables
    expected = {k: "\n".join(paragraphs(v)) for k, v in source.prose.items() if paragraphs(v)}
    assert imported.prose == expected
    assert imported.flagged_cells == []


@pytest.mark.parametrize("suffix", sorted(EXPORTS))
def test_export_round_trip_of_the_sample(
    suffix: str, sample_report: Report, tmp_path: Path
) -> None:
    _assert_same(_round_trip(sample_report, suffix, tmp_path), sample_report)


@pytest.mark.parametrize("suffix", sorted(EXPORTS))
@pytest.mark.parametrize("version", list(FormVersion))
def test_export_round_trip_of_a_filled_report_marked_draft(
    suffix: str, version: FormVersion, tmp_path: Path
) -> None:
    report = consistent_report(version, seed=11)
    report.meta.signer, report.meta.date = "测试县人民政府", "2024年2月3日"
    # A broken total: the draft mark must not get in the way of reading the report back.
    total = report.form.tables[-1].sums[0].total
    report.set(total, (report.get(total) or 0) + 1)
    _assert_same(_round_trip(report, suffix, tmp_path, draft=True), report)


# ---------------------------------------------------------------- generated reports

_HAN = "政府信息公开工作报告年度我办共收到申请依法答复加强组织领导完善制度平台建设培训群众满意规范"
_SENTENCE = st.builds(
    lambda words, number: f"{words}{number}",
    st.text(_HAN, min_size=2, max_size=40),
    st.one_of(st.just(""), st.integers(0, 9999).map(lambda n: f"{n}件")),
)
_PARAGRAPH = st.builds(
    lambda lead, sentences, end: lead + "，".join(sentences) + end,
    st.sampled_from(["", "一是", "（二）加强管理。", "二、完善制度。"]),
    st.lists(_SENTENCE, min_size=1, max_size=4),
    st.sampled_from("。；"),
)
_PROSE = st.lists(_PARAGRAPH, max_size=3).map("\n".join)
_ORGAN = st.builds(
    lambda place, kind: place + kind,
    st.text("东西南北中江河山湖平安宁远", min_size=2, max_size=6),
    st.sampled_from(["人民政府办公室", "人民政府", "教育局", "市场监督管理局"]),
)
_DATE = st.one_of(
    st.just(""),
    st.builds(
        lambda y, m, d: f"{y}年{m}月{d}日",
        st.integers(2009, 2101),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
)


def _value(kind: ValueKind) -> st.SearchStrategy[int | float | None]:
    if kind is ValueKind.MONEY:
        number: st.SearchStrategy[int | float] = st.one_of(
            st.integers(0, 10**7), st.integers(0, 10**8).map(lambda n: n / 10000)
        )
    elif kind is ValueKind.SIGNED:
        number = st.integers(-(10**4), 10**4)
    else:
        number = st.integers(0, 10**6)
    return st.one_of(st.none(), number)


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    version = draw(st.sampled_from(list(FormVersion)))
    form = form_for(version)
    years = (2021, 2040) if version is FormVersion.V2021 else (2019, 2020)
    organ = draw(_ORGAN)
    report = Report(
        meta=Meta(
            organ=organ,
            year=draw(st.integers(*years)),
            form_version=version,
            signer=draw(st.sampled_from(["", organ, "某某县人民政府"])),
            date=draw(_DATE),
        )
    )
    for field in form.prose_fields:
        report.prose[field.key] = draw(_PROSE)
    for ref in form.cells:
        value = draw(_value(form.table(ref.table).kind_of(ref)))
        if value is not None:
            report.set(ref, value)
    return report


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_reports())
def test_export_round_trip_of_generated_reports(report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for suffix in sorted(EXPORTS):
            _assert_same(_round_trip(report, suffix, Path(folder)), report)


def test_export_round_trip_keeps_a_blank_apart_from_zero(tmp_path: Path) -> None:
    report = consistent_report(seed=2)
    blank = CellRef("requests", "received", "natural")
    zero = CellRef("appeals", "review", "upheld")
    report.set(blank, None)
    report.set(zero, 0)
    for suffix in sorted(EXPORTS):
        imported = _round_trip(report, suffix, tmp_path)
        assert imported.get(blank) is None and imported.get(zero) == 0


@pytest.mark.parametrize("suffix", sorted(EXPORTS))
def test_export_round_trip_keeps_table_four_blanks_in_their_columns(
    suffix: str, tmp_path: Path
) -> None:
    # 表四 has no label column: its first cells left blank must not shift the numbers left.
    report = consistent_report(seed=5)
    table = report.form.table("appeals")
    for ref in table.cells[:3]:
        report.set(ref, None)
    imported = _round_trip(report, suffix, tmp_path)
    assert imported.tables["appeals"] == report.tables["appeals"]

"""What is printed over or around a published PDF's text is not the report's text: a slanted
watermark (草稿, 样稿, a portal's stamp) and running headers and footers (页眉/页脚) import to
exactly what the same PDF without them imports to — no glyph of theirs inside a word or a cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.exporters.pdf import PdfOptions, render_pdf_bytes
from editor.importers.published import import_published
from editor.importers.result import ImportResult
from tests.published_variants import check_cells, sample_report
from tests.published_variants.document import build_document
from tests.published_variants.grid import Style
from tests.published_variants.pdf import Watermark, render_pdf


def _imported(
    tmp_path: Path,
    name: str,
    *,
    ruled: bool = True,
    watermark: Watermark | None = None,
    running: tuple[str, str] = ("", ""),
    seed: int = 3,
) -> tuple[ImportResult, Style]:
    style = Style()
    report = sample_report(seed=seed, zero_share=0.4)
    document = build_document(report, style, filler=3)  # 表三 crosses a page break
    path = tmp_path / f"{name}.pdf"
    render_pdf(document, path, ruled=ruled, narrow=False, watermark=watermark, running=running)
    result = import_published(path)
    check = check_cells(result, document.expected)
    assert check.wrong == [] and check.missing == [], name
    return result, style


def _same_import(a: ImportResult, b: ImportResult) -> None:
    assert a.report.tables == b.report.tables
    assert a.report.prose == b.report.prose
    assert a.report.meta == b.report.meta
    assert a.report.flagged_cells == b.report.flagged_cells


@pytest.mark.parametrize(
    ("mark", "ruled"),
    [
        (Watermark("草稿"), True),
        (Watermark("样稿（未定稿）", angle=30, size=48), True),
        (Watermark("内部资料 注意保存", angle=-50, size=28, tiles=3), True),
        (Watermark("政务公开专栏 2024", angle=60, size=20, tiles=4), False),
        (Watermark("征求意见稿", angle=135, size=36, tiles=2), False),
    ],
    ids=["centre-45", "30-large", "minus50-lattice", "60-lattice-plain", "135-plain"],
)
def test_import_published_pdf_watermark_is_not_read(
    tmp_path: Path, mark: Watermark, ruled: bool
) -> None:
    plain, _ = _imported(tmp_path, "plain", ruled=ruled)
    marked, _ = _imported(tmp_path, "marked", ruled=ruled, watermark=mark)
    _same_import(marked, plain)


@pytest.mark.parametrize(
    "running",
    [
        ("××县人民政府办公室", ""),
        ("", "内部资料 请勿外传"),
        ("2024年政府信息公开工作年度报告", "××市××局"),
    ],
    ids=["header", "footer", "both"],
)
def test_import_published_pdf_running_lines_are_not_read(
    tmp_path: Path, running: tuple[str, str]
) -> None:
    plain, _ = _imported(tmp_path, "plain", seed=5)
    framed, _ = _imported(tmp_path, "framed", seed=5, running=running)
    _same_import(framed, plain)


def test_import_own_draft_pdf_reads_as_the_final_one(tmp_path: Path) -> None:
    """Our own PDF of a report with errors carries 草稿（未通过校验） at the top of every page and a
    slanted mark across it: imported, it is the report the final PDF gives."""
    report = sample_report(seed=9)
    total = CellRef("requests", "results_total", "natural")
    report.set(total, (report.get(total) or 0) + 3)
    assert any(f.is_error for f in check_report(report))
    results = []
    for draft in (True, False):
        path = tmp_path / f"draft-{draft}.pdf"
        path.write_bytes(render_pdf_bytes(report, PdfOptions(draft=draft)))
        results.append(import_published(path))
    _same_import(*results)
    assert results[0].report.get(total) == report.get(total)

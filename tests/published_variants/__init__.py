"""Published-looking copies of the project's own reports, for testing the published importer.

From one report (tests.factories.consistent_report, or the sample) and a Style, `render` writes
what an office might publish or a reader might save: a PDF laid out several ways, a web page,
the web page copied to TAB-separated text, `pdftotext -layout` text, or a crawl with every cell
run together. The Document's `expected` says what each printed cell lets a reader know, so a
test can hold the importer to: every cell read as printed, or flagged — never a wrong number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import Report
from editor.importers.published import import_published
from editor.importers.result import ImportResult, NoteKind
from tests.factories import consistent_report
from tests.published_variants.document import TITLES, build_document
from tests.published_variants.grid import Expected, Style
from tests.published_variants.pdf import render_pdf
from tests.published_variants.text import has_pdftotext, render_crawl, render_layout
from tests.published_variants.web import render_html, render_tabs

__all__ = [
    "MEDIA",
    "TITLES",
    "Expected",
    "Medium",
    "Style",
    "assumed_cells",
    "available",
    "check_cells",
    "publish",
    "render",
    "sample_report",
]


@dataclass(frozen=True)
class Medium:
    name: str
    suffix: str
    pdftotext: bool = False  # needs poppler's pdftotext


MEDIA: dict[str, Medium] = {
    m.name: m
    for m in (
        Medium("pdf-ruled", ".pdf"),
        Medium("pdf-ruled-wrapped", ".pdf"),  # narrow label columns: labels on two lines
        Medium("pdf-plain", ".pdf"),  # no ruling lines: the table is read as text lines
        Medium("pdf-plain-wrapped", ".pdf"),
        Medium("html", ".html"),
        Medium("html-wrapped", ".html"),  # <br> inside labels, &nbsp; in empty cells
        Medium("tabs", ".txt"),  # a web page copied to text
        Medium("tabs-spans", ".txt"),  # a merged cell followed by empty fields
        Medium("tabs-trimmed", ".txt"),  # trailing TABs trimmed
        Medium("layout", ".txt", pdftotext=True),  # pdftotext -layout of the ruled PDF
        Medium("layout-plain", ".txt", pdftotext=True),
        Medium("crawl", ".txt"),  # every cell run together
    )
}


def available(names: list[str] | None = None) -> list[str]:
    """Media that can be made on this machine (pdftotext may be missing)."""
    return [n for n in (names or list(MEDIA)) if not MEDIA[n].pdftotext or has_pdftotext()]


def render(
    report: Report, style: Style, medium: str, folder: Path, *, broken_table: bool = False
) -> tuple[Path, Expected]:
    """Writes `report` published as `medium` into `folder`; returns the file and what it shows.

    `broken_table`: enough text before 表三 that a PDF breaks it across a page."""
    if medium == "crawl" and style.zeros != "0":
        raise ValueError("a crawl runs cells together: empty zero cells would leave no trace")
    if style.other_as_one_row and report.meta.form_version is not FormVersion.V2021:
        raise ValueError("（六）其他处理 has items only in the 2021 form")
    document = build_document(report, style, filler=3 if broken_table else 0)
    path = folder / f"{medium}{MEDIA[medium].suffix}"
    if medium.startswith("pdf") or medium.startswith("layout"):
        ruled = medium in ("pdf-ruled", "pdf-ruled-wrapped", "layout")
        pdf = path if medium.startswith("pdf") else folder / f"{medium}-source.pdf"
        wrapped = medium.endswith("wrapped")
        render_pdf(document, pdf, ruled=ruled, narrow=wrapped, broken=broken_table)
        if medium.startswith("layout"):
            render_layout(pdf, path)
    elif medium.startswith("html"):
        wrapped = medium == "html-wrapped"
        render_html(document, path, wrap_labels=wrapped, nbsp=wrapped)
    elif medium.startswith("tabs"):
        render_tabs(
            document, path, span_fields=medium == "tabs-spans", trim=medium == "tabs-trimmed"
        )
    else:
        render_crawl(document, path)
    return path, document.expected


def sample_report(version: FormVersion = FormVersion.V2021, seed: int = 1, **kw: object) -> Report:
    """A consistent report with mostly zeros (as published reports are), 落款 and a contact."""
    report = consistent_report(version, seed, **kw)  # type: ignore[arg-type]
    report.meta.signer = report.meta.organ
    report.meta.date = f"{report.meta.year + 1}年1月20日"
    report.prose["opening"] = "本报告依据条例编制。联系电话：0371-12345678。"
    return report


def publish(
    report: Report, style: Style, medium: str, folder: Path, *, broken_table: bool = False
) -> tuple[ImportResult, Expected]:
    """Renders and imports back."""
    path, expected = render(report, style, medium, folder, broken_table=broken_table)
    return import_published(path), expected


def assumed_cells(result: ImportResult) -> set[CellRef]:
    """Cells some 已推定 note of the import report names."""
    return {c for n in result.notes if n.kind is NoteKind.ASSUMED for c in n.cells}


@dataclass
class CellCheck:
    wrong: list[tuple[CellRef, object, object]]  # (cell, imported, expected): never allowed
    missing: list[CellRef]  # blank and not flagged, though the source prints a number
    flagged: list[CellRef]  # left for the clerk (allowed; some tests want none)


def check_cells(result: ImportResult, expected: Expected) -> CellCheck:
    """Compares the import with what the source shows, cell by cell."""
    report = result.report
    flagged = set(report.flagged_cells)
    check = CellCheck([], [], [])
    for ref in report.form.cells:
        got = report.get(ref)
        if ref.key in flagged:
            check.flagged.append(ref)
            if got is not None and got != expected.values.get(ref):
                check.wrong.append((ref, got, expected.values.get(ref)))
            continue
        if ref in expected.unknowable:
            if got is not None:
                check.wrong.append((ref, got, "unknowable"))
            else:
                check.missing.append(ref)
            continue
        want = expected.values[ref]
        if got != want:
            if got is None:
                check.missing.append(ref)
            else:
                check.wrong.append((ref, got, want))
    return check

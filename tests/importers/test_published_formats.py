"""A .docx and an .html report in the official layout, made here, import exactly; bad files not."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from docx import Document

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.domain.values import format_value
from editor.importers.published import import_published
from tests.factories import consistent_report


def _report(version: FormVersion, seed: int) -> Report:
    report = consistent_report(version, seed=seed)
    report.meta.signer = report.meta.organ
    report.meta.date = "2024年1月20日"
    report.prose["opening"] = (
        "本报告依据条例编制。联系电话：0371-12345678，电子邮箱：gk@example.cn。"
    )
    return report


def _paragraphs(report: Report, section_key: str) -> list[str]:
    section = report.form.section_by_key[section_key]
    out: list[str] = []
    for field in section.prose:
        if field.heading:
            out.append(field.heading)
        out.extend(report.prose.get(field.key, "").split("\n"))
    return [p for p in out if p]


def _cell_text(report: Report, ref: CellRef | None, text: str) -> str:
    return format_value(report.get(ref)) if ref is not None else text


def write_html(report: Report, path: Path) -> None:
    parts = [f"<html><head><meta charset='utf-8'><title>{report.title}</title></head><body>"]
    parts.append(f"<h1>{html.escape(report.title)}</h1>")
    parts.append(f"<p>{html.escape(report.prose['opening'])}</p>")
    for section in report.form.sections:
        parts.append(f"<h2>{section.title}</h2>")
        parts += [f"<p>{html.escape(p)}</p>" for p in _paragraphs(report, section.key)]
        if section.table:
            layout = table_layout(report.form.table(section.table))
            parts.append("<table border='1'>")
            for row in range(layout.row_count):
                parts.append("<tr>")
                for cell in sorted(
                    (c for c in layout.cells if c.row == row), key=lambda c: c.column
                ):
                    text = _cell_text(report, cell.ref, cell.text)
                    parts.append(
                        f"<td rowspan='{cell.row_span}' colspan='{cell.column_span}'>"
                        f"{html.escape(text)}</td>"
                    )
                parts.append("</tr>")
            parts.append("</table>")
    parts.append(f"<p style='text-align:right'>{report.meta.signer}</p>")
    parts.append(f"<p style='text-align:right'>{report.meta.date}</p></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_docx(report: Report, path: Path) -> None:
    document = Document()
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.prose["opening"])
    for section in report.form.sections:
        document.add_heading(section.title, level=2)
        for paragraph in _paragraphs(report, section.key):
            document.add_paragraph(paragraph)
        if section.table:
            layout = table_layout(report.form.table(section.table))
            table = document.add_table(rows=layout.row_count, cols=layout.column_count)
            for cell in layout.cells:
                target = table.cell(cell.row, cell.column)
                if cell.row_span > 1 or cell.column_span > 1:
                    target = target.merge(
                        table.cell(cell.row + cell.row_span - 1, cell.column + cell.column_span - 1)
                    )
                target.text = _cell_text(report, cell.ref, cell.text)
    document.add_paragraph(report.meta.signer)
    document.add_paragraph(report.meta.date)
    document.save(str(path))


def _assert_same(imported: Report, source: Report) -> None:
    assert imported.meta.organ == source.meta.organ
    assert imported.meta.year == source.meta.year
    assert imported.meta.form_version is source.meta.form_version
    assert imported.meta.signer == source.meta.signer
    assert imported.meta.date == source.meta.date
    assert imported.tables == source.tables
    assert imported.prose == source.prose
    assert imported.flagged_cells == []


@pytest.mark.parametrize("version", [FormVersion.V2021, FormVersion.V2019])
def test_import_published_docx_official_layout_exact(tmp_path: Path, version: FormVersion) -> None:
    source = _report(version, seed=3)
    path = tmp_path / "report.docx"
    write_docx(source, path)
    result = import_published(path)
    _assert_same(result.report, source)
    assert result.findings == []
    assert "电话：0371-12345678" in result.report.meta.contact


@pytest.mark.parametrize("version", [FormVersion.V2021, FormVersion.V2019])
def test_import_published_html_official_layout_exact(tmp_path: Path, version: FormVersion) -> None:
    source = _report(version, seed=5)
    # A blank and a "/" are both blank; neither is 0.
    blank = source.form.table("requests").cells[3]
    source.set(blank, None)
    path = tmp_path / "report.html"
    write_html(source, path)
    result = import_published(path)
    _assert_same(result.report, source)
    assert any(blank in n.cells for n in result.notes)


def test_import_published_html_full_width_digits_and_slash(tmp_path: Path) -> None:
    source = _report(FormVersion.V2021, seed=7)
    path = tmp_path / "report.html"
    write_html(source, path)
    ref = CellRef("proactive", "rules", "issued")
    text = path.read_text(encoding="utf-8")
    value = format_value(source.get(ref))
    row_start = text.index(">规章</td>")
    cell = f">{value}</td>"
    at = text.index(cell, row_start)
    full_width = value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    path.write_text(text[:at] + f">{full_width}</td>" + text[at + len(cell) :], encoding="utf-8")
    assert import_published(path).report.get(ref) == source.get(ref)
    path.write_text(text[:at] + ">／</td>" + text[at + len(cell) :], encoding="utf-8")
    assert import_published(path).report.get(ref) is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.docx", b"PK\x03\x04 not really a zip"),
        ("x.pdf", b"%PDF-1.4 truncated"),
        ("x.txt", "随便写的一段话，没有标题。".encode()),
        ("x.html", b"<html><body><p>hello</p></body></html>"),
        ("x.txt", b""),
    ],
)
def test_import_published_bad_file_user_error(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        import_published(path)
    assert error.value.message  # a sentence for the clerk, in Chinese
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.value.message)


def test_import_published_missing_file_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到"):
        import_published(tmp_path / "nope.pdf")


def test_import_published_table_roles_cover_layout() -> None:
    # The writers above rely on every value cell having a ref and nothing else having one.
    report = _report(FormVersion.V2021, seed=1)
    for table in report.form.tables:
        cells = table_layout(table).cells
        assert all((c.ref is not None) == (c.role is CellRole.VALUE) for c in cells)

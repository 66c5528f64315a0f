"""A collecting office's folder, made here: each format a department may send, clean and broken,
one damaged file and one file that is not a report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document

from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import table_layout
from editor.domain.model import Report
from editor.domain.storage import save_report
from editor.domain.values import format_value
from editor.exporters.pdf import PdfOptions, export_pdf
from editor.exporters.xlsx import export_xlsx
from tests.factories import consistent_report
from tests.importers.test_published_formats import write_html
from tests.importers.test_xlsx_foreign import _template as write_foreign_xlsx

# A broken 表三 total: requests.results_sum, requests.row_total and requests.balance all break.
BROKEN_CELL = CellRef("requests", "results_total", "natural")
BROKEN_ERRORS = 3
DAMAGED = "damaged.pdf"


def department(seed: int, organ: str, *, broken: bool = False) -> Report:
    report = consistent_report(FormVersion.V2021, seed=seed)
    report.meta.organ = report.meta.signer = organ
    report.meta.date = "2024年1月20日"
    report.prose["opening"] = "本报告依据《中华人民共和国政府信息公开条例》编制。"
    if broken:
        report.set(BROKEN_CELL, (report.get(BROKEN_CELL) or 0) + 5)
    return report


def write_txt(report: Report, path: Path) -> None:
    """A published report as plain text: headings, paragraphs, table rows tab-separated."""
    lines = [report.title, report.prose["opening"]]
    for section in report.form.sections:
        lines.append(section.title)
        for field in section.prose:
            if field.heading:
                lines.append(field.heading)
            lines += [p for p in report.prose.get(field.key, "").split("\n") if p]
        if section.table:
            layout = table_layout(report.form.table(section.table))
            for row in range(layout.row_count):
                cells = sorted((c for c in layout.cells if c.row == row), key=lambda c: c.column)
                texts = [format_value(report.get(c.ref)) if c.ref else c.text for c in cells]
                lines.append("\t".join(t or "/" for t in texts))
    lines += [report.meta.signer, report.meta.date]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_docx(report: Report, path: Path) -> None:
    """A published report as a Word document, tables with the form's merged cells. (Cells are
    fetched once: python-docx's table.cell() walks the whole table, too slow cell by cell.)"""
    document = Document()
    document.add_heading(report.title, level=1)
    document.add_paragraph(report.prose["opening"])
    for section in report.form.sections:
        document.add_heading(section.title, level=2)
        for field in section.prose:
            if field.heading:
                document.add_paragraph(field.heading)
            for paragraph in report.prose.get(field.key, "").split("\n"):
                if paragraph:
                    document.add_paragraph(paragraph)
        if not section.table:
            continue
        layout = table_layout(report.form.table(section.table))
        table = document.add_table(rows=layout.row_count, cols=layout.column_count)
        # Merged regions never overlap, so the cells fetched before merging stay valid.
        grid = [table.rows[r].cells for r in range(layout.row_count)]
        for cell in layout.cells:
            anchor = grid[cell.row][cell.column]
            if cell.row_span > 1 or cell.column_span > 1:
                last = grid[cell.row + cell.row_span - 1][cell.column + cell.column_span - 1]
                anchor = anchor.merge(last)
            anchor.text = format_value(report.get(cell.ref)) if cell.ref else cell.text
    document.add_paragraph(report.meta.signer)
    document.add_paragraph(report.meta.date)
    document.save(str(path))


def _pdf(report: Report, path: Path) -> None:
    # Without the 草稿 mark: the published-report reader does not yet see past it (it reads a
    # marked PDF with dozens of cells to confirm), and a department sends the final copy.
    export_pdf(report, path, PdfOptions(draft=False))


def _foreign(report: Report, path: Path) -> None:
    write_foreign_xlsx(path, report)


WRITERS = {
    ".nianbao": save_report,
    ".xlsx": export_xlsx,
    ".pdf": _pdf,
    ".docx": write_docx,
    ".html": write_html,
    ".txt": write_txt,
}


@dataclass(frozen=True)
class Pile:
    folder: Path
    clean: list[str]  # file names, relative to the folder
    broken: list[str]
    damaged: str
    reports: dict[str, Report]  # file name → the report written into it

    @property
    def organs(self) -> dict[str, str]:
        return {name: report.meta.organ for name, report in self.reports.items()}


def make_pile(folder: Path) -> Pile:
    """Every format clean and broken (in a subfolder for some), a foreign workbook, a damaged
    PDF, and a photo that is not a report."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "各乡镇").mkdir(exist_ok=True)
    clean: list[str] = []
    broken: list[str] = []
    reports: dict[str, Report] = {}
    for i, (suffix, write) in enumerate(WRITERS.items()):
        where = "各乡镇/" if i % 2 else ""
        for is_broken in (False, True):
            name = f"{where}{'broken' if is_broken else 'clean'}{suffix}"
            organ = f"测试县{'错' if is_broken else '好'}{suffix.lstrip('.')}局"
            reports[name] = department(10 + 2 * i + is_broken, organ, broken=is_broken)
            write(reports[name], folder / name)
            (broken if is_broken else clean).append(name)
    reports["foreign.xlsx"] = department(40, "测试县人民政府办公室")
    write_foreign_xlsx(folder / "foreign.xlsx", reports["foreign.xlsx"])
    clean.append("foreign.xlsx")
    (folder / DAMAGED).write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    (folder / "盖章页.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    return Pile(folder, clean, broken, DAMAGED, reports)

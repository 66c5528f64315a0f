"""Sound files of every format the program reads: what the hostile files and mutants start from."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from editor.domain.forms import FormVersion
from editor.domain.storage import load_report, save_report
from editor.exporters.pdf import PdfOptions, export_pdf
from editor.exporters.xlsx import export_xlsx
from tests.conftest import SAMPLE, SHARED_SAMPLES
from tests.factories import consistent_report

SUFFIXES = (".nianbao", ".xlsx", ".txt", ".html", ".docx", ".pdf")


def build_seeds(folder: Path, samples: Path = SHARED_SAMPLES) -> dict[str, Path]:
    """Writes the seeds into `folder` (once) and returns them by name; real published reports
    from `samples` join them when that folder exists."""
    from tests.importers.test_published_formats import write_docx, write_html

    folder.mkdir(parents=True, exist_ok=True)
    seeds: dict[str, Path] = {}

    def make(name: str, write: object) -> None:
        path = folder / name
        if not path.exists():
            write(path)  # type: ignore[operator]
        seeds[name] = path

    sample = load_report(SAMPLE)
    report_2019 = consistent_report(FormVersion.V2019, seed=3)
    make("sample.nianbao", lambda p: shutil.copyfile(SAMPLE, p))
    make("v2019.nianbao", lambda p: save_report(report_2019, p))
    make("own.xlsx", lambda p: export_xlsx(sample, p))
    make("own-2019.xlsx", lambda p: export_xlsx(report_2019, p))
    make("foreign.xlsx", _foreign_workbook)
    make("report.html", lambda p: write_html(_published(), p))
    make("report.docx", lambda p: write_docx(_published(), p))
    make("report.txt", lambda p: p.write_text(_as_text(_published()), encoding="utf-8"))
    make("exported.pdf", lambda p: export_pdf(sample, p, PdfOptions()))
    for sample_name in (
        "longting-2023.txt",
        "pingtan-2020.txt",
        "pingtan-2023.txt",
        "huaian-2024.pdf",
    ):
        source = samples / sample_name
        if source.exists():
            make(sample_name, lambda p, s=source: shutil.copyfile(s, p))
    return seeds


def _as_text(report) -> str:  # type: ignore[no-untyped-def]
    """A published report as a web crawl gives it: paragraphs, tables as tab-separated rows."""
    from editor.domain.layout import table_layout
    from editor.domain.values import format_value

    lines = [report.title, report.prose["opening"]]
    for section in report.form.sections:
        lines.append(section.title)
        for field in section.prose:
            lines += [field.heading, report.prose.get(field.key, "")]
        if section.table:
            layout = table_layout(report.form.table(section.table))
            for row in range(layout.row_count):
                cells = sorted((c for c in layout.cells if c.row == row), key=lambda c: c.column)
                lines.append(
                    "\t".join(format_value(report.get(c.ref)) if c.ref else c.text for c in cells)
                )
    lines += [report.meta.signer, report.meta.date]
    return "\n".join(line for line in lines if line)


def _published():  # type: ignore[no-untyped-def]
    report = consistent_report(FormVersion.V2021, seed=5)
    report.meta.signer = report.meta.organ
    report.meta.date = "2024年1月20日"
    report.prose["opening"] = "本报告依据条例编制。联系电话：0371-12345678。"
    return report


def _foreign_workbook(path: Path) -> None:
    """Our own export with its hidden marker removed: read by labels, like a workbook from WPS."""
    import openpyxl

    export_xlsx(load_report(SAMPLE), path)
    wb = openpyxl.load_workbook(path)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    del wb["_nianbao"]
    wb.save(path)


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def write_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)

"""`nianbao export REPORT -o OUT.xlsx|.pdf|.docx|.html`: write the report as Excel, PDF, Word or
a web page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.commands.failures import print_user_error
from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.domain.storage import load_report


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="导出 Excel、PDF、Word 或网页",
        description=(
            "把年报文件导出为 Excel（.xlsx）、PDF（.pdf）、Word（.docx）或网页（.html），"
            "格式由输出文件的扩展名决定。"
        ),
    )
    parser.add_argument("report", metavar="REPORT", help="年报文件（.nianbao）")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件")
    parser.add_argument(
        "--signature",
        action="store_true",
        help="PDF：加印签字栏（单位负责人、审核人、日期）并为印章留位（Word 与网页不加）",
    )
    parser.add_argument(
        "--draft",
        choices=("auto", "on", "off"),
        default="auto",
        help="PDF、Word、网页：标注“草稿（未通过校验）”；auto（默认）= 有错误时标注",
    )
    parser.set_defaults(func=run)


def _export_xlsx(report: Report, out: Path, args: argparse.Namespace) -> None:
    from editor.exporters.xlsx import export_xlsx  # openpyxl loads only when needed

    export_xlsx(report, out)


def _draft(report: Report, args: argparse.Namespace) -> bool:
    """The draft choice of --draft; with auto, a report with errors is marked and the user told."""
    from editor.exporters.draft import DRAFT_MARK, error_count

    draft = {"on": True, "off": False}.get(getattr(args, "draft", "auto"))
    if draft is None:
        errors = error_count(report)
        draft = errors > 0
        if errors:
            print(
                f"报告仍有 {errors} 处错误，已标注“{DRAFT_MARK}”；"
                "如确需去掉标注，请加 --draft off。",
                file=sys.stderr,
            )
    return draft


def _export_pdf(report: Report, out: Path, args: argparse.Namespace) -> None:
    from editor.exporters.pdf import PdfOptions, export_pdf

    draft = _draft(report, args)
    options = PdfOptions(signature=bool(getattr(args, "signature", False)), draft=draft)
    export_pdf(report, out, options)


def _export_docx(report: Report, out: Path, args: argparse.Namespace) -> None:
    from editor.exporters.docx_export import export_docx  # python-docx loads only when needed

    export_docx(report, out, _draft(report, args))


def _export_html(report: Report, out: Path, args: argparse.Namespace) -> None:
    from editor.exporters.html_export import export_html

    export_html(report, out, _draft(report, args))


EXPORTERS = {
    ".xlsx": _export_xlsx,
    ".pdf": _export_pdf,
    ".docx": _export_docx,
    ".html": _export_html,
    ".htm": _export_html,
}


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    exporter = EXPORTERS.get(out.suffix.lower())
    if exporter is None:
        print(
            f"不支持导出为“{out.suffix or out.name}”：请用 .xlsx、.pdf、.docx 或 .html。",
            file=sys.stderr,
        )
        return 2
    try:
        report = load_report(args.report)
        exporter(report, out, args)
    except UserError as e:
        print_user_error(e)
        return 2
    print(f"已导出：{out}")
    return 0

"""`nianbao export REPORT -o OUT.xlsx|OUT.pdf`: write the report as Excel or PDF."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.domain.storage import load_report


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="导出 Excel 或 PDF",
        description="把年报文件导出为 Excel（.xlsx）或 PDF（.pdf），格式由输出文件的扩展名决定。",
    )
    parser.add_argument("report", metavar="REPORT", help="年报文件（.nianbao）")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件")
    parser.set_defaults(func=run)


def _export_xlsx(report: Report, out: Path, args: argparse.Namespace) -> None:
    raise UserError("本版本尚不能导出 Excel。")


def _export_pdf(report: Report, out: Path, args: argparse.Namespace) -> None:
    raise UserError("本版本尚不能导出 PDF。")


EXPORTERS = {".xlsx": _export_xlsx, ".pdf": _export_pdf}


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    exporter = EXPORTERS.get(out.suffix.lower())
    if exporter is None:
        print(f"不支持导出为“{out.suffix or out.name}”：请用 .xlsx 或 .pdf。", file=sys.stderr)
        return 2
    try:
        report = load_report(args.report)
        exporter(report, out, args)
    except UserError as e:
        print(str(e), file=sys.stderr)
        return 2
    print(f"已导出：{out}")
    return 0

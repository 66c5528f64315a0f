"""`nianbao import IN -o OUT.nianbao`: read a workbook or a published report into a report file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.commands.failures import print_user_error
from editor.domain.errors import UserError
from editor.domain.storage import save_report
from editor.importers.result import ImportResult


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="从 Excel 或已发布的年报导入",
        description="从 Excel 工作簿（.xlsx）或已发布的年报（.txt .html .docx .pdf）导入，"
        "保存为年报文件，并列出读取了什么、推定了什么、哪些单元格待确认。",
    )
    parser.add_argument("source", metavar="IN", help="要导入的文件")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="输出的年报文件")
    parser.set_defaults(func=run)


def _import_xlsx(source: Path, args: argparse.Namespace) -> ImportResult:
    from editor.importers.xlsx import import_xlsx  # openpyxl loads only when needed

    return import_xlsx(source)


def _import_published(source: Path, args: argparse.Namespace) -> ImportResult:
    from editor.importers.published import import_published

    return import_published(source)


def _refuse_xls(source: Path, args: argparse.Namespace) -> ImportResult:
    raise UserError(
        f"“{source.name}”是旧版 Excel 文件（.xls）。请在 Excel 或 WPS 中打开它，"
        "“另存为” Excel 工作簿（.xlsx）后再导入。"
    )


IMPORTERS = {
    ".xlsx": _import_xlsx,
    ".xls": _refuse_xls,
    ".txt": _import_published,
    ".html": _import_published,
    ".htm": _import_published,
    ".docx": _import_published,
    ".pdf": _import_published,
}


def run(args: argparse.Namespace) -> int:
    source = Path(args.source)
    importer = IMPORTERS.get(source.suffix.lower())
    if importer is None:
        known = " ".join(sorted(IMPORTERS))
        print(f"不支持导入“{source.suffix or source.name}”文件：可导入 {known}。", file=sys.stderr)
        return 2
    if _same_file(source, Path(args.output)):
        print(
            f"输出文件不能是要导入的文件本身（“{source.name}”），否则原文件会被覆盖。",
            file=sys.stderr,
        )
        return 2
    try:
        result = importer(source, args)
        save_report(result.report, args.output)
    except UserError as e:
        print_user_error(e)
        return 2
    print(result.text())
    print(f"已保存：{args.output}")
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False

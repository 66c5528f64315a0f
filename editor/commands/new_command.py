"""`nianbao new --year Y [--from LAST] -o NEW.nianbao`: start a report, from last year's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.commands.failures import print_user_error
from editor.domain.errors import UserError
from editor.domain.model import MAX_YEAR, MIN_YEAR, new_report
from editor.domain.storage import FILE_SUFFIX, save_report
from editor.importers.last_year import new_from_last_year


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="新建报告（可从上年报告开始）",
        description="新建某年度的年报文件。用 --from 指定上年报告（.nianbao、.xlsx，"
        "或已发布的 .txt .html .docx .pdf）时，沿用机关、联系方式、落款和正文（标为待更新），"
        "上年结转取自上年的结转下年度继续办理，上年数值保留为参考。",
    )
    parser.add_argument("--year", required=True, type=int, metavar="Y", help="新报告的年度")
    parser.add_argument("--from", dest="last", metavar="LAST", help="上年报告")
    parser.add_argument("-o", "--output", required=True, metavar="NEW", help="新的年报文件")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() != FILE_SUFFIX:
        print(f"新报告应保存为年报文件（{FILE_SUFFIX}），而不是“{out.name}”。", file=sys.stderr)
        return 2
    if out.exists() and not args.force:
        print(f"“{out}”已存在，未覆盖（确需覆盖请加 --force）。", file=sys.stderr)
        return 2
    if not MIN_YEAR <= args.year <= MAX_YEAR:
        print(f"年度“{args.year}”不在 {MIN_YEAR}–{MAX_YEAR} 之间。", file=sys.stderr)
        return 2
    try:
        if args.last:
            result = new_from_last_year(Path(args.last), args.year)
            report = result.report
            print(result.text())
        else:
            report = new_report(args.year)
        save_report(report, out)
    except UserError as e:
        print_user_error(e)
        return 2
    print(f"已保存：{out}")
    return 0

"""`nianbao sum INPUTS... --organ NAME --year Y -o 汇总.nianbao|.xlsx`: the 汇总 of many reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.batch.sum_files import SUM_SUFFIXES, sum_findings, sum_notes, sum_reviewed, write_sum
from editor.commands.batch_common import add_jobs_option, read_all
from editor.domain.checks import SEVERITY_NAMES, summary_text
from editor.domain.model import MAX_YEAR, MIN_YEAR

EXIT_OK, EXIT_ERRORS, EXIT_REFUSED, EXIT_INTERRUPTED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sum",
        help="汇总多份报告的表格数字",
        description="把多份同一年度的年报逐格相加，得到汇总报告（.nianbao 或 .xlsx）。"
        "各报告都空白的单元格仍为空白；部分报告空白的单元格按其余报告相加，标为待确认并列出。年度或表格格式"
        "不同、无法读取、或同一机关出现两次时不汇总。汇总报告的开头列出所汇总的报告，并像其他"
        "报告一样检查。退出码：0 汇总无错误，1 汇总有错误，2 无法汇总。",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="报告文件，或包含报告的文件夹")
    parser.add_argument("--organ", required=True, metavar="NAME", help="汇总报告的机关名称")
    parser.add_argument("--year", required=True, type=int, metavar="Y", help="报告年度")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="汇总报告")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    add_jobs_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    problem = _refuse_arguments(args, out)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_REFUSED
    try:
        reviewed = read_all(args.inputs, out, args.jobs)
        if reviewed is None:
            return EXIT_REFUSED
        result = sum_reviewed(reviewed, args.organ, args.year)
        write_sum(result, out)
    except KeyboardInterrupt:
        print("\n已中断，未写入汇总。", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"汇总“{result.report.title}”：")
    for line in sum_notes(reviewed, result):
        print(f"  {line}")
    findings = sum_findings(result)
    print(f"检查汇总：{summary_text(findings)}")
    for f in findings:
        print(f"  [{SEVERITY_NAMES[f.severity]}] {f.message}  ({f.rule})")
    print(f"已保存：{out}")
    return EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_OK


def _refuse_arguments(args: argparse.Namespace, out: Path) -> str:
    if out.suffix.lower() not in SUM_SUFFIXES:
        return f"汇总应保存为年报文件（.nianbao）或 Excel 工作簿（.xlsx），而不是“{out.name}”。"
    if out.exists() and not args.force:
        return f"“{out}”已存在，未覆盖（确需覆盖请加 --force）。"
    if not MIN_YEAR <= args.year <= MAX_YEAR:
        return f"年度“{args.year}”不在 {MIN_YEAR}–{MAX_YEAR} 之间。"
    if not args.organ.strip():
        return "请用 --organ 写明汇总报告的机关名称。"
    return ""

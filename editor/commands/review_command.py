"""`nianbao review INPUTS... -o 审核结果.xlsx`: a pile of collected reports, reviewed at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from editor.batch.review import summarize
from editor.commands.batch_common import add_jobs_option, read_all

EXIT_UNREADABLE, EXIT_INTERRUPTED = 2, 130


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "review",
        help="批量审核多份报告，结果写入一个 Excel 工作簿",
        description="审核收集来的多份年报：年报文件（.nianbao）、Excel 工作簿（.xlsx）和"
        "已发布的年报（.pdf .docx .html .txt），或包含它们的文件夹（含子文件夹）。"
        "结果工作簿第一页每份报告一行（问题最多的在前），第二页列出全部问题。"
        "读取时不写入任何文件。"
        "退出码：0 无错误（可有提醒），1 有报告有错误，2 有文件无法读取。",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="报告文件，或包含报告的文件夹")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="审核结果（.xlsx）")
    add_jobs_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        print(f"审核结果应保存为 Excel 工作簿（.xlsx），而不是“{out.name}”。", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        reviewed = read_all(args.inputs, out, args.jobs)
        if reviewed is None:
            return EXIT_UNREADABLE
        from editor.batch.workbook import export_review  # openpyxl loads only when needed

        export_review(reviewed, out)
    except KeyboardInterrupt:
        print("\n已中断，未写入审核结果。", file=sys.stderr)
        return EXIT_INTERRUPTED
    summary = summarize(reviewed)
    print(f"审核 {summary.text()}")
    for item in sorted(reviewed, key=lambda f: f.worst_first()):
        if not item.readable:
            print(f"  无法读取：{item.name}：{item.problem.splitlines()[0]}")
    print(f"审核结果已保存：{out}")
    return summary.exit_code

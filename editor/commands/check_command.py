"""`nianbao check FILE... [--previous LAST] [--json]`: run the consistency checks headless."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from editor.commands.failures import print_user_error
from editor.domain.checks import SEVERITY_NAMES, Finding, check_report, summary_text
from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.domain.storage import FILE_SUFFIX, load_report

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="检查报告的勾稽关系",
        description="检查一个或多个年报文件（.nianbao）的勾稽关系。"
        "退出码：0 无错误（可有提醒），1 有错误，2 有文件无法读取。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="年报文件，或包含年报文件的文件夹")
    parser.add_argument("--previous", metavar="LAST", help="上年报告，用于跨年度检查")
    parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
    parser.set_defaults(func=run)


def expand_inputs(names: list[str]) -> Iterator[Path]:
    """Files as given; a folder stands for the report files in it, in name order."""
    for name in names:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.glob(f"*{FILE_SUFFIX}"))
        else:
            yield path


def run(args: argparse.Namespace) -> int:
    out: TextIO = sys.stdout
    previous: Report | None = None
    if args.previous:
        try:
            previous = load_report(args.previous)
        except UserError as e:
            print_user_error(e, prefix="上年报告无法读取：")
            return EXIT_UNREADABLE
    worst = EXIT_OK
    for path in expand_inputs(args.files):
        try:
            report = load_report(path)
        except UserError as e:
            worst = EXIT_UNREADABLE
            _print_unreadable(out, path, str(e), as_json=args.json)
            continue
        try:
            findings = check_report(report, previous)
        except Exception:  # a bug must not stop a batch: this file is reported, the rest checked
            worst = EXIT_UNREADABLE
            _print_unreadable(out, path, "检查时出现内部错误，此文件未能检查。", as_json=args.json)
            continue
        if any(f.is_error for f in findings) and worst == EXIT_OK:
            worst = EXIT_ERRORS
        if args.json:
            record = {"file": str(path), "findings": [f.to_json() for f in findings]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            _print_findings(out, path, findings)
    return worst


def _print_unreadable(out: TextIO, path: Path, message: str, *, as_json: bool) -> None:
    if as_json:
        record = {"file": str(path), "error": message, "findings": []}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        print(f"{path}：无法读取", file=out)
        for line in message.splitlines():
            print(f"  {line}", file=out)
        # Also on stderr, so a script that keeps only stdout's findings still sees the failure.
        print(f"{path}：{message.splitlines()[0]}", file=sys.stderr)


def _print_findings(out: TextIO, path: Path, findings: list[Finding]) -> None:
    print(f"{path}：{summary_text(findings)}", file=out)
    for f in findings:
        print(f"  [{SEVERITY_NAMES[f.severity]}] {f.message}  ({f.rule})", file=out)

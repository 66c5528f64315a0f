"""The headless command line: `nianbao check | import | export | new | review | sum`.

Each subcommand lives in its own module under `editor.commands` and registers itself here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from editor import __version__
from editor.commands import (
    check_command,
    export_command,
    import_command,
    new_command,
    review_command,
    sum_command,
)

# Every subcommand module has `register(subparsers)`, which sets `func` on its parser.
COMMANDS = [check_command, import_command, export_command, new_command, review_command, sum_command]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="政府信息公开工作年度报告编辑器（命令行）",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A Windows console may not be UTF-8; never crash on a character it cannot show.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())

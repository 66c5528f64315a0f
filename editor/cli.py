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
from editor.commands.failures import (
    EXIT_FAILED,
    print_internal_error,
    print_user_error,
    set_verbose,
)
from editor.domain.atomic_write import ignore_file_size_signal
from editor.domain.errors import UserError

# Every subcommand module has `register(subparsers)`, which sets `func` on its parser.
COMMANDS = [check_command, import_command, export_command, new_command, review_command, sum_command]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="政府信息公开工作年度报告编辑器（命令行）",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    parser.add_argument(
        "--verbose", action="store_true", help="出错时另外显示详情（程序库的原始错误信息）"
    )
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
    ignore_file_size_signal()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    set_verbose(args.verbose)
    try:
        code: int = args.func(args)
    except UserError as e:  # a subcommand that did not catch its own
        print_user_error(e)
        return EXIT_FAILED
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as e:  # a bug: one Chinese line, never a traceback (it is in --verbose)
        print_internal_error(e)
        return EXIT_FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())

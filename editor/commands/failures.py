"""How the command line reports a failure: the clerk's message in Chinese, details on request.

A UserError prints its message (and its Chinese detail lines); the library's own words, which are
usually English, are printed only with `nianbao --verbose`, under "详情". Anything else is a bug:
the last-resort handler in cli.main prints one Chinese line instead of a traceback (the traceback
with --verbose), and the run ends with exit code 2 like any other unreadable input.
"""

from __future__ import annotations

import sys
import traceback

from editor.domain.errors import UserError

EXIT_FAILED = 2

_verbose = False


def set_verbose(on: bool) -> None:
    global _verbose
    _verbose = on
    # "Exception ignored in: <generator …>" from a library cleaning up after a failure it has
    # already reported: English noise for the clerk, a detail for --verbose.
    sys.unraisablehook = sys.__unraisablehook__ if on else _ignore_unraisable


def _ignore_unraisable(unraisable: object) -> None:
    return None


def print_user_error(error: UserError, *, prefix: str = "") -> None:
    print(f"{prefix}{error}", file=sys.stderr)
    if _verbose and error.technical:
        print(f"详情：{error.technical}", file=sys.stderr)


def print_internal_error(error: BaseException) -> None:
    print(
        "年报编辑器内部错误：这次操作没有完成，也没有写入任何文件。"
        "请把所用的文件和命令发给维护人员（加 --verbose 可显示详情）。",
        file=sys.stderr,
    )
    if _verbose:
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        print(f"详情：\n{text}", file=sys.stderr)

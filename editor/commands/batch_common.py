"""What `review` and `sum` share: the --jobs option, and reading the inputs with progress on
stderr (a line kept up to date on a terminal, a line now and then in a log; quick runs print
nothing)."""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path
from typing import TextIO

from editor.batch.review import ReviewedFile

SHOW_AFTER_SECONDS = 1.0
TERMINAL_EVERY_SECONDS = 0.2
LOG_EVERY_SECONDS = 10.0
_NAME_CHARS = 40


class BatchProgress:
    def __init__(self, total: int, verb: str = "已读取", stream: TextIO | None = None) -> None:
        self.total = total
        self.verb = verb
        self.stream = stream or sys.stderr
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.shown_at = 0.0
        self.shown = False
        self.width = 0  # of the line on the terminal, to blank it out (no escape codes: old
        # Windows consoles print them)

    def update(self, done: int, name: str) -> None:
        now = time.monotonic()
        if now - self.started < SHOW_AFTER_SECONDS:
            return
        every = TERMINAL_EVERY_SECONDS if self.terminal else LOG_EVERY_SECONDS
        if self.shown and now - self.shown_at < every and done < self.total:
            return
        self.shown_at = now
        self.shown = True
        if len(name) > _NAME_CHARS:
            name = "…" + name[-_NAME_CHARS:]
        line = f"{self.verb} {done}/{self.total}：{name}"
        if self.terminal:
            width = _width(line)
            self.stream.write("\r" + line + " " * max(self.width - width, 0))
            self.width = width
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.shown and self.terminal:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="同时读取的进程数（默认：处理器核数；文件少时只用一个）",
    )


def read_all(names: list[str], out: Path, jobs: int | None) -> list[ReviewedFile] | None:
    """Every input file reviewed, with progress on stderr; None when there is nothing to read."""
    # Imported here: `nianbao check` loads every command module and needs none of this.
    from editor.batch.inputs import collect_inputs
    from editor.batch.pool import iter_reviews

    inputs = collect_inputs(names, exclude=[out])
    if inputs.skipped:
        print(f"文件夹中有 {inputs.skipped} 个其他文件（不是报告），已跳过。", file=sys.stderr)
    if not inputs.files:
        print("没有找到可读取的报告文件。", file=sys.stderr)
        return None
    progress = BatchProgress(len(inputs.files))
    reviewed: list[ReviewedFile] = []
    try:
        for item in iter_reviews(inputs.files, jobs):
            reviewed.append(item)
            progress.update(len(reviewed), item.name)
    finally:
        progress.finish()
    return reviewed

"""Composition root for the GUI (filled in by the editor-window work)."""

from __future__ import annotations

import sys


def main() -> int:
    print("图形界面尚未完成；请使用命令行：nianbao --help", file=sys.stderr)
    return 2

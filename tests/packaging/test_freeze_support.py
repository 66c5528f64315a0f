"""Every frozen entry point lets a `review` worker process stop before the program starts.

A spawned worker of a frozen program runs the program's own executable; without
multiprocessing.freeze_support() first, it would start the command line or open a window
(editor/batch/pool.py). Checked in the source: the behaviour needs a frozen build.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _first_line_of(tree: ast.Module, match: str) -> int:
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and match in ast.unparse(node) and node.lineno:
            return node.lineno
    raise AssertionError(f"no statement with {match!r}")


@pytest.mark.parametrize("entry", ["entry.py", "entry_cli.py", "entry_gui.py"])
def test_frozen_entry_calls_freeze_support_before_the_program(entry: str) -> None:
    tree = ast.parse((PACKAGING / entry).read_text(encoding="utf-8"))
    support = _first_line_of(tree, "multiprocessing.freeze_support()")
    program = min(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("editor")
    )
    assert support < program

"""The judge of hostile runs (tests/hostile/judge.py) finds English only where a clerk would
read it: file names and paths in the output are not words, options from argv are not names."""

from __future__ import annotations

from tests.hostile.judge import foreign_words


def test_hostile_judge_progress_line_with_a_cut_name_is_not_english() -> None:
    line = "已读取 109/109：…ytest-419/hostile0/run-one-char-900k.txt\n"
    argv = ["review", "/tmp/a/run-one-char-900k.txt", "-o", "/tmp/审核结果.xlsx", "-j", "2"]
    assert foreign_words(line, argv) == []


def test_hostile_judge_finds_english_next_to_a_name() -> None:
    text = "无法读取 a.pdf：file is not a zip file\n"
    assert foreign_words(text, ["a.pdf", "-o", "2"]) == ["file", "is", "not", "zip", "file"]

"""Which files a batch takes: report-like files from folders and subfolders, each once, never its
own output, never Office's lock files; everything named on the command line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.batch.inputs import collect_inputs


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def test_collect_inputs_walks_subfolders_and_skips_what_is_not_a_report(tmp_path: Path) -> None:
    for name in ("b.nianbao", "a.pdf", "乡镇/c.docx", "乡镇/d.doc", "乡镇/e.XLSX", "f.ofd"):
        _touch(tmp_path / name)
    for name in ("scan.jpg", "材料.zip", "~$a.docx", ".hidden.pdf", ".git/x.nianbao"):
        _touch(tmp_path / name)
    inputs = collect_inputs([tmp_path])
    assert [f.name for f in inputs.files] == [
        "a.pdf",
        "b.nianbao",
        "f.ofd",
        "乡镇/c.docx",
        "乡镇/d.doc",
        "乡镇/e.XLSX",
    ]
    assert inputs.skipped == 3  # the photo, the zip and the lock file; hidden files silently
    assert all(f.path.is_file() for f in inputs.files)


def test_collect_inputs_takes_each_file_once_and_leaves_out_the_output(tmp_path: Path) -> None:
    report = _touch(tmp_path / "a.nianbao")
    output = _touch(tmp_path / "审核结果.xlsx")
    inputs = collect_inputs([tmp_path, report, str(tmp_path / "." / "a.nianbao")], [output])
    assert [f.path.name for f in inputs.files] == ["a.nianbao"]


def test_collect_inputs_keeps_a_named_file_whatever_it_is(tmp_path: Path) -> None:
    photo = _touch(tmp_path / "scan.jpg")
    missing = tmp_path / "gone.pdf"
    inputs = collect_inputs([photo, missing])
    assert [f.name for f in inputs.files] == [str(photo), str(missing)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_collect_inputs_passes_over_a_pipe_in_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    _touch(tmp_path / "a.txt")
    assert [f.name for f in collect_inputs([tmp_path]).files] == ["a.txt"]

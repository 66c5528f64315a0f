"""One file reviewed: its row, whatever goes wrong reading it; the counts and the order of rows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.batch import review
from editor.batch.inputs import InputFile
from editor.batch.review import ReviewedFile, review_file, summarize
from editor.domain.forms import CellRef
from editor.domain.storage import save_report
from tests.batch.pile import department


def _reviewed(tmp_path: Path, name: str, *, broken: bool = False) -> ReviewedFile:
    path = tmp_path / name
    save_report(department(3, name, broken=broken), path)
    return review_file(InputFile(path, name))


def test_review_file_counts_errors_and_key_figures(tmp_path: Path) -> None:
    item = _reviewed(tmp_path, "a.nianbao", broken=True)
    assert item.readable and (item.errors, item.warnings, item.unconfirmed) == (3, 0, 0)
    report = item.report
    assert report is not None
    received = report.get(CellRef("requests", "received", "total"))
    suits = sum(
        report.get(CellRef("appeals", row, "total")) or 0
        for row in ("suit_direct", "suit_after_review")
    )
    figures = item.figures()
    assert figures[0] == received and figures[-1] == suits
    assert item.status == "有错误" and item.format == "年报文件"


def test_review_file_blank_figures_stay_blank(tmp_path: Path) -> None:
    report = department(3, "空白局")
    for row in ("suit_direct", "suit_after_review"):
        report.set(CellRef("appeals", row, "total"), None)
    save_report(report, tmp_path / "a.nianbao")
    item = review_file(InputFile(tmp_path / "a.nianbao", "a.nianbao"))
    assert item.figures()[-1] is None  # blank is not 0, in the row too


def test_review_file_any_failure_becomes_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.nianbao"
    save_report(department(3, "局"), path)

    def reader_bug(_path: Path) -> None:
        raise KeyError("a bug in a reader")

    monkeypatch.setattr(review, "read_any", reader_bug)
    item = review_file(InputFile(path, "a.nianbao"))
    assert not item.readable and item.status == "无法读取"
    # The reason in Chinese; never the class name or a traceback (issue 14).
    assert "缺少必需的组成部分" in item.problem and "a.nianbao" in item.problem
    assert "KeyError" not in item.problem and "Traceback" not in item.problem


def test_review_file_folder_or_pipe_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "看似文件.pdf"
    folder.mkdir()
    assert "不是普通文件" in review_file(InputFile(folder, folder.name)).problem
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.nianbao"
        os.mkfifo(pipe)
        assert "不是普通文件" in review_file(InputFile(pipe, pipe.name)).problem


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("a.doc", ".docx"),
        ("a.wps", "WPS"),
        ("a.ofd", "OFD"),
        ("a.xls", ".xlsx"),
        ("a.zip", "可审核"),
    ],
)
def test_review_file_formats_it_cannot_read_get_advice(
    tmp_path: Path, name: str, advice: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 old office file")
    item = review_file(InputFile(path, name))
    assert not item.readable and advice in item.problem


def test_summarize_counts_and_exit_code(tmp_path: Path) -> None:
    clean = _reviewed(tmp_path, "clean.nianbao")
    broken = _reviewed(tmp_path, "broken.nianbao", broken=True)
    gone = review_file(InputFile(tmp_path / "gone.nianbao", "gone.nianbao"))
    assert summarize([clean]).exit_code == 0
    assert summarize([clean, broken]).exit_code == 1
    summary = summarize([clean, broken, gone])
    assert (summary.reports, summary.unreadable, summary.with_errors, summary.clean) == (3, 1, 1, 1)
    assert summary.exit_code == 2
    ordered = sorted([clean, gone, broken], key=lambda f: f.worst_first())
    assert [f.name for f in ordered] == ["gone.nianbao", "broken.nianbao", "clean.nianbao"]

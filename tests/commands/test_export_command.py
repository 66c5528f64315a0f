"""`nianbao export REPORT -o OUT.docx|OUT.html`: format by suffix, the draft rule of the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from editor.cli import main
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.domain.storage import save_report
from editor.exporters.draft import DRAFT_MARK


def _header_text(path: Path) -> str:
    section = Document(str(path)).sections[0]
    return "".join(p.text for p in section.header.paragraphs)


@pytest.fixture
def broken_file(sample_report: Report, tmp_path: Path) -> Path:
    sample_report.set(CellRef("requests", "received", "natural"), 30)
    path = tmp_path / "broken.nianbao"
    save_report(sample_report, path)
    return path


def test_export_command_writes_docx_and_html_by_suffix(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("out.docx", "out.html", "out.HTM"):
        out = tmp_path / name
        assert main(["export", str(sample_path), "-o", str(out)]) == 0
        assert out.stat().st_size > 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.count("已导出") == 3
    assert len(Document(str(tmp_path / "out.docx")).tables) == 3
    assert (tmp_path / "out.html").read_text(encoding="utf-8").count("<table") == 3


def test_export_command_marks_a_broken_report_as_draft_and_says_so(
    broken_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx, html = tmp_path / "out.docx", tmp_path / "out.html"
    assert main(["export", str(broken_file), "-o", str(docx)]) == 0
    err = capsys.readouterr().err
    assert DRAFT_MARK in err and "--draft off" in err
    assert DRAFT_MARK in _header_text(docx)
    assert main(["export", str(broken_file), "-o", str(html)]) == 0
    assert DRAFT_MARK in html.read_text(encoding="utf-8")
    assert DRAFT_MARK in capsys.readouterr().err
    assert main(["export", str(broken_file), "-o", str(docx), "--draft", "off"]) == 0
    assert main(["export", str(broken_file), "-o", str(html), "--draft", "off"]) == 0
    assert capsys.readouterr().err == ""
    assert DRAFT_MARK not in _header_text(docx)
    assert DRAFT_MARK not in html.read_text(encoding="utf-8")


def test_export_command_refuses_an_unknown_suffix_naming_the_known_ones(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(sample_path), "-o", str(tmp_path / "out.odt")]) == 2
    err = capsys.readouterr().err
    assert "“.odt”" in err and ".docx" in err and ".html" in err
    assert not (tmp_path / "out.odt").exists()

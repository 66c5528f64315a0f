"""`nianbao export REPORT -o OUT.pdf`: draft by default for a report with errors, and says so."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from editor.cli import main
from editor.domain.forms import CellRef
from editor.domain.model import Report
from editor.domain.storage import save_report
from editor.exporters.pdf import DRAFT_MARK, SIGNATURE_LINES


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture
def broken_file(sample_report: Report, tmp_path: Path) -> Path:
    sample_report.set(CellRef("requests", "received", "natural"), 30)
    path = tmp_path / "broken.nianbao"
    save_report(sample_report, path)
    return path


def test_pdf_cli_marks_a_report_with_errors_as_draft_and_says_so(
    broken_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(broken_file), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert DRAFT_MARK in err and "--draft off" in err
    assert DRAFT_MARK in _text(out)


def test_pdf_cli_draft_off_and_signature(
    broken_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(broken_file), "-o", str(out), "--draft", "off", "--signature"]) == 0
    assert capsys.readouterr().err == ""
    text = _text(out).replace(" ", "")
    assert DRAFT_MARK not in text
    assert all(label in text for label in SIGNATURE_LINES)


def test_pdf_cli_clean_sample_is_not_marked(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(sample_path), "-o", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert DRAFT_MARK not in _text(out)
    assert main(["export", str(sample_path), "-o", str(out), "--draft", "on"]) == 0
    assert DRAFT_MARK in _text(out)

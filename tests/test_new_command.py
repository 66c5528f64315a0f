"""`nianbao new`: a new report file from last year's, checked across years by `nianbao check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.cli import main
from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report
from tests.conftest import SAMPLE


def test_new_command_from_sample_writes_draft_with_carry_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2024.nianbao"
    assert main(["new", "--year", "2024", "--from", str(SAMPLE), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "上年内容，待更新" in printed and "已保存" in printed
    report = load_report(out)
    assert report.draft_prose and set(report.draft_prose) <= set(report.prose)
    assert report.get(CellRef("requests", "carried_in", "total")) == 0
    assert report.previous_value(CellRef("requests", "received", "natural")) == 27


def test_new_command_check_runs_cross_year_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2024.nianbao"
    main(["new", "--year", "2024", "--from", str(SAMPLE), "-o", str(out)])
    report = load_report(out)
    report.set(CellRef("requests", "carried_in", "natural"), 3)
    save_report(report, out)
    capsys.readouterr()
    assert main(["check", str(out), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    carry = [f for f in findings if f["rule"] == "cross_year.carry_over"]
    assert len(carry) == 1 and carry[0]["expected"] == 0 and carry[0]["actual"] == 3


def test_new_command_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2024.nianbao"
    out.write_text("keep me", encoding="utf-8")
    assert main(["new", "--year", "2024", "--from", str(SAMPLE), "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"


def test_new_command_without_from_writes_empty_report(tmp_path: Path) -> None:
    out = tmp_path / "2020.nianbao"
    assert main(["new", "--year", "2020", "-o", str(out)]) == 0
    report = load_report(out)
    assert report.meta.form_version == "2019" and report.tables == {}


def test_new_command_bad_last_year_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "last.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    out = tmp_path / "new.nianbao"
    assert main(["new", "--year", "2024", "--from", str(bad), "-o", str(out)]) == 2
    assert "PDF" in capsys.readouterr().err
    assert not out.exists()


def _copied_sections(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    capsys.readouterr()
    main(["check", str(path), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    return [f["span"]["prose"] for f in findings if f["rule"] == "prose.last_year"]


def test_new_command_then_check_one_copied_finding_per_section_until_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "2024.nianbao"
    main(["new", "--year", "2024", "--from", str(SAMPLE), "-o", str(out)])
    copied = _copied_sections(capsys, out)
    last = load_report(SAMPLE)
    assert sorted(copied) == sorted(k for k, v in last.prose.items() if v.strip())
    # One section rewritten (as the editor saves it): that one is gone, the others remain.
    report = load_report(out)
    report.prose["problems"] = (
        "2024年，本机关政务公开工作仍有不足：一是基层政务公开专区使用率不高，群众知晓度有待提升；"
        "二是政策解读多以文字为主，图解、视频等形式运用不够。下一步，将把专区建设纳入年度考核，"
        "并推出系列短视频解读，提高政策的可及性。"
    )
    report.draft_prose.remove("problems")
    save_report(report, out)
    assert sorted(_copied_sections(capsys, out)) == sorted(set(copied) - {"problems"})

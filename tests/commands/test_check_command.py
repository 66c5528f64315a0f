"""`nianbao check`: exit codes, readable and JSON output, many files, one bad file among them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report


def _broken_copy(sample_path: Path, tmp_path: Path) -> Path:
    report = load_report(sample_path)
    report.set(CellRef("requests", "results_total", "natural"), 26)
    path = tmp_path / "broken.nianbao"
    save_report(report, path)
    return path


def test_check_sample_exits_zero(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(sample_path)]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_check_broken_total_exits_one_and_names_rule_cells_numbers(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken_copy(sample_path, tmp_path)
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "（七）总计·自然人 应为 27" in out and "实为 26" in out
    assert "requests.results_sum" in out and "requests.row_total" in out


def test_check_json_one_object_per_file(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken_copy(sample_path, tmp_path)
    assert main(["check", "--json", str(sample_path), str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first == {"file": str(sample_path), "findings": []}
    rules = {f["rule"] for f in second["findings"]}
    assert rules == {"requests.results_sum", "requests.row_total", "requests.balance"}
    results_sum = next(f for f in second["findings"] if f["rule"] == "requests.results_sum")
    assert results_sum["cells"][0] == {
        "table": "requests",
        "row": "results_total",
        "column": "natural",
    }
    assert (results_sum["expected"], results_sum["actual"]) == (27, 26)
    assert results_sum["severity"] == "error"


def test_check_bad_file_exits_two_and_rest_still_checked(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.nianbao"
    bad.write_text('{"format": "nianbao", "schema_version": 1, "meta": {', encoding="utf-8")
    broken = _broken_copy(sample_path, tmp_path)
    assert main(["check", "--json", str(bad), str(broken), str(sample_path)]) == 2
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["file"]).name for r in records] == [
        "bad.nianbao",
        "broken.nianbao",
        "longting-2023.nianbao",
    ]
    assert "损坏" in records[0]["error"]
    assert records[1]["findings"]


def test_check_folder_of_reports(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(3):
        (tmp_path / f"dept{i}.nianbao").write_bytes(sample_path.read_bytes())
    assert main(["check", "--json", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_check_previous_runs_cross_year_rules(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = load_report(sample_path)
    last.set(CellRef("requests", "carried_out", "natural"), 5)
    last_path = tmp_path / "last.nianbao"
    save_report(last, last_path)
    assert main(["check", "--json", str(sample_path), "--previous", str(last_path)]) == 1
    record = json.loads(capsys.readouterr().out)
    carry = [f for f in record["findings"] if f["rule"] == "cross_year.carry_over"]
    assert len(carry) == 1 and carry[0]["expected"] == 5 and carry[0]["actual"] == 0


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04rest-of-a-zip", b"\xff\xfe\x00garbage", b'{"format": "nianbao"'],
    ids=["xlsx", "binary", "truncated"],
)
def test_check_subprocess_bad_input_exits_two_without_traceback(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "x.nianbao"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "editor.cli", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert "x.nianbao" in done.stderr

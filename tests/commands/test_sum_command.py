"""`nianbao sum`: the 汇总 of a folder in several formats, written as a report file or a workbook
and checked; refused, with nothing written, when a report cannot be added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.domain.storage import load_report
from editor.importers.xlsx import import_xlsx
from tests.batch.pile import Pile

FORMATS = (".nianbao", ".pdf", ".docx", ".html")


def _clean_folder(pile: Pile, tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "reports"
    names = [n for n in pile.clean if n.endswith(FORMATS)]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pile.folder / name, folder / name)
    return folder, names


def _expected_cells(pile: Pile, names: list[str]) -> dict[str, int | float]:
    """The cell sums of the reports the files were written from."""
    totals: dict[str, int | float] = {}
    for name in names:
        for ref, value in pile.reports[name].filled_cells():
            totals[ref.key] = totals.get(ref.key, 0) + value
    return totals


@pytest.mark.parametrize("suffix", [".nianbao", ".xlsx"])
def test_sum_folder_of_formats_writes_the_cell_sums_and_checks_them(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    folder, names = _clean_folder(pile, tmp_path)
    out = tmp_path / f"汇总{suffix}"
    args = ["sum", str(folder), "--organ", "测试县人民政府办公室", "--year", "2023", "-o", str(out)]
    assert main(args) == 0
    total = load_report(out) if suffix == ".nianbao" else import_xlsx(out).report
    got = {ref.key: value for ref, value in total.filled_cells()}
    expected = _expected_cells(pile, names)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key
    assert total.meta.organ == "测试县人民政府办公室" and total.meta.year == 2023
    for name in names:  # which reports it sums: in the file, and on the screen
        assert pile.organs[name] in total.prose["opening"]
    out_text = capsys.readouterr().out
    assert f"汇总 {len(names)} 份报告" in out_text and "检查汇总：0 处错误" in out_text


def test_sum_refuses_a_pile_with_a_damaged_file_and_writes_nothing(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _names = _clean_folder(pile, tmp_path)
    shutil.copy(pile.folder / pile.damaged, folder / pile.damaged)
    out = tmp_path / "汇总.nianbao"
    assert main(["sum", str(folder), "--organ", "县", "--year", "2023", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "无法汇总" in err and pile.damaged in err
    assert not out.exists()


def test_sum_refuses_another_year_naming_every_report(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, names = _clean_folder(pile, tmp_path)
    out = tmp_path / "汇总.nianbao"
    assert main(["sum", str(folder), "--organ", "县", "--year", "2024", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert all(f"“{n}”（2023 年）" in err for n in names)
    assert not out.exists()


def test_sum_refuses_the_same_office_twice(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _names = _clean_folder(pile, tmp_path)
    shutil.copy(folder / "clean.nianbao", folder / "clean-副本.nianbao")
    out = tmp_path / "汇总.nianbao"
    assert main(["sum", str(folder), "--organ", "县", "--year", "2023", "-o", str(out)]) == 2
    assert "不止一份" in capsys.readouterr().err


def test_sum_a_broken_report_makes_a_broken_sum_and_says_whose(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [pile.folder / n for n in ("clean.nianbao", "broken.nianbao")]
    out = tmp_path / "汇总.nianbao"
    assert main(["sum", *map(str, names), "--organ", "县", "--year", "2023", "-o", str(out)]) == 1
    text = capsys.readouterr().out
    assert "本身有错误" in text and "broken.nianbao" in text and "[错误]" in text
    assert out.exists()


def test_sum_keeps_an_existing_output_unless_forced(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "汇总.nianbao"
    out.write_text("the clerk's edited 汇总", encoding="utf-8")
    args = ["sum", str(pile.folder / "clean.nianbao"), "--organ", "县", "--year", "2023"]
    assert main([*args, "-o", str(out)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the clerk's edited 汇总"
    assert main([*args, "-o", str(out), "--force"]) == 0
    assert load_report(out).meta.organ == "县"


def test_sum_refuses_an_output_it_cannot_write(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["sum", str(pile.folder / "clean.nianbao"), "--organ", "县", "--year", "2023"]
    assert main([*args, "-o", str(tmp_path / "汇总.pdf")]) == 2
    assert ".nianbao" in capsys.readouterr().err


def test_sum_write_failure_says_it_once_with_details_under_verbose(
    pile: Pile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    args = ["sum", str(pile.folder / "clean.nianbao"), "--organ", "县", "--year", "2023"]
    assert main(["--verbose", *args, "-o", str(blocker / "汇总.nianbao")]) == 2
    err = capsys.readouterr().err
    assert err.count("无法写入") == 1
    assert "详情：NotADirectoryError" in err  # the system's words, asked for with --verbose

"""Untrusted workbooks: bombs, DTDs, legacy and disguised files get a Chinese refusal."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml.functions
import pytest

from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.exporters.xlsx import export_xlsx
from editor.importers.xlsx import import_xlsx

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
)


def _rewrite(source: Path, target: Path, member: str, change: bytes) -> None:
    """A copy of the workbook with `change` put in front of one part's XML (after its prolog)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == member:
                data = change + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            zout.writestr(item, data)


def test_openpyxl_parses_worksheets_with_defusedxml(sample_report: Report, tmp_path: Path) -> None:
    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    export_xlsx(sample_report, good)
    _rewrite(good, bad, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    # Without our own pre-check, openpyxl alone refuses the entities (defusedxml's error).
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(bad)
    assert type(caught.value.__cause__).__name__ == "EntitiesForbidden"


def test_import_xlsx_refuses_a_part_with_entity_declarations(
    sample_report: Report, tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    export_xlsx(sample_report, good)
    _rewrite(good, bad, "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    with pytest.raises(UserError, match="不安全的 XML"):
        import_xlsx(bad)


def test_import_xlsx_refuses_a_zip_bomb_by_its_declared_sizes(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(UserError, match="恶意构造"):
        import_xlsx(bomb)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "密码"),
        ("text.xlsx", "统计表，不是工作簿".encode(), "不是 Excel 工作簿"),
        ("cut.xlsx", b"PK\x03\x04" + b"\0" * 40, "已损坏"),
    ],
)
def test_import_xlsx_explains_files_it_cannot_read(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        import_xlsx(path)


def test_import_xlsx_refuses_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(UserError, match="不是 Excel 工作簿"):
        import_xlsx(path)


def test_import_xlsx_calls_a_broken_workbook_broken(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(
        UserError, match="已损坏，或内容不符合其文件格式，无法作为 Excel 工作簿读取"
    ):
        import_xlsx(path)


def test_import_xlsx_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到文件"):
        import_xlsx(tmp_path / "nope.xlsx")


def _refusal(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        import_xlsx(path)
    message = str(caught.value)
    assert path.name in message
    return message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("merged-whole-sheet.xlsx", "合并或超链接区域"),  # openpyxl: one object per merged cell
        ("hyperlink-whole-sheet.xlsx", "合并或超链接区域"),
        ("cells-300k.xlsx", "单元格超过"),
        ("strings-1m.xlsx", "文字条目超过"),
        ("styles-bomb.xlsx", "单元格格式超过"),
        ("many-entries.xlsx", "部件"),
        ("encrypted-entry.xlsx", "密码"),
        ("bzip2.xlsx", "压缩方式"),
        ("zip-bomb.xlsx", "恶意构造"),
        ("crc-damage.xlsx", "已损坏"),
        ("fifo.xlsx", "管道"),
        ("sparse-200mb.xlsx", "远大于"),
        ("year-1999.xlsx", "2008–2100"),
        ("cells-1e309.xlsx", "2008–2100"),  # the year cell too: never "inf" in the message
    ],
)
def test_import_xlsx_refuses_hostile_workbooks_in_chinese(
    hostile_file, name: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    message = _refusal(hostile_file(name))
    assert words in message
    assert "inf" not in message.replace(name, "")


def test_import_xlsx_whole_sheet_name_is_not_followed(hostile_file) -> None:  # type: ignore[no-untyped-def]
    result = import_xlsx(hostile_file("name-whole-sheet.xlsx"))
    assert result.report.meta.organ == ""
    assert any("机关名称" in n.message for n in result.notes)


def test_import_xlsx_drops_bad_hidden_values_and_can_be_saved_and_loaded(
    hostile_file,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from editor.domain.storage import load_report, save_report

    result = import_xlsx(hostile_file("marker-previous-nan.xlsx"))
    assert result.report.previous is not None
    values = [
        v
        for rows in result.report.previous.values()
        for cols in rows.values()
        for v in cols.values()
    ]
    assert values == []  # NaN, −7, 1e300 and infinity all dropped
    assert any("上年参考值" in n.message for n in result.notes)
    save_report(result.report, tmp_path / "out.nianbao")
    assert load_report(tmp_path / "out.nianbao") == result.report


def test_import_xlsx_malformed_hidden_flags_are_dropped(hostile_file) -> None:  # type: ignore[no-untyped-def]
    result = import_xlsx(hostile_file("marker-flagged-bad.xlsx"))
    assert result.report.flagged_cells == ["requests.received.natural"]


def test_import_xlsx_junk_marker_falls_back_to_labels(hostile_file) -> None:  # type: ignore[no-untyped-def]
    result = import_xlsx(hostile_file("marker-garbage.xlsx"))
    assert "隐藏标记已损坏" in result.notes[0].message
    assert result.report.tables


def test_import_xlsx_foreign_title_year_out_of_range_is_not_taken(hostile_file) -> None:  # type: ignore[no-untyped-def]
    result = import_xlsx(hostile_file("title-1999.xlsx"))
    assert 2008 <= result.report.meta.year <= 2100
    assert any("1999" in n.message for n in result.notes)


def test_import_xlsx_a_value_name_over_a_row_or_column_is_a_missing_cell(
    hostile_seeds,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    import re

    data = hostile_seeds["own.xlsx"]
    with zipfile.ZipFile(data) as z:
        members = {i.filename: z.read(i) for i in z.infolist()}
    members["xl/workbook.xml"] = re.sub(
        rb'(<definedName name="nianbao\.requests\.received\.natural"[^>]*>[^!<]*)![^<]*<',
        rb"\1!$A:$A<",
        members["xl/workbook.xml"],
    )
    path = tmp_path / "row-name.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    result = import_xlsx(path)
    assert any("找不到" in n.message and "自然人" in n.message for n in result.notes)

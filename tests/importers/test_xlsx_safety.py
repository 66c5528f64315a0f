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

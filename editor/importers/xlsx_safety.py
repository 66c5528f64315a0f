"""Opening an untrusted workbook: size and zip-bomb limits, no DTDs, every failure in Chinese.

openpyxl parses worksheets with defusedxml when it is installed (`openpyxl.DEFUSEDXML`), and the
rest with lxml without entity resolution; on top of that, any part declaring a DTD is refused
before openpyxl sees it, and declared uncompressed sizes are checked before anything is inflated.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from editor.domain.errors import UserError
from editor.domain.userfiles import describe_os_error

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # a real part compresses 5–20×; a bomb, thousands of times
MAX_MEMBERS = 5_000
MAX_CELLS = 500_000
_RATIO_FROM_BYTES = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class WorkbookFileError(UserError):
    """A workbook that cannot or must not be opened."""


def open_workbook(path: Path) -> Workbook:
    """The workbook at `path`, values only (cached results of formulas), after the safety checks."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise WorkbookFileError(describe_os_error(e, path, "Excel 工作簿")) from e
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookFileError(
            f"“{name}”不是 .xlsx 格式：它是旧版 Excel（.xls）文件，或设置了打开密码的工作簿。"
            "请在 Excel 或 WPS 中打开它（如有密码先取消），“另存为” Excel 工作簿（.xlsx）后再导入。"
        )
    if not head.startswith(b"PK"):
        raise WorkbookFileError(f"“{name}”不是 Excel 工作簿（.xlsx），无法导入。")
    if size > MAX_FILE_BYTES:
        raise WorkbookFileError(
            f"“{name}”有 {size // 1024 // 1024} MB，远大于年报工作簿应有的大小，未导入。"
        )
    _check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, keep_links=False)
    except UserError:
        raise
    except Exception as e:  # openpyxl raises many kinds on a broken file; all mean the same here
        raise WorkbookFileError(
            f"“{name}”已损坏或不是标准的 Excel 工作簿，无法读取。"
            "请在 Excel 或 WPS 中打开并重新保存为 .xlsx 后再试。",
            detail=f"（{type(e).__name__}）",
        ) from e
    cells = sum(len(ws._cells) for ws in workbook.worksheets)
    if cells > MAX_CELLS:
        raise WorkbookFileError(f"“{name}”有 {cells} 个单元格，远多于年报工作簿，未导入。")
    return workbook


def _check_archive(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise WorkbookFileError(f"“{name}”包含的部件过多，不像年报工作簿，未导入。")
            total = sum(m.file_size for m in members)
            bomb = any(
                m.file_size > _RATIO_FROM_BYTES
                and m.file_size > MAX_RATIO * max(m.compress_size, 1)
                for m in members
            )
            if total > MAX_UNCOMPRESSED_BYTES or bomb:
                raise WorkbookFileError(
                    f"“{name}”解压后异常巨大（声明 {total // 1024 // 1024} MB），"
                    "可能是恶意构造的文件，已拒绝导入。"
                )
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                raise WorkbookFileError(
                    f"“{name}”是压缩文件，但不是 Excel 工作簿（可能是 Word 文档或其他文件）。"
                )
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES):
                    data = archive.read(member)
                    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                        raise WorkbookFileError(
                            f"“{name}”含有不安全的 XML 声明（DTD/实体），可能是恶意构造的文件，"
                            "已拒绝导入。"
                        )
    except zipfile.BadZipFile as e:
        raise WorkbookFileError(f"“{name}”已损坏（不是完整的 .xlsx 压缩包），无法导入。") from e
    except zipfile.LargeZipFile as e:
        raise WorkbookFileError(f"“{name}”过大，未导入。") from e

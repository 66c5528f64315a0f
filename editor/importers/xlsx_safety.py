"""Opening an untrusted workbook: size, zip-bomb and span limits, no DTDs, failures in Chinese.

openpyxl parses worksheets with defusedxml when it is installed (`openpyxl.DEFUSEDXML`), and the
rest with lxml without entity resolution; on top of that, zip_guard refuses any part declaring a
DTD and checks declared sizes before anything is inflated. openpyxl creates one object per cell
of every merged range and hyperlinked range (A1:XFD1048576 is 17 billion), and one per cell,
shared string and style it reads: all of these are counted in the XML first and bounded.
"""

from __future__ import annotations

import io
import re

import openpyxl
from openpyxl.workbook.workbook import Workbook

from editor.domain.errors import UserError
from editor.importers.zip_guard import PartCounts, check_package

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CELLS = 200_000  # a report's workbook has about a thousand
MAX_SPANNED_CELLS = 200_000  # cells covered by merged or hyperlinked ranges, all sheets together
MAX_SHARED_STRINGS = 500_000
MAX_STYLES = 100_000
MAX_NAMES = 50_000
MAX_SHEETS = 500

_SHEET_ROWS, _SHEET_COLUMNS = 1_048_576, 16_384
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_RANGE_REF = re.compile(rb"<(?:\w+:)?(?:mergeCell|hyperlink)\b[^>]*?\bref=\"([^\"]*)\"")
_STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
_STYLE = re.compile(rb"<(?:\w+:)?xf[\s/>]")
_NAME = re.compile(rb"<(?:\w+:)?definedName[\s/>]")
_SHEET = re.compile(rb"<(?:\w+:)?sheet[\s/>]")
_REF = re.compile(r"^\$?([A-Za-z]{0,3})\$?(\d{0,7})(?::\$?([A-Za-z]{0,3})\$?(\d{0,7}))?$")


class WorkbookFileError(UserError):
    """A workbook that cannot or must not be opened."""


def range_area(ref: str) -> int:
    """How many cells a reference like "A1:C3" (or "A:A", "1:1") covers; 1 for what it cannot
    read (openpyxl refuses those itself)."""
    total = 0
    for part in ref.split():
        m = _REF.match(part)
        if m is None:
            total += 1
            continue
        c1, r1, c2, r2 = m.groups()
        if m.group(3) is None and m.group(4) is None:
            c2, r2 = c1, r1
        first_col, last_col = _column(c1, 1), _column(c2, _SHEET_COLUMNS)
        first_row, last_row = int(r1 or 1), int(r2 or _SHEET_ROWS)
        total += (abs(last_col - first_col) + 1) * (abs(last_row - first_row) + 1)
    return total


def _column(letters: str, default: int) -> int:
    if not letters:
        return default
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


class _WorkbookCounts(PartCounts):
    """What openpyxl would allocate for, counted in the XML as zip_guard streams it."""

    document = "年报工作簿"

    def __call__(self, part: str, tags: bytes) -> None:
        if part.startswith("xl/worksheets/"):
            self.add("cells", len(_CELL.findall(tags)), MAX_CELLS, "单元格")
            spanned = sum(
                range_area(m.decode("ascii", "replace")) for m in _RANGE_REF.findall(tags)
            )
            self.add("spans", spanned, MAX_SPANNED_CELLS, "合并或超链接区域覆盖的单元格")
        elif part == "xl/sharedStrings.xml":
            self.add("strings", len(_STRING.findall(tags)), MAX_SHARED_STRINGS, "文字条目")
        elif part == "xl/styles.xml":
            self.add("styles", len(_STYLE.findall(tags)), MAX_STYLES, "单元格格式")
        elif part == "xl/workbook.xml":
            self.add("names", len(_NAME.findall(tags)), MAX_NAMES, "定义的名称")
            self.add("sheets", len(_SHEET.findall(tags)), MAX_SHEETS, "工作表")


def open_workbook(data: bytes, name: str) -> Workbook:
    """The workbook in `data`, values only (cached results of formulas), after the checks."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookFileError(
            f"“{name}”不是 .xlsx 格式：它是旧版 Excel（.xls）文件，或设置了打开密码的工作簿。"
            "请在 Excel 或 WPS 中打开它（如有密码先取消），“另存为” Excel 工作簿（.xlsx）后再导入。"
        )
    if not data.startswith(b"PK"):
        raise WorkbookFileError(f"“{name}”不是 Excel 工作簿（.xlsx），无法导入。")
    check_package(
        data, name, "Excel 工作簿", required="[Content_Types].xml", scanner=_WorkbookCounts(name)
    )
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
    cells = sum(len(ws._cells) for ws in workbook.worksheets)
    if cells > MAX_CELLS + MAX_SPANNED_CELLS:
        workbook.close()
        raise WorkbookFileError(f"“{name}”有 {cells} 个单元格，远多于年报工作簿，未导入。")
    return workbook

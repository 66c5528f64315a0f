"""Any report file the office receives → a report, through the importer its suffix calls for.

The readers are the existing entry points (load_report, import_xlsx, import_published), so the
limits and checks they apply to untrusted files apply here too. Nothing is written anywhere.
"""

from __future__ import annotations

from pathlib import Path

from editor.domain.errors import UserError
from editor.domain.storage import FILE_SUFFIX, load_report
from editor.importers.result import ImportResult, NoteKind

# What each suffix is, for the clerk ("格式" column).
FORMAT_NAMES: dict[str, str] = {
    FILE_SUFFIX: "年报文件",
    ".xlsx": "Excel",
    ".xlsm": "Excel",
    ".pdf": "PDF",
    ".docx": "Word",
    ".html": "网页",
    ".htm": "网页",
    ".txt": "文本",
    ".xls": "旧版 Excel",
    ".doc": "旧版 Word",
    ".wps": "WPS 文字",
    ".et": "WPS 表格",
    ".ofd": "OFD",
}
# Files a department may send that are reports we cannot read: listed with advice, not skipped.
KNOWN_SUFFIXES = frozenset(FORMAT_NAMES)

# The published-report reader's formats (published/extract.py's EXTRACTORS; a test holds the two
# together without importing that reader here).
PUBLISHED_SUFFIXES = frozenset({".pdf", ".docx", ".html", ".htm", ".txt", ".text"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})  # .xls: import_xlsx says how to convert
_ADVICE = {
    ".doc": "是旧版 Word 文档（.doc）。请在 Word 或 WPS 中打开它，“另存为” Word 文档（.docx）"
    "后再审核，或请报送单位提供 PDF 版。",
    ".wps": "是 WPS 文字文件（.wps）。请在 WPS 中“另存为” Word 文档（.docx）后再审核。",
    ".et": "是 WPS 表格文件（.et）。请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再审核。",
    ".ofd": "是 OFD 版式文件，本程序无法读取。请报送单位提供 PDF、Word 或 Excel 版。",
}


def format_name(path: Path) -> str:
    return FORMAT_NAMES.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "无扩展名")


def is_readable(path: Path) -> bool:
    """Whether `read_any` has a reader for the file's suffix."""
    suffix = path.suffix.lower()
    return suffix == FILE_SUFFIX or suffix in WORKBOOK_SUFFIXES or suffix in PUBLISHED_SUFFIXES


def read_any(path: Path) -> ImportResult:
    """The report in `path`, with notes on what was read. Raises UserError (in Chinese)."""
    suffix = path.suffix.lower()
    if suffix == FILE_SUFFIX:
        report = load_report(path)
        result = ImportResult(report, path.name)
        result.note(NoteKind.READ, f"年报文件：{report.title}")
        return result
    if suffix in WORKBOOK_SUFFIXES:
        from editor.importers.xlsx import import_xlsx  # openpyxl loads only when needed

        return import_xlsx(path)
    if suffix in PUBLISHED_SUFFIXES:
        from editor.importers.published import import_published

        return import_published(path)
    if suffix in _ADVICE:
        raise UserError(f"“{path.name}”{_ADVICE[suffix]}")
    raise UserError(
        f"“{path.name}”不是可审核的文件：可读取年报文件（{FILE_SUFFIX}）、Excel 工作簿（.xlsx）"
        "和已发布的年报（.pdf .docx .html .txt）。"
    )

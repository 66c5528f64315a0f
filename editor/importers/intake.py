"""The guarded boundary every user file passes on its way into a report.

`reading(path, what)` wraps the whole of one import (Excel, published report, last year's file):
whatever a library or parser raises becomes one ImportFileError in Chinese that names the file
and the reason, with the library's own text kept for the "详情" box only; the import has a time
limit; library warnings (English, on stderr) are silenced. `finished(result)` repairs what was
read (validity.repair_imported) and proves the loader would accept the result, so an import never
writes a file the editor then refuses.
"""

from __future__ import annotations

import logging
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from editor.domain.errors import UserError
from editor.domain.storage import check_loadable, describe_validation, validation_error
from editor.domain.userfiles import os_reason, spaced, technical_text
from editor.domain.validity import repair_imported
from editor.importers.result import ImportResult, NoteKind
from editor.importers.time_limit import DeadlineExceeded, time_limit

# Far above a real import (well under a second for any sample here, a few seconds on an old PC).
IMPORT_SECONDS = 20.0

# Libraries that log in English to stderr when nobody configured logging (Python's last-resort
# handler): a NullHandler on their logger keeps their words out of the clerk's console.
for _library in ("pdfminer", "pdfplumber", "pypdfium2", "openpyxl", "docx", "PIL"):
    logging.getLogger(_library).addHandler(logging.NullHandler())


class ImportFileError(UserError):
    """A file that could not be imported; the message says which and why."""


# What to suggest after the reason, by what the file should be.
_ADVICE = {
    "Excel 工作簿": "请在 Excel 或 WPS 中打开它，另存为 Excel 工作簿（.xlsx）后再试。",
    "Word 文档": "请在 Word 或 WPS 中打开它，另存为 Word 文档（.docx）后再试。",
    "PDF 文件": "可改用该年报的 Word 文档、网页或文本版本。",
}


_SOURCE_KINDS = {
    ".pdf": "PDF 文件",
    ".docx": "Word 文档",
    ".html": "网页",
    ".htm": "网页",
    ".txt": "文本文件",
    ".text": "文本文件",
    ".xlsx": "Excel 工作簿",
    ".nianbao": "年报文件",
}


def kind_of_source(path: Path) -> str:
    """What a file is meant to be, by its extension, for messages."""
    return _SOURCE_KINDS.get(path.suffix.lower(), "年报")


@contextmanager
def reading(path: Path, what: str) -> Iterator[None]:
    """Every failure inside becomes an ImportFileError about `path`; `what` names its kind."""
    name = path.name or str(path)
    advice = _ADVICE.get(what, "")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with time_limit(IMPORT_SECONDS):
                yield
        except UserError:
            raise
        except DeadlineExceeded as e:
            raise ImportFileError(
                f"读取“{name}”超过 {IMPORT_SECONDS:.0f} 秒仍未完成，已停止：文件过于复杂，"
                f"或是恶意构造的文件。{advice}"
            ) from e
        except MemoryError as e:
            raise ImportFileError(
                f"“{name}”过大或结构异常，读取时内存不足，未导入。{advice}",
                technical=technical_text(e),
            ) from e
        except RecursionError as e:
            raise ImportFileError(
                f"“{name}”的结构嵌套过深，不像{spaced(what)}，未导入。", technical=technical_text(e)
            ) from e
        except Exception as e:  # every library has its own kinds; all mean "cannot read this"
            invalid = validation_error(e)
            if invalid is not None:
                raise ImportFileError(
                    f"从“{name}”读出的内容不符合年报的要求，未导入：",
                    detail=describe_validation(invalid),
                    technical=technical_text(e),
                ) from e
            raise ImportFileError(
                f"“{name}”{reason_for(e)}，无法作为{spaced(what)}读取。{advice}",
                technical=technical_text(e),
            ) from e


def reason_for(error: BaseException) -> str:
    """Why reading failed, in Chinese, from the kind of exception (never its English text)."""
    module = type(error).__module__ or ""
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
        return "已损坏（压缩数据不完整或有误）"
    if isinstance(error, OSError) and error.errno is not None:
        return f"读取失败（{os_reason(error)}）"
    if module.startswith(("pdfminer", "pdfplumber", "pypdfium2")):
        return "已损坏，或使用了本程序不支持的 PDF 功能"
    if isinstance(error, KeyError):
        return "缺少必需的组成部分（已损坏，或不是这种文件）"
    if isinstance(error, UnicodeError):
        return "含有无法识别的文字编码"
    if isinstance(error, SyntaxError):  # lxml's and ElementTree's XML errors derive from it
        return "中的 XML 内容已损坏"
    if isinstance(error, OverflowError):
        return "含有超出范围的数字"
    if isinstance(error, NotImplementedError):
        return "使用了本程序不支持的功能"
    return "已损坏，或内容不符合其文件格式"


def finished(result: ImportResult) -> ImportResult:
    """Repairs what was read and proves the editor can open what the import will save."""
    for message in repair_imported(result.report):
        result.note(NoteKind.ASSUMED, message)
    check_loadable(result.report, name=result.source)
    return result

"""Failures of writing an export, told in Chinese: the disk, not the report, is the problem.

write_atomic already reports its own failures; but openpyxl writes each sheet to a temporary
file of its own while building the workbook, so a full disk or a file-size limit (ulimit -f)
fails inside openpyxl or lxml first ("IO_EFBIG" from libxml2). Those become the same message.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from editor.domain.errors import UserError, WriteFileError
from editor.domain.userfiles import describe_write_error, technical_text
from editor.domain.validity import clean_text


def _libxml2_errno(error: Exception) -> int | None:
    """libxml2 reports I/O failures by name ("IO_ENOSPC"); the errno it stands for."""
    text = str(error)
    if not text.startswith("IO_E"):
        return None
    code = getattr(errno, text[3:].split()[0], None)
    return code if isinstance(code, int) else None


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Around building and writing an export: I/O failures become WriteFileError."""
    try:
        yield
    except UserError:
        raise
    except OSError as e:
        message = describe_write_error(e, path, existed=path.exists())
        raise WriteFileError(message, technical=technical_text(e)) from e
    except Exception as e:
        code = _libxml2_errno(e)
        if code is None:
            raise
        message = describe_write_error(OSError(code, ""), path, existed=path.exists())
        raise WriteFileError(message, technical=technical_text(e)) from e


def writable_text(wb: Workbook) -> None:
    """Every text of the workbook made writable: lone surrogates (a file name with bytes that
    are not UTF-8) and control characters would otherwise fail the save in lxml."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cleaned = clean_text(cell.value)
                    if cleaned != cell.value:
                        cell.value = cleaned

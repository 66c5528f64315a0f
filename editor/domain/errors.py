"""User-fixable failures: exceptions whose message is written for the clerk, in Chinese."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix (a bad file, a newer version); `str(e)` is shown as is."""

    def __init__(self, message: str, *, detail: str = "", technical: str = "") -> None:
        # Messages quote file names and file content, which may hold lone surrogates (a damaged
        # file, a GBK file name read on Linux): replaced here, so that anything can print or
        # write a message.
        message, detail, technical = (_writable(t) for t in (message, detail, technical))
        super().__init__(message)
        self.message = message
        self.detail = detail  # extra lines for the clerk, in Chinese; never a traceback
        # The library's own words (often English): only in a "详情" box or `nianbao --verbose`.
        self.technical = technical

    def __str__(self) -> str:
        return self.message if not self.detail else f"{self.message}\n{self.detail}"


def _writable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


class ReportFileError(UserError):
    """A file could not be read as a report."""


class ValueInputError(UserError):
    """Text typed or pasted into a number cell could not be taken as a value."""


class WriteFileError(UserError, OSError):
    """A file could not be written (full disk, read-only folder, size limit…).

    Also an OSError, so that code written against the operating system's errors still catches it.
    """

"""What every importer returns: the report read, plus an account of what was read and assumed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from editor.domain.checks import Finding
from editor.domain.forms import CellRef
from editor.domain.model import Report

if TYPE_CHECKING:
    from editor.importers.published.origin import SourceOrigin


class NoteKind(StrEnum):
    READ = "read"  # what was found and taken (a table, a section)
    ASSUMED = "assumed"  # a choice the importer made that the user should know of
    UNMATCHED = "unmatched"  # something in the source that could not be placed
    ASK = "ask"  # cells the importer could not decide; left for the user (flagged in the report)


NOTE_KIND_NAMES = {
    NoteKind.READ: "已读取",
    NoteKind.ASSUMED: "已推定",
    NoteKind.UNMATCHED: "未匹配",
    NoteKind.ASK: "待确认",
}


@dataclass(frozen=True)
class ImportNote:
    kind: NoteKind
    message: str  # in Chinese, for the clerk
    cells: tuple[CellRef, ...] = ()


@dataclass
class ImportResult:
    report: Report
    source: str  # the file name it came from
    notes: list[ImportNote] = field(default_factory=list)
    # label.variant findings (labels in the source that deviate from the official wording)
    findings: list[Finding] = field(default_factory=list)
    # A published report: its text and where each cell was printed, for checking against it.
    origin: SourceOrigin | None = None

    def note(self, kind: NoteKind, message: str, cells: tuple[CellRef, ...] = ()) -> None:
        self.notes.append(ImportNote(kind, message, cells))

    def text(self) -> str:
        """The import report as plain text, one line a note."""
        lines = [f"导入“{self.source}”："]
        lines += [f"  [{NOTE_KIND_NAMES[n.kind]}] {n.message}" for n in self.notes]
        lines += [f"  [标签不一致] {f.message}" for f in self.findings]
        return "\n".join(lines)

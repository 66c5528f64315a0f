"""Undo commands: every change to a report is one of these, pushed on the document's undo stack.

Commands hold cell keys and values, never QModelIndex, so they stay valid whatever the views do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from editor.domain.forms import CellRef

if TYPE_CHECKING:
    from editor.ui.document import ReportDocument

Value = int | float | None

PROSE_COMMAND_ID = 1001
META_COMMAND_ID = 1002


class SetCellsCommand(QUndoCommand):
    """Sets a group of cells at once (a typed cell, a paste, a clear, fill totals, confirm)."""

    def __init__(
        self,
        document: ReportDocument,
        changes: Mapping[CellRef, Value],
        text: str,
        *,
        unflag: frozenset[CellRef] = frozenset(),
    ) -> None:
        super().__init__(text)
        self._document = document
        self._new = dict(changes)
        report = document.report
        self._old = {ref: report.get(ref) for ref in self._new}
        # Typing into a cell an import left for confirmation counts as confirming it.
        flagged = set(report.flagged_cells)
        self._unflag = {r for r in set(self._new) | unflag if r.key in flagged}

    def redo(self) -> None:
        self._document.apply_cells(self._new, unflag=self._unflag, flag=set())

    def undo(self) -> None:
        self._document.apply_cells(self._old, unflag=set(), flag=self._unflag)


class SetProseCommand(QUndoCommand):
    """Replaces one prose field's text; a run of typing in one field merges into one step."""

    def __init__(
        self, document: ReportDocument, key: str, new: str, title: str, token: int
    ) -> None:
        super().__init__(f"编辑“{title}”")
        self._document = document
        self.key = key
        self.token = token
        self._old = document.report.prose.get(key, "")
        self._new = new
        self._was_draft = key in document.report.draft_prose

    def id(self) -> int:
        return PROSE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetProseCommand):
            return False
        if other.key != self.key or other.token != self.token:
            return False
        self._new = other._new
        # Typing and then deleting the same text leaves nothing to undo.
        self.setObsolete(self._new == self._old)
        return True

    def redo(self) -> None:
        self._document.apply_prose(self.key, self._new, draft=False)

    def undo(self) -> None:
        self._document.apply_prose(self.key, self._old, draft=self._was_draft)


class ReplaceProseCommand(QUndoCommand):
    """查找/替换's 全部替换: new texts for several prose fields at once, one undo step.

    Whether a field counts as copied from last year is left as it was: replacing 2024 with 2025
    does not make last year's paragraph this year's.
    """

    def __init__(self, document: ReportDocument, texts: Mapping[str, str], text: str) -> None:
        super().__init__(text)
        self._document = document
        self._new = dict(texts)
        self._old = {key: document.report.prose.get(key, "") for key in self._new}
        self._drafts = {key: key in document.report.draft_prose for key in self._new}

    def redo(self) -> None:
        for key, value in self._new.items():
            self._document.apply_prose(key, value, draft=self._drafts[key])

    def undo(self) -> None:
        for key, value in self._old.items():
            self._document.apply_prose(key, value, draft=self._drafts[key])


class SetMetaCommand(QUndoCommand):
    """Changes one field of the 基本信息 (organ, year, 落款, date, contact).

    Typing in one field merges into one step, as in the prose (same `token`); `token` None
    never merges.
    """

    def __init__(
        self,
        document: ReportDocument,
        field: str,
        new: object,
        title: str,
        token: int | None = None,
    ) -> None:
        super().__init__(f"修改{title}")
        self._document = document
        self._field = field
        self._old = getattr(document.report.meta, field)
        self._new = new
        self.token = token

    def id(self) -> int:
        return META_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMetaCommand) or self.token is None:
            return False
        if other._field != self._field or other.token != self.token:
            return False
        self._new = other._new
        self.setObsolete(self._new == self._old)
        return True

    def redo(self) -> None:
        self._document.apply_meta(self._field, self._new)

    def undo(self) -> None:
        self._document.apply_meta(self._field, self._old)

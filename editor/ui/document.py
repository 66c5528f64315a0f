"""The open report as a Qt object: the report, its undo stack, its file and its latest findings."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from editor.domain.checks import Finding, check_report, sum_fill_values
from editor.domain.forms import CellRef, FormDef
from editor.domain.model import Report
from editor.domain.storage import save_report
from editor.ui.commands import (
    ReplaceProseCommand,
    SetCellsCommand,
    SetMetaCommand,
    SetProseCommand,
    Value,
)


class ReportDocument(QObject):
    """Owns one report; every change goes through `push_*` onto the undo stack.

    The undo stack's clean state is the saved state, so `modified` is simply "not clean".
    """

    cells_changed = Signal(object)  # frozenset[CellRef]
    flags_changed = Signal(object)  # frozenset[CellRef]
    prose_changed = Signal(str)  # prose key
    meta_changed = Signal(str)  # field name
    findings_changed = Signal(object)  # list[Finding]
    modified_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None

    def __init__(
        self,
        report: Report,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        origin: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        # The file this report was made from (last year's report, an imported workbook), if any.
        self.origin = origin
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = check_report(report)
        self._prose_token = 0
        self._pushing_prose = False
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        # Any other command ends a run of typing in a prose field.
        self.undo_stack.indexChanged.connect(self._index_changed)

    # ------------------------------------------------------------------ state

    @property
    def form(self) -> FormDef:
        return self.report.form

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "未命名"

    def suggested_path(self, suffix: str, fallback: Path | None = None) -> Path:
        """Where a save or an export of this report is proposed: beside its file; else beside
        the file it was made from (last year's report: the folder the clerk keeps them in);
        else in `fallback` or the home folder. Named after the report's title (what people call
        the file when they send it up)."""
        if self.path is not None:
            return self.path.with_suffix(suffix)
        name = f"{self.report.title or '年度报告'}{suffix}"
        if self.origin is not None and self.origin.parent.is_dir():
            return self.origin.parent / name
        return (fallback or Path.home()) / name

    def mark_unsaved(self) -> None:
        """For a report that did not come from its file (recovered, imported): never clean."""
        self.undo_stack.resetClean()
        self.modified_changed.emit(True)

    def flagged(self) -> frozenset[CellRef]:
        return frozenset(CellRef.parse(k) for k in self.report.flagged_cells)

    # ------------------------------------------------------------------ user gestures

    def push_cells(self, changes: Mapping[CellRef, Value], text: str) -> bool:
        """One gesture on cells as one undo step; False if nothing would change."""
        real = {ref: v for ref, v in changes.items() if self.report.get(ref) != v}
        if not real:
            return False
        self.undo_stack.push(SetCellsCommand(self, real, text))
        return True

    def confirm_cells(self, refs: Iterable[CellRef]) -> bool:
        """Clears the import's "to be confirmed" flag on `refs` (one undo step)."""
        flagged = self.flagged()
        chosen = frozenset(r for r in refs if r in flagged)
        if not chosen:
            return False
        self.undo_stack.push(SetCellsCommand(self, {}, "确认导入的数值", unflag=chosen))
        return True

    def fill_totals(self, only: set[CellRef] | None = None) -> int:
        """Fills total cells from their parts (all, or those in `only`); returns how many."""
        changes = sum_fill_values(self.report, self.form, only)
        if changes:
            self.undo_stack.push(SetCellsCommand(self, dict(changes), "按明细填写合计"))
        return len(changes)

    def push_prose(self, key: str, text: str) -> None:
        if self.report.prose.get(key, "") == text and key not in self.report.draft_prose:
            return
        title = self.form.prose_names.get(key, "正文")
        self._pushing_prose = True
        try:
            self.undo_stack.push(SetProseCommand(self, key, text, title, self._prose_token))
        finally:
            self._pushing_prose = False

    def end_prose_typing(self) -> None:
        """The next prose edit starts a new undo step (focus left the editor)."""
        self._prose_token += 1

    def replace_prose(self, texts: Mapping[str, str], text: str) -> bool:
        """New texts for several prose fields as one undo step; False if nothing changes."""
        real = {k: v for k, v in texts.items() if self.report.prose.get(k, "") != v}
        if not real:
            return False
        self.undo_stack.push(ReplaceProseCommand(self, real, text))
        return True

    def push_meta(self, field: str, value: object, title: str, *, typing: bool = False) -> None:
        """One change of the 基本信息; `typing`: a keystroke, merged with the rest of its run."""
        if getattr(self.report.meta, field) == value:
            return
        token = self._prose_token if typing else None
        self._pushing_prose = typing
        try:
            self.undo_stack.push(SetMetaCommand(self, field, value, title, token))
        finally:
            self._pushing_prose = False

    # ------------------------------------------------------------------ called by commands

    def apply_cells(
        self, values: Mapping[CellRef, Value], *, unflag: set[CellRef], flag: set[CellRef]
    ) -> None:
        self.report.set_values(values)
        if unflag or flag:
            keys = [k for k in self.report.flagged_cells if CellRef.parse(k) not in unflag]
            keys += [r.key for r in flag if r.key not in keys]
            self.report.flagged_cells = keys
            self.flags_changed.emit(frozenset(unflag | flag))
        if values:
            self.cells_changed.emit(frozenset(values))
        self.recheck()

    def apply_prose(self, key: str, text: str, *, draft: bool) -> None:
        if text:
            self.report.prose[key] = text
        else:
            self.report.prose.pop(key, None)
        drafts = [k for k in self.report.draft_prose if k != key]
        self.report.draft_prose = [*drafts, key] if draft else drafts
        self.prose_changed.emit(key)
        self.recheck()

    def apply_meta(self, field: str, value: object) -> None:
        setattr(self.report.meta, field, value)
        self.meta_changed.emit(field)
        self.recheck()

    def recheck(self) -> None:
        self.findings = check_report(self.report)
        self.findings_changed.emit(self.findings)

    # ------------------------------------------------------------------ file

    def save(self, path: Path) -> None:
        """Writes atomically (raises OSError); the saved state becomes the clean state."""
        save_report(self.report, path)
        changed = path != self.path
        self.path = path
        self.undo_stack.setClean()
        if changed:
            self.path_changed.emit(path)

    def snapshot(self) -> Report:
        """A deep copy for work on another thread."""
        return copy.deepcopy(self.report)

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def _index_changed(self, _index: int) -> None:
        # Undo, redo or any other command ends a run of typing: the next keystroke is a new step.
        if not self._pushing_prose:
            self._prose_token += 1

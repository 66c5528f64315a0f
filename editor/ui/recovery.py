"""Autosave files: the open report is written to a recovery file so a crash loses nothing."""

from __future__ import annotations

import contextlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from editor.domain.atomic_write import clean_stale_temporaries, write_atomic
from editor.domain.errors import UserError
from editor.domain.model import Report
from editor.domain.processes import pid_alive
from editor.domain.storage import load_report, report_to_json


class Recovered(NamedTuple):
    """A recovery file left by a run that did not end normally."""

    report: Report
    source: Path | None  # the file the report was opened from, if any
    saved_at: str  # when the autosave was written, for the question to the clerk
    files: tuple[Path, ...]


class RecoveryStore:
    """Recovery files of this process live in `directory`, named by process id.

    The folder may be unwritable or unreadable (a locked-down profile, a full disk): writing then
    fails with an OSError the window reports; nothing else here ever raises.
    """

    def __init__(self, directory: Path, pid: int | None = None) -> None:
        self.directory = directory
        self.pid = os.getpid() if pid is None else pid

    def _files(self, pid: int) -> tuple[Path, Path]:
        stem = self.directory / f"recovery-{pid}"
        return stem.with_suffix(".nianbao"), stem.with_suffix(".json")

    def write(self, report: Report, source: Path | None) -> Path:
        """Writes (atomically) the report and where it came from; returns the report file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        report_file, info_file = self._files(self.pid)
        info = {
            "source": str(source) if source else None,
            "saved_at": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        }
        write_atomic(info_file, json.dumps(info, ensure_ascii=False).encode("utf-8", "replace"))
        write_atomic(report_file, report_to_json(report).encode("utf-8", "replace"))
        return report_file

    def clean_stale(self) -> int:
        """Removes temporaries of autosaves killed half-way; at start-up. Never raises."""
        return clean_stale_temporaries(self.directory)

    def discard(self) -> None:
        """Removes this process's recovery files (after a save or a normal exit)."""
        for path in self._files(self.pid):
            with contextlib.suppress(OSError):  # gone already, or a read-only folder
                path.unlink()

    def orphans(self) -> list[Recovered]:
        """Recovery files of processes that are gone, newest first."""
        try:
            candidates = sorted(self.directory.glob("recovery-*.nianbao"))
        except OSError:
            return []  # a folder we may not read holds nothing we can restore
        found: list[Recovered] = []
        for report_file in candidates:
            try:
                pid = int(report_file.stem.removeprefix("recovery-"))
            except ValueError:
                continue
            if pid != self.pid and pid_alive(pid):
                continue  # another window is running and owns it
            info_file = report_file.with_suffix(".json")
            try:
                info = json.loads(info_file.read_text(encoding="utf-8"))
                report = load_report(report_file)
                source = Path(info["source"]) if info.get("source") else None
            except (OSError, ValueError, TypeError, AttributeError, KeyError, UserError):
                continue  # a half-written or foreign file is not worth a question
            found.append(
                Recovered(report, source, str(info.get("saved_at", "")), (report_file, info_file))
            )
        found.sort(key=lambda r: r.saved_at, reverse=True)
        return found

    @staticmethod
    def remove(recovered: Recovered) -> None:
        for path in recovered.files:
            with contextlib.suppress(OSError):
                path.unlink()

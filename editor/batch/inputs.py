"""The files a batch command works on: files as given, folders searched for report files.

A folder a collecting office keeps holds more than reports (scans of the sealed copy, cover
letters, zips, Office's lock files): from folders only report-like files are taken, and what
was passed over is counted so the command can say so. A file named on the command line is
always taken: if it cannot be read (or is not there), its row says why.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from editor.importers.any_file import KNOWN_SUFFIXES


@dataclass(frozen=True)
class InputFile:
    path: Path  # where it is, for reading and opening
    name: str  # how it is shown: relative to the folder it was found in, or as given


@dataclass
class Inputs:
    files: list[InputFile] = field(default_factory=list)
    skipped: int = 0  # files in folders that are not reports (images, zips, lock files…)


def collect_inputs(
    names: Iterable[str | Path], exclude: Iterable[Path] = (), *, short_names: bool = False
) -> Inputs:
    """Files as given; folders (and their subfolders) for report files, each in name order.

    The same file reached twice counts once; `exclude` (the command's own output) is left out,
    so a second run does not review or sum its own earlier result. A file named directly is
    shown as typed, or by its name alone with `short_names` (picked in a file dialog).
    """
    out = Inputs()
    seen = {_identity(p) for p in exclude}
    for name in names:
        path = Path(name)
        if path.is_dir():
            found, skipped = _walk(path)
            out.skipped += skipped
            candidates = [InputFile(p, p.relative_to(path).as_posix()) for p in found]
        else:  # a file, or a name that does not exist: its row will say so
            candidates = [InputFile(path, path.name if short_names else str(name))]
        for item in candidates:
            key = _identity(item.path)
            if key not in seen:
                seen.add(key)
                out.files.append(item)
    return out


def _walk(folder: Path) -> tuple[list[Path], int]:
    found: list[Path] = []
    skipped = 0
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(root, file)
            if _is_report_like(file) and path.is_file():
                found.append(path)
            elif not file.startswith("."):
                skipped += 1
    return found, skipped


def _is_report_like(file: str) -> bool:
    # "~$报告.docx" is the lock file Word/WPS keep beside an open document; ".x.tmp" are ours.
    if file.startswith(("~$", ".")):
        return False
    return Path(file).suffix.lower() in KNOWN_SUFFIXES


def _identity(path: Path) -> str:
    try:
        return os.path.normcase(str(path.resolve()))
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a symbolic-link loop
        return os.path.normcase(os.path.abspath(path))

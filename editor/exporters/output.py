"""Writes an exported file atomically (a failed export leaves no half file), failures in Chinese."""

from __future__ import annotations

from pathlib import Path

from editor.domain.storage import write_atomic


def write_export(path: Path, data: bytes) -> None:
    # write_atomic's WriteFileError already names the file, the reason (full disk, read-only,
    # no permission or open in another program, size limit) and that the old file is intact.
    write_atomic(Path(path), data)

"""Writes an exported file atomically (a failed export leaves no half file), failures in Chinese."""

from __future__ import annotations

from pathlib import Path

from editor.domain.errors import UserError
from editor.domain.storage import write_atomic


def write_export(path: Path, data: bytes) -> None:
    try:
        write_atomic(Path(path), data)
    except FileNotFoundError:
        raise UserError(f"无法写入“{path}”：文件夹不存在。") from None
    except PermissionError:
        raise UserError(f"无法写入“{path}”：没有写入权限，或文件正被其他程序打开。") from None
    except OSError as e:
        raise UserError(f"无法写入“{path}”：{e.strerror or e}") from None

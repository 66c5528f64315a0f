"""Reading a file the user chose: a size limit and operating-system errors told in Chinese."""

from __future__ import annotations

from pathlib import Path

from editor.domain.errors import UserError


def describe_os_error(error: OSError, path: Path, what: str) -> str:
    """The clerk's wording for a failure to read `path`; `what` names what it should be."""
    if isinstance(error, FileNotFoundError):
        return f"找不到文件“{path}”。"
    if isinstance(error, IsADirectoryError):
        return f"“{path.name}”是一个文件夹，不是{what}。"
    if isinstance(error, PermissionError):
        return f"没有权限读取文件“{path}”。"
    return f"读取文件“{path}”失败：{error.strerror or error}"


def read_user_file(path: Path, *, max_bytes: int, what: str, error: type[UserError]) -> bytes:
    """The file's bytes, or `error` with a message; files over `max_bytes` are not read at all."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(
                f"文件“{path.name}”有 {size / 1024 / 1024:.0f} MB，远大于{what}应有的大小，未打开。"
            )
        return path.read_bytes()
    except OSError as e:
        raise error(describe_os_error(e, path, what)) from e

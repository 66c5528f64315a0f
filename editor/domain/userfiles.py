"""Reading a file the user chose, safely: only regular files, bounded sizes, errors in Chinese.

A double-clicked or mailed file may be anything: a FIFO (whose open() would block forever), a
device, a folder, an empty or sparse file, or far larger than any report. Everything is checked
with stat() before a byte is read; the file is opened without blocking and checked again through
its descriptor, so a file swapped between the two checks is caught too. Callers parse the bytes
returned here, never the path, so libraries never open the path themselves.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from editor.domain.errors import UserError

_READ_CHUNK = 1024 * 1024
# A file this large that is mostly holes is not a document anyone wrote.
_SPARSE_FROM_BYTES = 1024 * 1024

# errno → the clerk's words. Both reading and writing use them.
_REASONS: dict[int, str] = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.ELOOP: "路径中的快捷方式（符号链接）形成了循环",
    errno.EIO: "磁盘读写出错（磁盘或网络盘可能有故障）",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.EFBIG: "文件大小超出了系统允许的上限",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EEXIST: "同名文件已存在",
    errno.EINVAL: "文件名或路径无效",
    errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多",
    errno.ENXIO: "这不是普通文件（设备或管道）",
    errno.ENODEV: "这不是普通文件（设备）",
    errno.EAGAIN: "文件暂时无法访问",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "超出了磁盘配额"
_WINDOWS_SHARING_VIOLATION = 32  # the file is open in another program (WPS, Excel)


def os_reason(error: OSError) -> str:
    """Why an operation on a file failed, in Chinese (never the system's English text)."""
    if getattr(error, "winerror", None) == _WINDOWS_SHARING_VIOLATION:
        return "文件正被其他程序（如 WPS、Excel）打开"
    if isinstance(error, FileNotFoundError):
        return _REASONS[errno.ENOENT]
    if isinstance(error, IsADirectoryError):
        return _REASONS[errno.EISDIR]
    if isinstance(error, PermissionError) and error.errno not in _REASONS:
        return _REASONS[errno.EACCES]
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return f"系统错误（错误码 {error.errno}）" if error.errno else "系统错误"


def technical_text(error: BaseException) -> str:
    """The library's or system's own words, for a "详情" box only."""
    return f"{type(error).__name__}: {error}"


def describe_os_error(error: OSError, path: Path, what: str) -> str:
    """The clerk's wording for a failure to read `path`; `what` names what it should be."""
    if isinstance(error, FileNotFoundError):
        return f"找不到文件“{path}”。"
    if isinstance(error, IsADirectoryError):
        return f"“{path.name}”是一个文件夹，不是{spaced(what)}。"
    if isinstance(error, PermissionError):
        return f"没有权限读取文件“{path}”。"
    return f"读取文件“{path}”失败：{os_reason(error)}。"


def describe_write_error(error: OSError, path: Path, *, existed: bool) -> str:
    """The clerk's wording for a failure to write `path`; says that the old file is intact."""
    if isinstance(error, PermissionError) and error.errno in (errno.EACCES, errno.EPERM, None):
        reason = "没有写入权限（文件或所在文件夹是只读的，或被其他程序占用）"
    else:
        reason = os_reason(error)
    kept = f"原来的“{path.name}”未被改动。" if existed else "没有写入任何文件。"
    full = error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    advice = "请腾出磁盘空间后重试，或换一个位置保存。" if full else "请换一个位置保存。"
    return f"无法写入“{path}”：{reason}。{kept}{advice}"


def spaced(what: str) -> str:
    """`what` set in Chinese text: a space before a leading Latin word ("不是 Excel 工作簿")."""
    return f" {what}" if what[:1].isascii() else what


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in the clerk's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISFIFO(mode):
        return "一个管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def _open_flags() -> int:
    flags = os.O_RDONLY
    # O_NONBLOCK: opening a FIFO for reading never waits for a writer; O_NOCTTY: a terminal
    # device never becomes our controlling terminal. Neither changes reading a regular file.
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_BINARY", "O_CLOEXEC"):
        flags |= getattr(os, name, 0)
    return flags


def _mostly_holes(fd: int, size: int) -> bool:
    """True when most of the file is holes (a sparse file), told by the file system, unread."""
    seek_data, seek_hole = getattr(os, "SEEK_DATA", None), getattr(os, "SEEK_HOLE", None)
    if seek_data is None or seek_hole is None or size < _SPARSE_FROM_BYTES:
        return False
    data_bytes = 0
    offset = 0
    try:
        for _extent in range(10_000):
            start = os.lseek(fd, offset, seek_data)
            end = os.lseek(fd, start, seek_hole)
            data_bytes += end - start
            offset = end
            if offset >= size:
                break
    except OSError as e:
        if e.errno != errno.ENXIO:  # ENXIO: no data after `offset`; anything else: unknown
            return False
    finally:
        os.lseek(fd, 0, os.SEEK_SET)
    return data_bytes * 2 < size


def read_user_file(path: Path, *, max_bytes: int, what: str, error: type[UserError]) -> bytes:
    """The file's bytes, or `error` with a message. Files that are not regular, empty, mostly
    holes or over `max_bytes` are refused without being read."""
    name = path.name or str(path)
    try:
        before = os.stat(path)
        kind = _kind_of(before.st_mode)
        if kind is not None:
            raise error(f"“{name}”是{kind}，不是普通文件，无法作为{spaced(what)}打开。")
        _check_size(before.st_size, max_bytes, name, what, error)
        fd = os.open(path, _open_flags())
        try:
            opened = os.fstat(fd)
            kind = _kind_of(opened.st_mode)
            if kind is not None or _swapped(before, opened):
                raise error(f"“{name}”在读取时被替换成了{kind or '另一个文件'}，未打开。")
            _check_size(opened.st_size, max_bytes, name, what, error)
            if _mostly_holes(fd, opened.st_size):
                raise error(
                    f"“{name}”的内容大部分是空白（稀疏文件，{opened.st_size // 1024 // 1024} MB），"
                    f"不是{spaced(what)}，未打开。"
                )
            data = _read_bounded(fd, max_bytes, name, what, error)
        finally:
            os.close(fd)
    except UserError:
        raise
    except OSError as e:
        raise error(describe_os_error(e, path, what), technical=technical_text(e)) from e
    if not data:
        raise error(f"“{name}”是空文件（0 字节），不是{spaced(what)}。")
    return data


def _swapped(before: os.stat_result, opened: os.stat_result) -> bool:
    if not (before.st_ino and opened.st_ino):
        return False  # a file system without inode numbers: nothing to compare
    return (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino)


def _check_size(size: int, max_bytes: int, name: str, what: str, error: type[UserError]) -> None:
    if size > max_bytes:
        shown = f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"
        raise error(f"“{name}”有 {shown}，远大于{spaced(what)}应有的大小，未打开。")


def _read_bounded(fd: int, max_bytes: int, name: str, what: str, error: type[UserError]) -> bytes:
    """Reads to the end, but never more than `max_bytes` (a file may grow, or lie about size)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, _READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise error(
                f"“{name}”大于{what}应有的大小（超过 {max_bytes // 1024 // 1024} MB），未打开。"
            )
        chunks.append(chunk)

"""Writing a file atomically: a temporary beside the target, fsync, rename, fsync of the folder.

The target is never half-written: a crash or kill leaves either the old file or the new one.
A temporary left by a killed process is removed at the next save into that folder (and by the
window at start-up). A new file gets the permissions the umask gives (like any program's files,
e.g. 644 under umask 022); saving over a file keeps that file's permissions. Every failure of the
operating system becomes a WriteFileError in Chinese, with the temporary removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import time
from pathlib import Path

from editor.domain.errors import WriteFileError
from editor.domain.processes import pid_alive
from editor.domain.userfiles import describe_write_error, technical_text

TEMP_SUFFIX = ".tmp"
# ".<target name>.<pid>-<8 hex>.tmp": the pid tells whether its writer is still running.
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d{1,10})-[0-9a-f]{8}\.tmp$")
# tempfile.mkstemp's names, used by earlier versions: no pid, so only their age tells.
_LEGACY_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")
# No save takes this long: an older temporary is stale even if its pid is alive (reused pid).
_STALE_AFTER_SECONDS = 3600.0
_LEGACY_STALE_AFTER_SECONDS = 600.0


def temporary_path(target: Path) -> Path:
    # os.urandom is what secrets.token_hex reads; the module's hashlib/hmac cost start-up ~3 ms.
    return target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write_atomic(path: Path, data: bytes) -> None:
    """Replaces `path` with `data`, atomically. Raises WriteFileError (an OSError) in Chinese."""
    target = _through_links(Path(path))
    existing_mode = _existing_mode(target)
    clean_stale_temporaries(target.parent, target.name)
    temporary = temporary_path(target)
    try:
        fd = os.open(temporary, _create_flags(), 0o666)  # the umask applies, as for any new file
        try:
            if existing_mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, existing_mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError) and not isinstance(e, WriteFileError):
            message = describe_write_error(e, target, existed=existing_mode is not None)
            raise WriteFileError(message, technical=technical_text(e)) from e
        raise
    _sync_folder(target.parent)


def clean_stale_temporaries(folder: Path, target_name: str | None = None) -> int:
    """Removes temporaries left by writers that are gone (all of ours, or only `target_name`'s);
    returns how many. Never fails: a folder it cannot list is left as it is."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder if str(folder) else "."))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if _is_stale(entry.name, target_name, age):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed += 1
    return removed


def _is_stale(name: str, target_name: str | None, age: float) -> bool:
    m = _TEMP_NAME.match(name)
    if m is not None:
        if target_name is not None and m["target"] != target_name:
            return False
        pid = int(m["pid"])
        if age > _STALE_AFTER_SECONDS:
            return True
        return pid != os.getpid() and not pid_alive(pid)
    legacy = _LEGACY_TEMP_NAME.match(name)
    if legacy is None or target_name is None or legacy["target"] != target_name:
        return False
    return age > _LEGACY_STALE_AFTER_SECONDS


def _through_links(path: Path) -> Path:
    """Saving to a symbolic link writes the file it points to, as editors do, not the link."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the file being replaced, None if there is none."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise WriteFileError(
            describe_write_error(e, target, existed=False), technical=technical_text(e)
        ) from e
    if not stat.S_ISREG(st.st_mode):
        what = "一个文件夹" if stat.S_ISDIR(st.st_mode) else "一个特殊文件（设备或管道）"
        raise WriteFileError(f"无法写入“{target}”：那里已有{what}，不是普通文件。")
    return stat.S_IMODE(st.st_mode) & 0o777


def _create_flags() -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for name in ("O_BINARY", "O_CLOEXEC", "O_NOFOLLOW"):
        flags |= getattr(os, name, 0)
    return flags


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable (POSIX); a folder that cannot be synced is left be."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder (EINVAL); the data itself is synced
    finally:
        os.close(fd)


def ignore_file_size_signal() -> None:
    """A write past the file-size limit (ulimit -f) then fails with EFBIG, reported like any
    other write error, instead of SIGXFSZ killing the process. (Python's own start-up ignores it
    too; an embedding launcher may not.) Call it from the main thread."""
    if os.name == "posix" and hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

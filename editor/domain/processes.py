"""Whether another process still runs: who owns a temporary or a recovery file."""

from __future__ import annotations

import os
import sys


def pid_alive(pid: int) -> bool:
    """True if a process with this id exists (or may exist: when in doubt, say yes)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else (EPERM), or we cannot tell
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill(pid, 0) on Windows is not a probe: 0 is CTRL_C_EVENT, and any other signal
    # terminates the process. Ask the kernel for the process and its exit code instead.
    import ctypes

    process_query_limited_information = 0x1000
    still_active = 259
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        access_denied = 5
        return bool(kernel32.GetLastError() == access_denied)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)

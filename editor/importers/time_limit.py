"""A wall-clock limit for reading one file, so that no input can hang an import.

The readers (openpyxl, python-docx, pdfminer, our own parsers) are pure Python at their core, and
CPython can deliver an exception to a running thread between two bytecodes
(PyThreadState_SetAsyncExc, the mechanism behind KeyboardInterrupt). A timer thread does so when
the limit passes; size limits keep the time spent inside C code (zlib, lxml) short. The exception
derives from BaseException, so a library's `except Exception` cannot swallow it.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DeadlineExceeded(BaseException):
    """Reading took longer than its limit; turned into a message by the intake."""


def _set_async_exc(thread_id: int, exception: type[BaseException] | None) -> int:
    target = ctypes.py_object(exception) if exception is not None else None
    result: int = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)
    return result


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raises DeadlineExceeded in this thread once `seconds` have passed inside the block."""
    if seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _set_async_exc(thread_id, DeadlineExceeded)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:
                _set_async_exc(thread_id, None)  # withdraw it if it has not arrived yet

"""`emit(signal, *args)`: every signal this package emits goes through here.

PySide6 6.12.0's `SignalInstance.emit()` (and `disconnect()`) return `True` without taking a
reference, so each call from Python drops one reference to `True`; after a few hundred emits
Python aborts with "bool_dealloc: deallocating True or False". Measured here: 10 emits,
refcount(True) down by 10. This module detects the fault once at import and gives the reference
back after each emit, so the editor survives a long session; on a fixed PySide6 it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.fired.emit()  # the result is discarded: a faulty emit costs True one reference
    dropped = before - sys.getrefcount(True)
    for _ in range(max(dropped, 0)):
        _incref(True)
    return dropped >= 16


EMIT_DROPS_REFERENCE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, with PySide6 6.12.0's lost reference to the result restored."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if EMIT_DROPS_REFERENCE and isinstance(result, bool):
        _incref(result)


def give_back_true_references(count: int) -> None:
    """Restores references to True lost by calls outside our control (test tools' disconnects).

    Giving back too many is harmless (True is never freed); too few aborts the interpreter.
    """
    for _ in range(count):
        _incref(True)

"""The PySide6 the project pins does not leak references to True (6.12.0 did, and aborted)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def _receiver(_value: int) -> None:
    pass


def test_pyside_emit_and_disconnect_keep_references_to_true() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for i in range(20):
        emitter.fired.emit(i)
        connection = emitter.fired.connect(_receiver)
        emitter.fired.disconnect(connection)
    # A faulty build loses 40 here (and aborts after a few hundred); allow a little churn.
    assert before - sys.getrefcount(True) < 10

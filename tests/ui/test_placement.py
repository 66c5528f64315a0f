"""A floating dialog moved off the cell it sent the clerk to: pure geometry, over generated
screens, dialog sizes and cell positions."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from editor.ui.placement import clear_of

SCREENS = (QRect(0, 0, 1024, 740), QRect(0, 0, 1366, 740), QRect(0, 0, 1280, 690))


def _covered(rect: QRect, target: QRect) -> int:
    overlap = rect.intersected(target)
    return overlap.width() * overlap.height() if overlap.isValid() else 0


@pytest.mark.parametrize("seed", range(40))
def test_placement_leaves_the_cell_visible_whenever_the_screen_has_room(seed: int) -> None:
    rng = random.Random(seed)
    screen = rng.choice(SCREENS)
    size = QSize(rng.randint(300, 820), rng.randint(200, 560))
    cell = QRect(
        rng.randint(0, screen.width() - 120), rng.randint(0, screen.height() - 40), 110, 36
    )
    # The dialog starts over the cell.
    start = QRect(QPoint(cell.x() - size.width() // 3, cell.y() - size.height() // 3), size)
    moved = QRect(clear_of(start, cell, screen), size)
    assert screen.contains(moved) or not screen.contains(start)
    room = (
        cell.top() - screen.top() >= size.height() + 12
        or screen.bottom() - cell.bottom() >= size.height() + 12
        or cell.left() - screen.left() >= size.width() + 12
        or screen.right() - cell.right() >= size.width() + 12
    )
    if room:
        assert _covered(moved, cell) == 0, (screen, size, cell, moved)
    else:  # no side has room: as little of the cell covered as the screen allows
        assert _covered(moved, cell) <= _covered(start, cell)


def test_placement_keeps_a_dialog_that_covers_nothing_where_it_is() -> None:
    frame = QRect(600, 100, 400, 300)
    assert clear_of(frame, QRect(50, 600, 100, 30), QRect(0, 0, 1366, 740)) == frame.topLeft()

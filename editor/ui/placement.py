"""Where to put a floating dialog so that it does not cover what the clerk was sent to look at."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect

GAP = 12  # logical pixels between the dialog and the thing it must leave visible


def clear_of(frame: QRect, target: QRect, screen: QRect) -> QPoint:
    """Top-left for a dialog of `frame`'s size that leaves `target` uncovered, on `screen`.

    Tries below, above, right of and left of the target, kept on the screen; of those, the one
    covering the least of the target wins, then the one moved least. The dialog stays where it
    is when it covers nothing already.
    """
    if not frame.intersects(target):
        return frame.topLeft()
    size = frame.size()
    wanted = (
        QPoint(frame.x(), target.bottom() + 1 + GAP),
        QPoint(frame.x(), target.top() - GAP - size.height()),
        QPoint(target.right() + 1 + GAP, frame.y()),
        QPoint(target.left() - GAP - size.width(), frame.y()),
    )

    def on_screen(point: QPoint) -> QPoint:
        x = max(screen.left(), min(point.x(), screen.right() + 1 - size.width()))
        y = max(screen.top(), min(point.y(), screen.bottom() + 1 - size.height()))
        return QPoint(x, y)

    def cost(point: QPoint) -> tuple[int, int]:
        covered = QRect(point, size).intersected(target)
        area = covered.width() * covered.height() if covered.isValid() else 0
        return area, (point - frame.topLeft()).manhattanLength()

    return min((on_screen(p) for p in wanted), key=cost)

"""The toolbar's icons, from the package's own SVGs (editor/assets/icons/actions)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from editor.assets import action_icon_file


def action_icon(name: str) -> QIcon:
    """The icon `name` ("new", "open", "save", "undo", "redo", "fill-totals", "check", "help")."""
    return QIcon(str(action_icon_file(name)))

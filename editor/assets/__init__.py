"""Runtime assets shipped inside the package (fonts, icons), found relative to this file."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent
BUNDLED_CJK_FONT = ASSETS / "fonts" / "wqy-microhei.ttc"
APP_ICON = ASSETS / "icons" / "nianbao-app.svg"
# The toolbar's own icons (SVG: sharp at 150 % scaling). The style's standard icons would cost
# building PySide's QStyle class, a dozen enums, ~7 ms of every start.
ACTION_ICONS = ASSETS / "icons" / "actions"


def action_icon_file(name: str) -> Path:
    """The SVG of the toolbar icon `name` ("save", "undo", …)."""
    return ACTION_ICONS / f"{name}.svg"

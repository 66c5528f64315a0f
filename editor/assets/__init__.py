"""Runtime assets shipped inside the package (fonts, icons), found relative to this file."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent
BUNDLED_CJK_FONT = ASSETS / "fonts" / "wqy-microhei.ttc"
APP_ICON = ASSETS / "icons" / "nianbao-app.svg"

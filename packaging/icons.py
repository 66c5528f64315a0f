"""Renders the SVG icons in resources/icons/ to the PNGs and the .ico the installers need.

Run by the PyInstaller spec and by build-deb.sh (`python packaging/icons.py OUTDIR`), so only the
SVG sources are committed. Qt draws the SVG (QtSvg is in PySide6-Essentials); Pillow writes the
multi-size .ico, because Qt's ico writer stores a single size.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_SOURCES = ROOT / "resources" / "icons"
ICONS = {"app": "nianbao-app.svg", "document": "nianbao-document.svg"}
# Windows Explorer picks 16–48 for lists and 256 for large tiles; hicolor themes want the same.
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, size: int, out: Path) -> Path:
    """Draws `svg` into a transparent size×size PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):  # the format follows the .png suffix
        raise OSError(f"cannot write {out}")
    return out


def write_ico(pngs: dict[int, Path], out: Path) -> Path:
    """One .ico holding every rendered size (drawn per size, not scaled down from 256)."""
    from PIL import Image

    images = [Image.open(pngs[s]).convert("RGBA") for s in sorted(pngs)]
    largest = images[-1]
    largest.save(
        out,
        format="ICO",
        sizes=[im.size for im in images],
        append_images=images[:-1],
    )
    return out


def render_all(out_dir: Path) -> dict[str, Path]:
    """Renders every icon into out_dir: NAME-SIZE.png for each size, NAME.ico, NAME.svg."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, file in ICONS.items():
        svg = ICON_SOURCES / file
        pngs = {s: render_png(svg, s, out_dir / f"{name}-{s}.png") for s in SIZES}
        written[f"{name}.ico"] = write_ico(pngs, out_dir / f"{name}.ico")
        copy = out_dir / f"{name}.svg"
        copy.write_bytes(svg.read_bytes())
        written[f"{name}.svg"] = copy
        for s, p in pngs.items():
            written[f"{name}-{s}.png"] = p
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/icons.py OUTDIR", file=sys.stderr)
        return 2
    for path in render_all(Path(argv[0])).values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

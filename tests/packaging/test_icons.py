"""The SVG icons render to transparent PNGs at every size and to one multi-size .ico."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.packaging.loader import load

icons = load("icons")


def test_render_all_writes_every_size_drawn_not_blank(tmp_path: Path) -> None:
    written = icons.render_all(tmp_path)
    for name in icons.ICONS:
        for size in icons.SIZES:
            with Image.open(written[f"{name}-{size}.png"]) as image:
                rgba = image.convert("RGBA")
                assert rgba.size == (size, size)
                alpha = rgba.getchannel("A")
                assert alpha.getpixel((0, 0)) == 0, "corners stay transparent"
                assert alpha.getpixel((size // 2, size // 2)) == 255, "the middle is drawn"
                assert len(rgba.getcolors(maxcolors=size * size) or []) > 3, (
                    "more than a flat shape"
                )


def test_render_all_ico_holds_every_size(tmp_path: Path) -> None:
    written = icons.render_all(tmp_path)
    for name in icons.ICONS:
        with Image.open(written[f"{name}.ico"]) as ico:
            assert ico.format == "ICO"
            assert set(ico.info["sizes"]) == {(s, s) for s in icons.SIZES}

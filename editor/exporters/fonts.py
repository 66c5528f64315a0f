"""Finds the GB/T 9704 faces (仿宋, 黑体, 楷体, 小标宋) on this machine, else the bundled font.

Qt-free: the PDF exporter registers what this module chooses with reportlab, and the GUI's 字体
dialog lists the same choice. Only TrueType-outline faces are accepted, because reportlab cannot
embed CFF outlines (Noto CJK), and never the non-embedded CID font STSong-Light.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from editor.assets import BUNDLED_CJK_FONT
from editor.domain.errors import UserError

# Set to "bundled" to ignore every font installed on the machine (tests, reproducible output).
FONTS_ENV = "NIANBAO_FONTS"


class FontRole(StrEnum):
    TITLE = "title"  # 2号 小标宋
    HEADING = "heading"  # "一、" level, 黑体
    SUBHEADING = "subheading"  # "（一）" level, 楷体
    BODY = "body"  # 3号 仿宋, also the tables


ROLE_NAMES: dict[FontRole, str] = {
    FontRole.TITLE: "标题（小标宋）",
    FontRole.HEADING: "一级标题（黑体）",
    FontRole.SUBHEADING: "二级标题（楷体）",
    FontRole.BODY: "正文与表格（仿宋）",
}


class FontSource(StrEnum):
    SYSTEM = "system"
    BUNDLED = "bundled"
    USER = "user"


SOURCE_NAMES = {
    FontSource.SYSTEM: "本机字体",
    FontSource.BUNDLED: "内置字体",
    FontSource.USER: "自选",
}


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int  # the face inside a .ttc collection
    family: str
    source: FontSource

    def describe(self) -> str:
        return f"{self.family}（{SOURCE_NAMES[self.source]}：{self.path.name}）"


# File names as Windows ships them (and as Linux users often copy them), best first.
_FILE_NAMES: dict[FontRole, tuple[str, ...]] = {
    FontRole.TITLE: ("FZXBSJW.TTF", "方正小标宋简体.ttf", "simhei.ttf", "simsun.ttc"),
    FontRole.HEADING: ("simhei.ttf",),
    FontRole.SUBHEADING: ("simkai.ttf", "STKAITI.TTF", "KAITI_GB2312.TTF"),
    FontRole.BODY: ("simfang.ttf", "STFANGSO.TTF", "FANGSONG_GB2312.TTF"),
}

# fontconfig family names (substrings, case-insensitive), best first.
_FAMILIES: dict[FontRole, tuple[str, ...]] = {
    FontRole.TITLE: ("小标宋", "XiaoBiaoSong", "SimHei", "黑体", "SimSun", "宋体"),
    FontRole.HEADING: ("SimHei", "黑体", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
    FontRole.SUBHEADING: ("KaiTi", "楷体", "STKaiti", "AR PL UKai"),
    FontRole.BODY: ("FangSong", "仿宋", "STFangsong"),
}

_LINUX_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)


def bundled_face() -> FontFace:
    return FontFace(BUNDLED_CJK_FONT, 0, "文泉驿微米黑", FontSource.BUNDLED)


def system_fonts_allowed() -> bool:
    return os.environ.get(FONTS_ENV, "").strip().lower() != "bundled"


def _windows_dir() -> Path | None:
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    return Path(windir) / "Fonts" if windir else None


@cache
def _files_by_name() -> dict[str, Path]:
    """Every font file in the usual directories, by lower-case file name (first found wins)."""
    found: dict[str, Path] = {}
    dirs: list[Path] = []
    windows = _windows_dir()
    if windows is not None:
        dirs.append(windows)
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    if sys.platform != "win32":
        dirs += _LINUX_DIRS
    for d in dirs:
        if not d.is_dir():
            continue
        for p in d.rglob("*"):
            if p.suffix.lower() in {".ttf", ".ttc"}:
                found.setdefault(p.name.lower(), p)
    return found


@dataclass(frozen=True)
class _Installed:
    path: Path
    index: int
    families: tuple[str, ...]


@cache
def _fontconfig_cjk() -> tuple[_Installed, ...]:
    """TrueType-outline fonts that fontconfig says cover Chinese (none without fc-list)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh:fontformat=TrueType", "file", "index", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    fonts = []
    for line in out.splitlines():
        # "/path/x.ttc: Family A,Family B:index=0"
        path, _, rest = line.partition(": ")
        family, _, index = rest.rpartition(":index=")
        if not path or not index.strip().isdigit():
            continue
        families = tuple(f.strip() for f in family.split(","))
        fonts.append(_Installed(Path(path), int(index), families))
    return tuple(sorted(fonts, key=lambda f: (str(f.path), f.index)))


def _by_file_name(role: FontRole) -> FontFace | None:
    files = _files_by_name()
    for name in _FILE_NAMES[role]:
        path = files.get(name.lower())
        if path is not None:
            return FontFace(path, 0, Path(name).stem, FontSource.SYSTEM)
    return None


def _by_family(role: FontRole) -> FontFace | None:
    installed = _fontconfig_cjk()
    for wanted in _FAMILIES[role]:
        for font in installed:
            if any(wanted.lower() in f.lower() for f in font.families):
                return FontFace(font.path, font.index, font.families[0], FontSource.SYSTEM)
    return None


def find_face(role: FontRole, *, system: bool = True) -> FontFace:
    """The best face for `role` on this machine, or the bundled one."""
    bundled = bundled_face()
    if system and system_fonts_allowed():
        face = _by_file_name(role) or _by_family(role)
        if face is not None and _same_file(face, bundled):
            return bundled  # the system's copy of our own font: load it once, not twice
        if face is not None and usable(face):
            return face
    return bundled


def _same_file(a: FontFace, b: FontFace) -> bool:
    try:
        return (
            a.index == b.index
            and a.path.name == b.path.name
            and a.path.stat().st_size == b.path.stat().st_size
        )
    except OSError:
        return False


def user_face(path: Path | str, index: int = 0) -> FontFace:
    """A face the user picked by file; raises UserError when reportlab cannot embed it."""
    face = FontFace(Path(path), index, Path(path).stem, FontSource.USER)
    load_font(face)
    return face


def choose_faces(
    overrides: Mapping[FontRole, Path | str] | None = None, *, system: bool = True
) -> dict[FontRole, FontFace]:
    """The face serving each role: the user's file where given, else the machine's, else bundled."""
    overrides = overrides or {}
    faces: dict[FontRole, FontFace] = {}
    for role in FontRole:
        picked = overrides.get(role)
        faces[role] = user_face(picked) if picked else find_face(role, system=system)
    return faces


def describe_faces(faces: Mapping[FontRole, FontFace]) -> list[tuple[str, str]]:
    """(role in words, face in words) rows for the 字体 dialog and the CLI."""
    return [(ROLE_NAMES[role], faces[role].describe()) for role in FontRole if role in faces]


def usable(face: FontFace) -> bool:
    return font_problem(face) is None


# Characters every face must have: Chinese, digits, Latin, and the full-width punctuation of labels.
_REQUIRED_CHARS = "中国年报0123456789A（）、“”—"


def font_name(face: FontFace) -> str:
    """The name the face is registered under in reportlab: one per file and index."""
    digest = hashlib.sha1(f"{face.path.resolve()}#{face.index}".encode()).hexdigest()[:10]
    return f"nianbao-{digest}"


@cache
def load_font(face: FontFace) -> TTFont:
    """Parses the face once per process (70–115 ms for a CJK font) and registers it with reportlab.

    Raises UserError when the face cannot be embedded in a PDF.
    """
    try:
        font = TTFont(font_name(face), str(face.path), subfontIndex=face.index)
    except TTFError as e:
        if "postscript" in str(e).lower():
            raise UserError(
                f"字体“{face.path.name}”是 CFF（PostScript）轮廓字体，无法嵌入 PDF，"
                "请选择 TrueType 字体。"
            ) from None
        raise UserError(f"字体“{face.path.name}”无法读取：{e}") from None
    except FileNotFoundError:
        raise UserError(f"字体“{face.path.name}”无法打开：文件不存在。") from None
    except OSError as e:
        raise UserError(f"字体“{face.path.name}”无法打开：{e.strerror or e}") from None
    except (ValueError, IndexError, KeyError, struct.error):
        # A damaged file trips reportlab's parser in many ways; none is worth a traceback.
        raise UserError(f"字体“{face.path.name}”已损坏或不是字体文件。") from None
    missing = [ch for ch in _REQUIRED_CHARS if ord(ch) not in font.face.charToGlyph]
    if missing:
        raise UserError(f"字体“{face.path.name}”缺少字符 {''.join(missing)}，不能用于年报。")
    pdfmetrics.registerFont(font)
    return font


def font_problem(face: FontFace) -> str | None:
    """Why reportlab cannot use `face` for the whole document, or None when it can."""
    try:
        load_font(face)
    except UserError as e:
        return str(e)
    return None


def faces_in(faces: Iterable[FontFace]) -> list[FontFace]:
    """The distinct faces, in first-use order (each is registered and embedded once)."""
    seen: dict[tuple[Path, int], FontFace] = {}
    for f in faces:
        seen.setdefault((f.path, f.index), f)
    return list(seen.values())

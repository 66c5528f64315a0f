"""Which files PyInstaller collects go into the bundle: the Qt parts the editor uses, no more.

The PySide6 hooks collect every plugin and translation of the Qt modules in use (160 MB). The
editor draws widgets with the raster engine on X11 (`xcb`), Windows, or `offscreen` (tests, the
smoke test), speaks Chinese only, and never touches the network, so the rest is dropped. The
rules work on the bundle's destination paths, which look the same on Linux
(`PySide6/Qt/plugins/platforms/libqxcb.so`) and Windows (`PySide6/plugins/platforms/qwindows.dll`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

# Qt plugin category -> plugin base names kept (file name without "lib" and the extension).
# A category not listed here is dropped whole: platformthemes (gtk3 pulls in GTK, the portal
# theme needs D-Bus services), tls and networkinformation (no network), wayland-* and egl
# (X11 and Windows only; UOS and Kylin desktops run X11), xcbglintegrations (no OpenGL
# widgets), generic (evdev), sqldrivers, qmltooling, designer.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows"}),
    # Chinese input: fcitx (fcitx 4 and fcitx5, UOS/Kylin's input method; built for this Qt by
    # packaging/fcitx/build-fcitx-plugin.sh) and ibus; compose for dead keys.
    "platforminputcontexts": frozenset(
        {
            "fcitxplatforminputcontextplugin",
            "ibusplatforminputcontextplugin",
            "composeplatforminputcontextplugin",
        }
    ),
    "imageformats": frozenset({"qsvg", "qico"}),
    "iconengines": frozenset({"qsvgicon"}),
    # None: keep all. Printing: CUPS on Linux, the spooler on Windows (打印 uses QPrinter).
    "printsupport": None,
    "styles": None,  # the native Windows 11/10 style
}

# Qt's own dialogs in Chinese; every other translation is dropped (14 MB).
KEPT_TRANSLATIONS = frozenset({"qtbase_zh_CN.qm"})

# Libraries only the dropped plugins or unused Qt modules need. Matched against the file name.
_DROPPED_LIBRARIES = re.compile(
    r"""^(lib)?(
        Qt6(Network|Qml\w*|Quick\w*|OpenGL\w*|Wayland\w*|Egl[Ff][Ss]\w*|Pdf\w*|VirtualKeyboard\w*|
            WlShellIntegration|Designer\w*|Sql|Test)
        |opengl32sw|d3dcompiler_\d+
        |gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|pango\w*-1\.0|cairo(-gobject)?
        |epoxy|wayland-(client|cursor|egl)|ssl|crypto|xkbcommon-x11-wayland
    )([.\-_]|$)""",
    re.VERBOSE,
)

# pdfminer's CMaps (for PDFs that use a predefined CJK encoding): the editor reads reports in
# Simplified Chinese, whose fonts use Adobe-GB1 (GB 2312, GBK, GB 18030, Unicode encodings).
# The Japanese, Korean and Traditional Chinese tables are 6 of its 8 MB. Without its CMap a font's
# text would come out empty, and the importer then says the PDF has no extractable text.
_CMAP_FILE = re.compile(r"(^|/)pdfminer/cmap/(?P<file>[^/]+)$")
_KEPT_CMAP = re.compile(r"^((Uni)?GB[^.]*|to-unicode-Adobe-GB1)\.")

_PLUGIN_DIR = re.compile(r"(^|/)plugins/(?P<category>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION_DIR = re.compile(r"(^|/)PySide6/(Qt/)?translations/(?P<file>[^/]+)$")


def _plugin_name(file: str) -> str:
    stem = file.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """True when the bundle file at `dest` (a path inside the bundle) is needed."""
    path = dest.replace("\\", "/")
    plugin = _PLUGIN_DIR.search(path)
    if plugin is not None and "PySide6" in path:
        category = plugin.group("category")
        if category not in KEPT_PLUGINS:
            return False
        names = KEPT_PLUGINS[category]
        return names is None or _plugin_name(plugin.group("file")) in names
    cmap = _CMAP_FILE.search(path)
    if cmap is not None:
        return _KEPT_CMAP.match(cmap.group("file")) is not None
    translation = _TRANSLATION_DIR.search(path)
    if translation is not None:
        return translation.group("file") in KEPT_TRANSLATIONS
    # python-docx's unpacked source of its default.docx (1 MB): nothing reads it at run time.
    if "docx/templates/default-docx-template/" in path:
        return False
    # Qt's .pyi stubs and typesystems are for developers, not for running.
    if path.startswith("PySide6/") and path.endswith((".pyi", ".xml", ".h")):
        return False
    return _DROPPED_LIBRARIES.match(PurePosixPath(path).name) is None


# Linux: libraries of the system itself (glibc, X11/xcb, fontconfig, GLib, D-Bus, OpenSSL, CUPS)
# are left to the system and declared as .deb dependencies (build-deb.sh asks dpkg-shlibdeps),
# not copied from the build machine: a copied libfontconfig or libdbus newer than the target's
# configuration and daemons is a classic cause of frozen-app failures, and the copies cost 25 MB.
_SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def from_system(source: str) -> bool:
    """True for a library PyInstaller found in the system's own library directories."""
    return source.replace("\\", "/").startswith(_SYSTEM_DIRS)


def slim(
    entries: Iterable[tuple[str, str, str]], *, system_libraries: bool = False
) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller TOC (dest, source, kind) that the bundle needs.

    With `system_libraries=False` (Linux), libraries found in the system's directories are left
    out as well.
    """
    return [
        (dest, source, kind)
        for dest, source, kind in entries
        if keep(dest) and (system_libraries or not from_system(source))
    ]

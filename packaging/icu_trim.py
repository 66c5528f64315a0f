"""A smaller ICU data library for the Linux bundle: Chinese and English only (31 MB -> about 4 MB).

PySide6's Linux wheels ship ICU, whose data library (`libicudata.so.NN`) carries every locale of
the world: collation, currency, language, region, unit and time-zone names for 800 locales,
word-break dictionaries for Thai, Khmer, Burmese and Chinese, and 190 legacy character sets. It is
a fifth of the installed editor. Qt uses ICU for collation (the file dialogs sort names with
QCollator), case mapping, time-zone names and the legacy codecs of QStringConverter, nothing
else; the editor runs in Chinese and reads no legacy-encoded text through Qt. So the bundle keeps
what a Chinese (and English) user touches: ICU's core tables (properties, aliases), the `root`,
`en` and `zh*` locales in the trees those functions read, and the Chinese character sets; ICU
falls back to `root` for the rest.

How: the data is one symbol (`icudtNN_dat`) in that library. It is copied out with objcopy,
thinned with ICU's own `icupkg -r`, and linked back into a library with the same soname and
symbol, so libicuuc loads it as before. Windows needs none of this: Qt uses Windows' own ICU.

Tools: objcopy (binutils), icupkg (icu-devtools), cc (gcc).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

# Locale resource names: "fr", "zh_Hans_CN", "sr_Latn_BA", "de_" (the alias of de__PHONEBOOK);
# not "pool" or "supplementalData".
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")
# Simplified Chinese (mainland, Singapore), English, and the root every lookup falls back to.
_KEPT_LOCALE = re.compile(r"^(root|en|en_US|zh|zh_CN|zh_SG|zh_Hans(_[A-Z]+)?)$")
# Character sets for Chinese text: GB 18030, GBK (windows-936 on ibm-1386), GB 2312 (EUC-CN),
# Big5 (windows-950 on ibm-1373).
_KEPT_CHARSET = re.compile(
    r"^(gb18030|windows-936-2000|ibm-1386_P100-2001|ibm-1383_P110-1999"
    r"|windows-950-2000|ibm-1373_P100-2002)$"
)
# Word-break dictionaries (Chinese/Japanese, Thai, Khmer, Lao, Burmese): Qt breaks lines itself.
_DICTIONARY = ".dict"

# What Qt asks ICU for is what libQt6Core imports from it (`nm -D --undefined-only`; Qt 6.8:
# QT_ICU_FUNCTIONS below, checked by tests/packaging/test_icu_trim.py): case mapping, collation,
# converters, and time-zone names through a calendar. None of those reads the data below, and
# no other library of the bundle links ICU:
_UNUSED_TREES = frozenset(
    {
        "translit",  # transliteration rules (utrans)
        "brkitr",  # break iterators (ubrk); Qt breaks text with its own tables
        "curr",  # currency names (ucurr); QLocale has its own CLDR data
        "lang",  # language and
        "region",  # region display names (uloc_getDisplay*)
        "unit",  # measure units (MeasureFormat)
        "rbnf",  # numbers spelled out (unum)
    }
)
_UNUSED_ITEMS = frozenset(
    {
        "unames.icu",  # character names (u_charName)
        "uts46.nrm",  # IDNA (uidna); QUrl has its own
        "nfkc.nrm",  # NFKC, NFKC_Casefold: IDNA, StringPrep and the spoof checker only
        "nfkc_cf.nrm",
        "confusables.cfu",  # the spoof checker (uspoof)
    }
)
# The ICU functions libQt6Core imports (6.8 and 6.11), named without ICU's version suffix.
QT_ICU_FUNCTIONS = re.compile(r"^(u_strTo(Lower|Upper)|ucal_\w+|ucnv_\w+|UCNV_\w+|ucol_\w+)$")

_SYMBOL = re.compile(r"^(icudt\d+_dat)$")


def keep_item(item: str) -> bool:
    """True for an ICU data item (as `icupkg -l` lists it, e.g. "coll/zh.res") the bundle needs."""
    tree, _, name = item.rpartition("/")
    if tree in _UNUSED_TREES or item in _UNUSED_ITEMS:
        return False
    stem, _, suffix = name.rpartition(".")
    if suffix == "res" and _LOCALE.match(stem):
        return _KEPT_LOCALE.match(stem) is not None
    if suffix == "cnv":
        return _KEPT_CHARSET.match(stem) is not None
    return not name.endswith(_DICTIONARY)


def dropped_items(items: Iterable[str]) -> list[str]:
    return [item for item in items if not keep_item(item)]


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True).stdout


def _data_symbol(library: Path) -> tuple[str, int]:
    """The data symbol's name and size, from the library's dynamic symbol table."""
    for line in _run("nm", "-D", "-S", "--defined-only", library).splitlines():
        fields = line.split()
        if len(fields) == 4 and _SYMBOL.match(fields[3]):
            return fields[3], int(fields[1], 16)
    raise RuntimeError(f"{library}: no icudtNN_dat symbol; not an ICU data library")


_MISSING = re.compile(r"depends on missing item (\S+)")


def _check_dependencies(full: Path, drop: Path) -> None:
    """Fails unless the only items still asked for after the removal are the dictionaries.

    brkitr/root.res names the word-break dictionaries; nothing the editor runs breaks words with
    ICU, so they may go. Any other missing item would be a real gap in the kept data.
    """
    check = subprocess.run(
        ["icupkg", "-r", str(drop), str(full), str(drop.with_suffix(".check.dat"))],
        capture_output=True,
        text=True,
    )
    missing = set(_MISSING.findall(check.stderr + check.stdout))
    gaps = sorted(item for item in missing if not item.endswith(_DICTIONARY))
    if gaps:
        raise RuntimeError(f"trimmed ICU data would lack items still in use: {', '.join(gaps)}")


def trim_icu_data(library: Path, out_dir: Path) -> Path:
    """Builds the trimmed twin of `library` (libicudata.so.NN) in out_dir; returns its path."""
    missing = [tool for tool in ("nm", "objcopy", "icupkg", "cc") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"trimming ICU data needs {', '.join(missing)} "
            "(apt-get install binutils icu-devtools gcc)"
        )
    symbol, size = _data_symbol(library)
    package = symbol.removesuffix("_dat") + "l"  # "icudt73l": the item prefix inside the data
    soname = library.name
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        rodata = tmp / "rodata.bin"
        # With no output file objcopy rewrites its input in place: that would be the installed
        # PySide6's library, and a running Qt's mapped ICU data. Always name a throwaway copy.
        _run("objcopy", f"--dump-section=.rodata={rodata}", library, tmp / "copy.so")
        blob = rodata.read_bytes()
        # The symbol opens .rodata (checked: a data library has nothing else there).
        full = tmp / f"{package}.dat"
        full.write_bytes(blob[:size])
        items = _run("icupkg", "-l", full).split()
        drop = tmp / "drop.txt"
        drop.write_text("\n".join(dropped_items(items)) + "\n", encoding="ascii")
        trimmed = tmp / "out" / f"{package}.dat"  # icupkg names items after the file name
        trimmed.parent.mkdir()
        _check_dependencies(full, drop)
        _run("icupkg", "--ignore-deps", "-r", drop, full, trimmed)
        assembly = tmp / "icudata.S"
        assembly.write_text(
            "\n".join(
                [
                    "    .section .rodata",
                    f"    .globl {symbol}",
                    f"    .type {symbol}, @object",
                    "    .balign 16",
                    f"{symbol}:",
                    f'    .incbin "{trimmed}"',
                    f"    .size {symbol}, . - {symbol}",
                    '    .section .note.GNU-stack,"",@progbits',
                    "",
                ]
            ),
            encoding="ascii",
        )
        result = out_dir / soname
        _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", result, assembly)
    return result


_DATA_LIBRARY = re.compile(r"^libicudata\.so\.\d+$")


def with_trimmed_icu_data(
    entries: Iterable[tuple[str, str, str]], work_dir: Path
) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, kind) whose ICU data library is the trimmed one.

    Entries without one (Windows, the command line's TOC) come back unchanged.
    """
    result = []
    for dest, source, kind in entries:
        if _DATA_LIBRARY.match(Path(dest).name):
            source = str(trim_icu_data(Path(source), work_dir))
        result.append((dest, source, kind))
    return result

"""The bundle's ICU data keeps Chinese and English and drops the rest, and Qt still works on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.packaging.loader import load

icu_trim = load("icu_trim")


@pytest.mark.parametrize(
    "item",
    [
        "root.res",
        "zh.res",
        "zh_Hans_CN.res",
        "en.res",
        "pool.res",
        "supplementalData.res",
        "likelySubtags.res",
        "zoneinfo64.res",
        "cnvalias.icu",
        "gb18030.cnv",
        "windows-936-2000.cnv",
        "ibm-1386_P100-2001.cnv",
        "coll/root.res",
        "coll/zh.res",
        "coll/ucadata.icu",
        "zone/zh_Hans.res",
        "zone/pool.res",
        "metaZones.res",
        "timezoneTypes.res",
        "windowsZones.res",
    ],
)
def test_keeps_the_core_and_the_chinese_and_english_locales(item: str) -> None:
    assert icu_trim.keep_item(item)


@pytest.mark.parametrize(
    "item",
    [
        "fr.res",
        "fr_CA.res",
        "sr_Latn_BA.res",
        "zh_Hant_TW.res",
        "yue.res",
        "coll/de.res",
        "coll/de_.res",
        "lang/ja.res",
        "brkitr/cjdict.dict",
        "brkitr/thaidict.dict",
        "translit/root.res",
        "ibm-943_P15A-2003.cnv",
        "ibm-1047_P100-1995.cnv",
        # what no function Qt imports from ICU reads (QT_ICU_FUNCTIONS)
        "brkitr/char.brk",
        "brkitr/root.res",
        "curr/pool.res",
        "curr/zh.res",
        "lang/zh.res",
        "region/zh.res",
        "unit/zh.res",
        "rbnf/zh.res",
        "unames.icu",
        "uts46.nrm",
        "nfkc.nrm",
        "nfkc_cf.nrm",
        "confusables.cfu",
    ],
)
def test_drops_other_locales_dictionaries_and_charsets(item: str) -> None:
    assert not icu_trim.keep_item(item)


def test_leaves_entries_without_icu_data_unchanged(tmp_path: Path) -> None:
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")]
    assert icu_trim.with_trimmed_icu_data(toc, tmp_path) == toc


# What Qt asks of ICU for a Chinese user, through each function it imports (QT_ICU_FUNCTIONS):
# pinyin collation, numeric and case-blind (the file dialogs sort with QCollator), locale case
# mapping, time-zone names of every kind, the GB 18030, GBK and Big5 codecs.
PROBE = textwrap.dedent(
    """
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone, Qt
    zh, en = QLocale(QLocale.Language.Chinese, QLocale.Country.China), QLocale("en_US")
    words = ["上海", "北京", "广州", "阿坝", "重庆", "zebra", "Apple"]
    print("collation", sorted(words, key=QCollator(zh).sortKey))
    numeric = QCollator(zh)
    numeric.setNumericMode(True)
    numeric.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    print("numeric", sorted(["第10章", "第9章", "b", "B", "a", "报告2.txt", "报告10.txt"],
                            key=numeric.sortKey))
    print("upper", QLocale("tr_TR").toUpper("istanbul"), zh.toUpper("abc"))
    print("lower", QLocale("tr_TR").toLower("İSTANBUL"), zh.toLower("ÀBΣ"))
    zone = QTimeZone(b"Asia/Shanghai")
    standard, long = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
    print("zone", zone.displayName(standard, long, zh))
    for name in (b"Asia/Shanghai", b"America/New_York", b"Europe/London", b"Asia/Urumqi"):
        for locale in (zh, en):
            print("zones", name, [QTimeZone(name).displayName(t, n, locale)
                                  for t in QTimeZone.TimeType for n in QTimeZone.NameType])
    print("codecs", [QStringDecoder(n).isValid() for n in ("GB18030", "GBK", "GB2312", "Big5")])
    print("loaded", [l.split()[-1] for l in open("/proc/self/maps") if "libicudata" in l][0])
    """
)


def _probe(**env: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()


def _installed_icu_data() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(sys.platform != "linux", reason="PySide6 ships ICU on Linux only")
def test_qt_on_the_trimmed_data_answers_as_on_the_full_data(tmp_path: Path) -> None:
    missing = [tool for tool in ("nm", "objcopy", "icupkg", "cc") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {missing} (scripts/setup.sh installs them)")
    full = _installed_icu_data()
    assert full is not None, "PySide6 without libicudata"

    before = full.read_bytes()
    trimmed = icu_trim.trim_icu_data(full, tmp_path / "icu")
    assert full.read_bytes() == before, "the installed library must be left as it was"

    assert trimmed.name == full.name
    assert trimmed.stat().st_size < full.stat().st_size / 4
    # LD_LIBRARY_PATH is searched before the RUNPATH ($ORIGIN) of Qt's libraries.
    on_trimmed = _probe(LD_LIBRARY_PATH=str(trimmed.parent))
    on_full = _probe()
    assert on_trimmed[-1] == f"loaded {trimmed}"
    assert on_full[-1] == f"loaded {full.resolve()}" or on_full[-1].endswith(full.name)
    assert on_trimmed[:-1] == on_full[:-1]
    answers = dict(line.split(" ", 1) for line in on_trimmed)
    assert answers["collation"] == "['阿坝', '北京', '重庆', '广州', '上海', 'Apple', 'zebra']"
    assert answers["zone"] == "中国标准时间"
    assert answers["codecs"] == "[True, True, True, True]"


@pytest.mark.skipif(sys.platform != "linux", reason="PySide6 ships ICU on Linux only")
def test_qt_asks_icu_only_for_what_the_trimmed_data_keeps() -> None:
    # The trim drops ICU data no function in QT_ICU_FUNCTIONS reads: a Qt that imports more of
    # ICU (or a Qt library other than QtCore that links it) needs the list reviewed.
    if shutil.which("nm") is None or shutil.which("readelf") is None:
        pytest.skip("needs nm and readelf (binutils; scripts/setup.sh installs them)")
    full = _installed_icu_data()
    assert full is not None, "PySide6 without libicudata"
    qt_dir = full.parent.parent
    core = qt_dir / "lib" / "libQt6Core.so.6"
    symbols = subprocess.run(
        ["nm", "-D", "--undefined-only", core], check=True, capture_output=True, text=True
    ).stdout.split()
    suffix = "_" + full.name.rsplit(".", 1)[-1]  # ICU's version suffix: "_73"
    imported = {s.removesuffix(suffix) for s in symbols if s.endswith(suffix)}
    assert imported, "libQt6Core imports nothing from ICU: is this Qt built with ICU?"
    assert sorted(f for f in imported if not icu_trim.QT_ICU_FUNCTIONS.match(f)) == []

    linking = []
    for library in sorted(qt_dir.rglob("*.so*")):
        if library.is_symlink() or library.name.startswith("libicu"):
            continue
        dynamic = subprocess.run(["readelf", "-d", library], capture_output=True, text=True)
        if "[libicu" in dynamic.stdout:
            linking.append(library.name)
    assert linking == ["libQt6Core.so.6"]

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
        "unames.icu",
        "uts46.nrm",
        "gb18030.cnv",
        "windows-936-2000.cnv",
        "ibm-1386_P100-2001.cnv",
        "coll/root.res",
        "coll/zh.res",
        "coll/ucadata.icu",
        "curr/pool.res",
        "zone/zh_Hans.res",
        "brkitr/char.brk",
        "brkitr/root.res",
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
    ],
)
def test_drops_other_locales_dictionaries_and_charsets(item: str) -> None:
    assert not icu_trim.keep_item(item)


def test_leaves_entries_without_icu_data_unchanged(tmp_path: Path) -> None:
    toc = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")]
    assert icu_trim.with_trimmed_icu_data(toc, tmp_path) == toc


# What Qt asks of ICU for a Chinese user: pinyin collation (the file dialogs sort with QCollator),
# locale case mapping (from ICU's root data), time-zone names, the GB 18030 and GBK codecs.
PROBE = textwrap.dedent(
    """
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    words = ["上海", "北京", "广州", "阿坝", "重庆", "zebra", "Apple"]
    print("collation", sorted(words, key=QCollator(zh).sortKey))
    print("upper", QLocale("tr_TR").toUpper("istanbul"), zh.toUpper("abc"))
    zone = QTimeZone(b"Asia/Shanghai")
    standard, long = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
    print("zone", zone.displayName(standard, long, zh))
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
    assert on_trimmed[0] == "collation ['阿坝', '北京', '重庆', '广州', '上海', 'Apple', 'zebra']"
    assert on_trimmed[2] == "zone 中国标准时间"
    assert on_trimmed[3] == "codecs [True, True, True, True]"

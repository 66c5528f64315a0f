"""Numbers as the prose writes them: Arabic, full-width and Chinese numerals (二十七, 一百零三)."""

from __future__ import annotations

import re

# Full-width digits, percent sign and full stop map one character to one, so offsets survive.
_WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_ANY_WIDE = re.compile("[０-９％．]")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = {"万": 10_000, "亿": 100_000_000}

CHINESE_NUMERAL_CHARS = "".join([*_DIGITS, *_UNITS, *_MYRIAD])


def normalize_width(text: str) -> str:
    """The text with full-width digits made ASCII; same length, same offsets."""
    return text.translate(_WIDE) if _ANY_WIDE.search(text) else text


def parse_chinese_numeral(text: str) -> int | None:
    """二十七 → 27, 一百零三 → 103, 十五 → 15, 三千一百一十九 → 3119; None if it is not one.

    Runs of bare digits ("三五件", "二〇二三") are not counts: an estimate or a year.
    """
    if not text or any(c not in _DIGITS and c not in _UNITS and c not in _MYRIAD for c in text):
        return None
    if all(c in _DIGITS for c in text):
        return _DIGITS[text] if len(text) == 1 else None
    total = 0  # completed 万/亿 groups
    section = 0  # the part below the current 万
    digit: int | None = None
    for c in text:
        if c in _DIGITS:
            if digit is not None and _DIGITS[c] != 0:
                return None  # two digits in a row without a unit: not a number
            digit = _DIGITS[c] if _DIGITS[c] != 0 else None
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            section += digit or 0
            if section == 0:
                return None
            total = (total + section) * _MYRIAD[c]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> int | float | None:
    """An Arabic (ASCII, thousands commas allowed) or Chinese numeral; None otherwise."""
    plain = text.replace(",", "")
    if plain.isascii():
        try:
            return float(plain) if "." in plain else int(plain)
        except ValueError:
            return None
    return parse_chinese_numeral(text)

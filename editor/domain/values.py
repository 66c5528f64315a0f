"""Typed or pasted text → a cell value, and whether a value fits its column.

Clerks type full-width digits (１２), thousands separators (1,234) and stray spaces; all are taken.
Anything else is refused with a reason the clerk understands.
"""

from __future__ import annotations

import math
import re

from editor.domain.errors import ValueInputError
from editor.domain.forms import ValueKind

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋　", "0123456789.,-+ ")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")

KIND_RULE: dict[ValueKind, str] = {
    ValueKind.COUNT: "应为不小于 0 的整数",
    ValueKind.MONEY: "应为不小于 0 的金额（可有小数）",
    ValueKind.SIGNED: "应为整数（减少可为负数）",
}


def parse_cell_text(text: str, kind: ValueKind) -> int | float | None:
    """The value typed as `text`; None for blank. Raises ValueInputError with the reason."""
    cleaned = text.translate(_FULL_WIDTH).strip().replace(" ", "")
    if cleaned.endswith("万元") and kind is ValueKind.MONEY:
        cleaned = cleaned[:-2]
    elif cleaned.endswith("元") and kind is ValueKind.MONEY:
        cleaned = cleaned[:-1]
    if cleaned == "":
        return None
    if _GROUPED.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _PLAIN.match(cleaned):
        if cleaned in {"/", "／", "-", "—", "无"}:
            raise ValueInputError(f"「{text}」不是数字：没有发生请填 0，不要用“{cleaned}”")
        raise ValueInputError(f"「{text}」不是数字，{KIND_RULE[kind]}")
    if "." in cleaned:
        number = float(cleaned)
        if kind is not ValueKind.MONEY:
            if number != int(number):
                raise ValueInputError(f"「{text}」有小数，{KIND_RULE[kind]}")
            return _check_sign(int(number), text, kind)
        return _check_sign(number, text, kind)
    return _check_sign(int(cleaned), text, kind)


def _check_sign(value: int | float, text: str, kind: ValueKind) -> int | float:
    if value < 0 and kind is not ValueKind.SIGNED:
        raise ValueInputError(f"「{text}」是负数，{KIND_RULE[kind]}")
    return value


def value_problem(value: object, kind: ValueKind) -> str | None:
    """Why a stored value does not fit its column, or None if it does."""
    if type(value) is int and (value >= 0 or kind is ValueKind.SIGNED):
        return None  # the common case, checked first: it runs for every cell on every keystroke
    if isinstance(value, bool) or not isinstance(value, int | float):
        return KIND_RULE[kind]
    if isinstance(value, float) and not math.isfinite(value):
        return KIND_RULE[kind]
    if kind is ValueKind.MONEY:
        return None if value >= 0 else KIND_RULE[kind]
    if isinstance(value, float) and value != int(value):
        return KIND_RULE[kind]
    if kind is ValueKind.COUNT and value < 0:
        return KIND_RULE[kind]
    return None


def format_value(value: int | float | None) -> str:
    """How a value is shown: whole numbers without a decimal point, blank as ""."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)

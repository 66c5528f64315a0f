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

# No count on the form reaches a billion; a larger number is a typo or a hostile file (and huge
# values overflow sums into infinity). Amounts are in 万元 or, in the 2019 format's 采购总金额,
# in 元: a province's procurement runs to 10^11 元, so money gets more room.
MAX_VALUE = 10**9
MAX_MONEY = 10**13
_MAX_DIGITS = 24  # before any conversion: int() of thousands of digits is slow, then refused


def too_large(kind: ValueKind) -> str:
    limit = MAX_MONEY if kind is ValueKind.MONEY else MAX_VALUE
    return f"超出合理范围（绝对值应不超过 {limit:,}）"


def limit_of(kind: ValueKind) -> int:
    return MAX_MONEY if kind is ValueKind.MONEY else MAX_VALUE


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
    if len(cleaned) > _MAX_DIGITS and _PLAIN.match(cleaned):
        raise ValueInputError(f"「{text[:30]}…」位数过多，{too_large(kind)}")
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
    if abs(value) > limit_of(kind):
        raise ValueInputError(f"「{text}」{too_large(kind)}")
    if value < 0 and kind is not ValueKind.SIGNED:
        raise ValueInputError(f"「{text}」是负数，{KIND_RULE[kind]}")
    return value


def value_problem(value: object, kind: ValueKind) -> str | None:
    """Why a stored value does not fit its column, or None if it does."""
    if type(value) is int and 0 <= value <= MAX_VALUE:
        return None  # the common case, checked first: it runs for every cell on every keystroke
    if isinstance(value, bool) or not isinstance(value, int | float):
        return KIND_RULE[kind]
    if isinstance(value, float) and not math.isfinite(value):
        return KIND_RULE[kind]
    if abs(value) > limit_of(kind):
        return too_large(kind)
    if kind is ValueKind.MONEY:
        return None if value >= 0 else KIND_RULE[kind]
    if isinstance(value, float) and value != int(value):
        return KIND_RULE[kind]
    if kind is ValueKind.COUNT and value < 0:
        return KIND_RULE[kind]
    return None


def format_value(value: object) -> str:
    """How a value is shown: whole numbers without a decimal point, blank as "".

    Never raises, whatever it is given: it runs inside paint and model code, where an exception
    can take the window down. A value that is not a finite number shows as "（无效）".
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return INVALID_SHOWN
    if isinstance(value, float):
        if not math.isfinite(value):
            return INVALID_SHOWN
        if abs(value) < 1e15 and value == int(value):
            return str(int(value))
        return repr(value)
    if abs(value) >= 10**30:
        return INVALID_SHOWN  # str() of a huge int is slow, and refused past 4,300 digits
    return str(value)


INVALID_SHOWN = "（无效）"

"""Typed input: what a clerk types is taken, or refused with a reason."""

from __future__ import annotations

import pytest

from editor.domain.errors import ValueInputError
from editor.domain.forms import ValueKind
from editor.domain.values import format_value, parse_cell_text, value_problem


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("12", ValueKind.COUNT, 12),
        ("１２", ValueKind.COUNT, 12),
        ("1,234", ValueKind.COUNT, 1234),
        ("１，２３４", ValueKind.COUNT, 1234),
        ("  7 ", ValueKind.COUNT, 7),
        ("", ValueKind.COUNT, None),
        ("   ", ValueKind.COUNT, None),
        ("3.0", ValueKind.COUNT, 3),
        ("5949.088667", ValueKind.MONEY, 5949.088667),
        ("3575394432.52元", ValueKind.MONEY, 3575394432.52),
        ("-4", ValueKind.SIGNED, -4),
        ("－４", ValueKind.SIGNED, -4),
    ],
)
def test_values_parse_accepts(text: str, kind: ValueKind, value: float | None) -> None:
    assert parse_cell_text(text, kind) == value


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("12a", ValueKind.COUNT, "不是数字"),
        ("abc", ValueKind.MONEY, "不是数字"),
        ("-1", ValueKind.COUNT, "负数"),
        ("1.5", ValueKind.COUNT, "小数"),
        ("/", ValueKind.COUNT, "填 0"),
        ("1,23", ValueKind.COUNT, "不是数字"),
        ("1.5", ValueKind.SIGNED, "小数"),
    ],
)
def test_values_parse_refuses_with_reason(text: str, kind: ValueKind, reason: str) -> None:
    with pytest.raises(ValueInputError) as info:
        parse_cell_text(text, kind)
    assert reason in str(info.value) and text in str(info.value)


def test_values_problem_and_format() -> None:
    assert value_problem(3, ValueKind.COUNT) is None
    assert value_problem(True, ValueKind.COUNT) is not None
    assert value_problem(float("nan"), ValueKind.MONEY) is not None
    assert value_problem(-2, ValueKind.SIGNED) is None
    assert (format_value(None), format_value(3.0), format_value(27)) == ("", "3", "27")
    assert format_value(5949.088667) == "5949.088667"

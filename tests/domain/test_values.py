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


@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), -float("inf"), 1.797e308, 10**5000, True, "x", [], 1e300],
    ids=["nan", "inf", "-inf", "max-double", "5000-digits", "bool", "str", "list", "1e300"],
)
def test_values_format_never_raises_and_never_shows_inf_or_nan(value: object) -> None:
    shown = format_value(value)  # type: ignore[arg-type]
    assert "inf" not in shown.lower() and "nan" not in shown.lower()
    assert len(shown) < 40


def test_values_huge_numbers_are_refused_quickly_with_a_reason() -> None:
    for text in ("9" * 5000, "1000000001", "-1000000001", "1e309"):
        with pytest.raises(ValueInputError) as info:
            parse_cell_text(text, ValueKind.SIGNED)
        assert "超出合理范围" in str(info.value) or "不是数字" in str(info.value)
    assert parse_cell_text("1000000000", ValueKind.COUNT) == 10**9
    assert parse_cell_text("3575394432.52", ValueKind.MONEY) == 3575394432.52
    assert value_problem(10**9 + 1, ValueKind.COUNT) is not None
    assert value_problem(1e13, ValueKind.MONEY) is None
    assert value_problem(1e13 + 1, ValueKind.MONEY) is not None

"""The digit-run splitter: number-shaped pieces, only splits the rules allow, always bounded."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.forms import ValueKind
from editor.importers.published.digits import parse_piece, split_run

COUNT7 = [ValueKind.COUNT] * 7
ROW_TOTAL = [(6, list(range(6)))]


def test_split_run_row_total_leaves_one_split() -> None:
    # The 平潭 2023 example from the samples' README.
    outcome = split_run(["801000081"], COUNT7, ROW_TOTAL)
    assert outcome.unique == (80, 1, 0, 0, 0, 0, 81)


def test_split_run_spaces_are_sure_boundaries() -> None:
    outcome = split_run(["230", "000023"], COUNT7, ROW_TOTAL)
    assert outcome.unique == (23, 0, 0, 0, 0, 0, 23)
    # "2,30,…" would need a piece to cross the space: never offered.
    assert all(c[0] != 2 for c in outcome.candidates)


def test_split_run_reports_every_fitting_split_when_ambiguous() -> None:
    outcome = split_run(["270020130"], COUNT7, ROW_TOTAL)
    assert outcome.unique is None
    assert set(outcome.candidates) == {(27, 0, 0, 2, 0, 1, 30), (2, 7, 0, 0, 20, 1, 30)}


def test_split_run_no_leading_zeros() -> None:
    outcome = split_run(["000"], [ValueKind.COUNT] * 3)
    assert outcome.candidates == ((0, 0, 0),)
    assert split_run(["0012"], [ValueKind.COUNT] * 2).candidates == ()
    assert split_run(["0102"], [ValueKind.COUNT] * 2).candidates == ((0, 102),)


def test_split_run_decimals_only_in_money_columns() -> None:
    outcome = split_run(["13575394432.52"], [ValueKind.COUNT, ValueKind.MONEY])
    assert (1, 3575394432.52) in outcome.candidates
    assert all(isinstance(c[0], int) for c in outcome.candidates)
    assert split_run(["1.5"], [ValueKind.COUNT]).candidates == ()


def test_split_run_minus_only_in_signed_columns() -> None:
    kinds = [ValueKind.COUNT, ValueKind.SIGNED]
    assert split_run(["35", "-15"], kinds).unique == (35, -15)
    assert split_run(["35", "-15"], [ValueKind.COUNT, ValueKind.COUNT]).candidates == ()


def test_split_run_long_run_is_bounded() -> None:
    started = time.perf_counter()
    outcome = split_run(["1" * 200], COUNT7, step_limit=50_000)
    assert outcome.exhausted
    assert outcome.unique is None
    assert time.perf_counter() - started < 30  # a guard against a hang, not a benchmark


def test_parse_piece_refuses_padded_numbers() -> None:
    assert parse_piece("07", ValueKind.COUNT) is None
    assert parse_piece("0", ValueKind.COUNT) == 0
    assert parse_piece("96171.6", ValueKind.MONEY) == 96171.6


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=300), min_size=6, max_size=6))
def test_split_run_true_row_is_always_a_candidate(parts: list[int]) -> None:
    row = (*parts, sum(parts))
    run = "".join(str(v) for v in row)
    outcome = split_run([run], COUNT7, ROW_TOTAL)
    assert not outcome.exhausted
    assert row in outcome.candidates
    for candidate in outcome.candidates:
        assert "".join(str(v) for v in candidate) == run
        assert sum(candidate[:6]) == candidate[6]

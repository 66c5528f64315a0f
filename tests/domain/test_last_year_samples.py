"""The rules against last year over the 平潭 chain (2019–2025, seven consecutive published reports),
each year imported with the published importer and checked against the year before.

No prose.last_year, text.change or text.period finding is expected: each year's text was
rewritten, none states a change the tables contradict, and every period is the report's own.
The cross_year.jump findings below are the figures that really changed that much; the values
were read by hand from the published texts (the digits run together there, e.g. 表二 "行政强制42").
"""

from __future__ import annotations

import copy
from functools import cache

import pytest

from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.domain.model import Report
from tests.conftest import SHARED_SAMPLES

pytestmark = pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")

NEW_RULES = frozenset({"prose.last_year", "text.change", "cross_year.jump", "text.period"})
ENFORCEMENT = CellRef("proactive", "enforcement", "decisions")
# year → {cell: (this year, last year)}, as published.
EXPECTED_JUMPS: dict[int, dict[CellRef, tuple[int, int]]] = {
    2020: {},
    # 本机关不掌握相关政府信息: "2200003252" → 22 … 3, 总计 25; 2020: "4000004" → 4.
    2021: {CellRef("requests", "unavailable_not_held", "total"): (25, 4)},
    # 表二 行政强制 本年处理决定数量: 42 (2021), 0 (2022), 54 (2023): a gap worth a look.
    2022: {ENFORCEMENT: (0, 42)},
    2023: {ENFORCEMENT: (54, 0)},
    # 不予公开 属于三类内部事务信息: 0 (2023), 32 (2024), 3 (2025).
    2024: {CellRef("requests", "withheld_internal", "total"): (32, 0)},
    2025: {
        CellRef("requests", "withheld_internal", "total"): (3, 32),
        # 行政复议 总计 7 (2024) → 36 (2025); the 2025 text itself says "行政复议36起".
        CellRef("appeals", "review", "total"): (36, 7),
    },
}


@cache
def _published(year: int) -> Report:
    from editor.importers.published import import_published

    return import_published(SHARED_SAMPLES / f"pingtan-{year}.txt").report


@pytest.mark.parametrize("year", sorted(EXPECTED_JUMPS))
def test_pingtan_chain_only_the_real_jumps(year: int) -> None:
    report = copy.deepcopy(_published(year))
    findings = [f for f in check_report(report, _published(year - 1)) if f.rule in NEW_RULES]
    assert {f.rule for f in findings} <= {"cross_year.jump"}, [f.message for f in findings]
    jumps = {f.cells[0]: (f.actual, f.expected) for f in findings}
    assert jumps == EXPECTED_JUMPS[year]


@pytest.mark.parametrize("year", sorted(EXPECTED_JUMPS))
def test_pingtan_chain_started_from_last_year_finds_the_same(year: int) -> None:
    """A report started from last year's published text, then written as that year's was:
    what the file keeps (values and prose) gives the same findings as `check --previous`."""
    from editor.importers.last_year import new_from_last_year

    started = new_from_last_year(SHARED_SAMPLES / f"pingtan-{year - 1}.txt", year).report
    actual = _published(year)
    started.prose = dict(actual.prose)
    started.tables = copy.deepcopy(actual.tables)
    findings = [f for f in check_report(started) if f.rule in NEW_RULES]
    assert {f.rule for f in findings} <= {"cross_year.jump"}, [f.message for f in findings]
    # The importer keeps only last year's values it is sure of: a subset of the jumps above.
    assert {f.cells[0] for f in findings} <= set(EXPECTED_JUMPS[year])


@pytest.mark.parametrize("year", sorted(EXPECTED_JUMPS))
def test_pingtan_chain_copied_unchanged_is_found(year: int) -> None:
    """The other way round: last year's text left as it was is found, field by field."""
    from editor.importers.last_year import new_from_last_year

    started = new_from_last_year(SHARED_SAMPLES / f"pingtan-{year - 1}.txt", year).report
    copied = {f.span.prose for f in check_report(started) if f.rule == "prose.last_year" and f.span}
    long_enough = {k for k, v in started.prose.items() if k != "opening" and len(v) >= 60}
    assert long_enough and long_enough <= copied

"""Last year's report as the rules comparing with it see it: values, their format and the prose.

It comes from `nianbao check --previous LAST` (a whole report) or from what a report started
from last year keeps (`previous`, `previous_form`, `previous_prose`). Only cells that mean the same
in both years' forms are given (spec §3.4): 2019's 对外公开总数量 is not 2021's 现行有效件数.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from editor.domain.forms import CellRef, FormDef, FormVersion, form_for
from editor.domain.model import Report, TableValues


class LastYear(NamedTuple):
    values: TableValues
    version: FormVersion
    prose: Mapping[str, str]
    same_cells: frozenset[CellRef] | None  # None: same form, every cell compares

    def get(self, ref: CellRef) -> int | float | None:
        if self.same_cells is not None and ref not in self.same_cells:
            return None
        return self.values.get(ref.table, {}).get(ref.row, {}).get(ref.column)

    def total(self, cells: tuple[CellRef, ...]) -> int | float | None:
        """The sum of `cells` last year; None when any of them is unknown (blank, not kept)."""
        out: int | float = 0
        for ref in cells:
            value = self.get(ref)
            if value is None:
                return None
            out += value
        return out


def last_year_of(report: Report, form: FormDef, previous: Report | None) -> LastYear | None:
    """Last year's report for `report`: `previous` when given, else what `report` keeps."""
    if previous is not None:
        version = previous.meta.form_version
        return LastYear(
            previous.tables, version, previous.prose, _same_cells(form.version, version)
        )
    if report.previous is None and not report.previous_prose:
        return None
    version = report.previous_form or form.version
    return LastYear(
        report.previous or {},
        version,
        report.previous_prose,
        _same_cells(form.version, version),
    )


@lru_cache(maxsize=4)
def _same_cells(this: FormVersion, last: FormVersion) -> frozenset[CellRef] | None:
    if this is last:
        return None
    return frozenset(form_for(this).cells) & frozenset(form_for(last).cells)

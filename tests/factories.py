"""Reports built from the form definitions for tests: consistent by construction, seeded."""

from __future__ import annotations

import random

from editor.domain.checks import sum_fill_values
from editor.domain.forms import CellRef, FormDef, FormVersion, ValueKind, form_for
from editor.domain.model import Meta, Report


def consistent_report(
    version: FormVersion = FormVersion.V2021,
    seed: int = 1,
    *,
    zero_share: float | None = None,
    high: int = 9,
) -> Report:
    """Every cell filled, every sum and the 表三 balance holding; prose present everywhere.

    Counts are 0–`high`; with `zero_share`, a count is 0 with that chance and 1–`high` otherwise
    (published reports are mostly zeros, which some print as empty cells)."""
    form = form_for(version)
    rng = random.Random(seed)
    year = 2023 if version is FormVersion.V2021 else 2020
    report = Report(
        meta=Meta(organ="测试县人民政府办公室", year=year, form_version=version),
        prose={p.key: f"{p.key} 的内容。" for p in form.prose_fields},
    )
    report.prose["other"] = "本年度收取信息处理费 120 元。"
    totals = {s.total for t in form.tables for s in t.sums}
    for ref in form.cells:
        if ref in totals:
            continue
        kind = form.table(ref.table).kind_of(ref)
        if kind is ValueKind.MONEY:
            report.set(ref, round(rng.uniform(0, 5000), 4))
        elif kind is ValueKind.SIGNED:
            report.set(ref, rng.randint(-5, 5))
        elif zero_share is None:
            report.set(ref, rng.randint(0, high))
        else:
            report.set(ref, 0 if rng.random() < zero_share else rng.randint(1, high))
    # 新收 must cover what was answered and carried out: raise it until the balance can hold.
    _balance(report, form)
    report.set_values(sum_fill_values(report, form))
    return report


def _balance(report: Report, form: FormDef) -> None:
    table = form.table("requests")
    parts = [r.key for r in table.rows if r.label_path[0] == "三、本年度办理结果"]
    parts = [k for k in parts if k != "results_total"]
    for column in (c.key for c in table.columns if c.key != "total"):
        answered = sum(report.get(CellRef("requests", r, column)) or 0 for r in parts)
        carried_in = report.get(CellRef("requests", "carried_in", column)) or 0
        carried_out = report.get(CellRef("requests", "carried_out", column)) or 0
        received = max(answered + carried_out - carried_in, 0)
        report.set(CellRef("requests", "received", column), received)
        # If carried_in alone exceeds what was answered and carried out, carry the rest out.
        report.set(
            CellRef("requests", "carried_out", column), received + carried_in - int(answered)
        )

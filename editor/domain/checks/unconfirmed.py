"""Cells an import could not read (the report's flagged cells) are to be confirmed, not errors.

A published report the importer could not read in full leaves those cells blank and flagged.
Until the clerk confirms or fills them, a rule that touches one cannot be judged: it is reported
as `value.unconfirmed` (a warning naming the unread cells) instead of an arithmetic error the
source does not have, and the unread cells are listed once per table instead of as blanks. The
clerk's own blanks (not flagged) keep every rule as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from editor.domain.checks.findings import RULES, Finding
from editor.domain.checks.tables import blank_message
from editor.domain.forms import CellRef, FormDef
from editor.domain.model import Report

RULE = "value.unconfirmed"
# Rules about a cell's own value, not about its relation to others: they stand as they are.
_OWN_VALUE = frozenset({"value.invalid", "label.variant"})
# Unread cells named in one message at most.
NAMED = 2


def unread_cells(report: Report) -> frozenset[CellRef]:
    """The flagged cells of the report that are cells of its form."""
    cells = report.form.cells
    out: set[CellRef] = set()
    for key in report.flagged_cells:
        parts = key.split(".")
        if len(parts) == 3:
            ref = CellRef(*parts)
            if ref in cells:
                out.add(ref)
    return frozenset(out)


def hold_unconfirmed(report: Report, findings: Iterable[Finding]) -> list[Finding]:
    """`findings` with every rule touching an unread cell turned into a 待确认 warning."""
    unread = unread_cells(report)
    if not unread:
        return list(findings)
    form = report.form
    out: list[Finding] = []
    for f in findings:
        touched = [c for c in f.cells if c in unread]
        if not touched or f.rule in _OWN_VALUE:
            out.append(f)
        elif f.rule == "value.blank":
            own = tuple(c for c in f.cells if c not in unread)
            if own:
                table = form.table(own[0].table)
                out.append(Finding(f.rule, blank_message(table.number, len(own)), own))
        else:
            out.append(_held(form, f, touched))
    out.extend(_listed(form, unread))
    return out


def _names(form: FormDef, refs: list[CellRef]) -> str:
    shown = "、".join(form.cell_name(r) for r in refs[:NAMED])
    return shown + (f" 等 {len(refs)} 个单元格" if len(refs) > NAMED else "")


def _held(form: FormDef, finding: Finding, touched: list[CellRef]) -> Finding:
    about = form.cell_name(finding.cells[0]) + "：" if finding.cells else ""
    message = (
        f"{about}待确认，暂不核对“{RULES[finding.rule].title}”：涉及导入时未能读取的"
        f"{_names(form, touched)}"
    )
    return Finding(RULE, message, finding.cells, span=finding.span)


def _listed(form: FormDef, unread: frozenset[CellRef]) -> list[Finding]:
    out: list[Finding] = []
    for table in form.tables:
        refs = [c for c in table.cells if c in unread]
        if refs:
            message = (
                f"{table.number}有 {len(refs)} 个单元格导入时未能读取，待确认（请对照原文"
                f"确认或填写）：{_names(form, refs)}"
            )
            out.append(Finding(RULE, message, tuple(refs)))
    return out

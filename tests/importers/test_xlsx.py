"""Excel import of our own workbooks: exact round trip (property test), edits made in Excel, CLI."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.cli import main
from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion, ValueKind, form_for
from editor.domain.model import Meta, Report
from editor.domain.storage import load_report
from editor.exporters.xlsx import export_xlsx
from editor.importers.result import NoteKind
from editor.importers.xlsx import import_xlsx, value_changes

# What a cell can hold: no control characters but the newline, no surrogates or non-characters.
_TEXT = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
_LINE = st.text(_TEXT, max_size=30)
_PROSE = st.text(st.one_of(_TEXT, st.just("\n")), max_size=200)


def _value(kind: ValueKind) -> st.SearchStrategy[int | float]:
    if kind is ValueKind.MONEY:
        # Amounts as a workbook holds them: Excel keeps 15 significant digits (and openpyxl
        # writes 16), so 5.960464477539063e-08 comes back as ...062e-08 from any .xlsx.
        return st.one_of(
            st.integers(0, 10**9),
            st.floats(0, 1e9, allow_nan=False, allow_infinity=False).map(
                lambda f: float(f"{f:.15g}")
            ),
        )
    if kind is ValueKind.SIGNED:
        return st.integers(-(10**6), 10**6)
    return st.integers(0, 10**9)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    version = draw(st.sampled_from(list(FormVersion)))
    form = form_for(version)
    meta = Meta(
        organ=draw(_LINE),
        year=draw(st.integers(2008, 2100)),
        form_version=version,
        signer=draw(_LINE),
        date=draw(_LINE),
        contact=draw(st.lists(st.text(_TEXT, min_size=1, max_size=20), max_size=3)),
    )
    keys = [p.key for p in form.prose_fields]
    prose = draw(st.dictionaries(st.sampled_from(keys), _PROSE, max_size=len(keys)))
    report = Report(meta=meta, prose=prose)
    for ref in draw(st.lists(st.sampled_from(form.cells), unique=True, max_size=60)):
        report.set(ref, draw(_value(form.table(ref.table).kind_of(ref))))
    if draw(st.booleans()):
        last = draw(st.sampled_from(list(FormVersion)))
        last_form = form_for(last)
        previous = Report(meta=Meta(year=2020, form_version=last))
        for ref in draw(st.lists(st.sampled_from(last_form.cells), unique=True, max_size=20)):
            previous.set(ref, draw(_value(last_form.table(ref.table).kind_of(ref))))
        report.previous = previous.tables
        report.previous_form = last
    report.draft_prose = draw(st.lists(st.sampled_from(keys), unique=True, max_size=3))
    cells = [c.key for c in form.cells]
    report.flagged_cells = draw(st.lists(st.sampled_from(cells), unique=True, max_size=3))
    return report


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_import_xlsx_reads_back_any_exported_report_exactly(report: Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xlsx"
        export_xlsx(report, path)
        result = import_xlsx(path)
    assert result.report == report
    assert not [n for n in result.notes if n.kind is not NoteKind.READ]


def test_import_xlsx_round_trips_the_sample_cell_for_cell(
    sample_report: Report, tmp_path: Path
) -> None:
    export_xlsx(sample_report, tmp_path / "s.xlsx")
    result = import_xlsx(tmp_path / "s.xlsx")
    assert result.report == sample_report


def test_import_xlsx_takes_numbers_changed_in_excel_and_flags_text(
    sample_report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "s.xlsx"
    export_xlsx(sample_report, path)
    wb = openpyxl.load_workbook(path)
    changed = CellRef("requests", "received", "natural")
    typed = CellRef("requests", "received", "business")
    wrong = CellRef("appeals", "review", "upheld")
    for ref, value in ((changed, 30), (typed, "１２"), (wrong, "/")):
        ((sheet, coordinate),) = list(wb.defined_names[f"nianbao.{ref.key}"].destinations)
        wb[sheet][coordinate.replace("$", "")] = value
    wb.save(path)
    result = import_xlsx(path)
    assert result.report.get(changed) == 30
    assert result.report.get(typed) == 12
    assert result.report.get(wrong) is None
    assert wrong.key in result.report.flagged_cells
    asks = [n for n in result.notes if n.kind is NoteKind.ASK]
    assert len(asks) == 1 and asks[0].cells == (wrong,) and "不要用" in asks[0].message


def test_import_xlsx_refuses_a_workbook_from_a_newer_version(
    sample_report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "s.xlsx"
    export_xlsx(sample_report, path)
    wb = openpyxl.load_workbook(path)
    wb["_nianbao"]["B2"] = 99
    wb.save(path)
    with pytest.raises(UserError, match="升级"):
        import_xlsx(path)


def test_value_changes_is_one_set_values_step_that_undoes(
    sample_report: Report, tmp_path: Path
) -> None:
    imported = copy.deepcopy(sample_report)
    ref = CellRef("requests", "received", "natural")
    imported.set(ref, 99)
    imported.set(CellRef("requests", "carried_in", "natural"), None)
    path = tmp_path / "i.xlsx"
    export_xlsx(imported, path)
    target = copy.deepcopy(sample_report)
    changes = value_changes(target, import_xlsx(path))
    assert changes == {ref: 99, CellRef("requests", "carried_in", "natural"): None}
    old = target.set_values(changes)
    assert target.tables == imported.tables
    target.set_values(old)
    assert target.tables == sample_report.tables


def test_value_changes_refuses_another_form_version(sample_report: Report, tmp_path: Path) -> None:
    other = Report(meta=Meta(year=2020, form_version=FormVersion.V2019))
    export_xlsx(other, tmp_path / "o.xlsx")
    with pytest.raises(UserError, match="年格式"):
        value_changes(sample_report, import_xlsx(tmp_path / "o.xlsx"))


def test_cli_export_then_import_xlsx_gives_back_the_report(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx, back = tmp_path / "r.xlsx", tmp_path / "r.nianbao"
    assert main(["export", str(sample_path), "-o", str(xlsx)]) == 0
    assert main(["import", str(xlsx), "-o", str(back)]) == 0
    assert load_report(back) == load_report(sample_path)
    assert "已读取" in capsys.readouterr().out


def test_cli_import_xlsx_says_what_is_wrong_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    assert main(["import", str(bad), "-o", str(tmp_path / "x.nianbao")]) == 2
    assert "不是 Excel 工作簿" in capsys.readouterr().err
    assert not (tmp_path / "x.nianbao").exists()

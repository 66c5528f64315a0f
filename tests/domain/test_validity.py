"""Values and texts are checked where they enter the model: the loader refuses what importers
repair, and whatever an importer produced, once repaired, is a file the loader accepts."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.domain.forms import CellRef, FormVersion
from editor.domain.model import Report
from editor.domain.storage import check_loadable, report_to_json
from editor.domain.validity import (
    MAX_PROSE_CHARS,
    MAX_TOTAL_PROSE_CHARS,
    clean_text,
    prose_room,
    repair_imported,
    report_problems,
)
from tests.factories import consistent_report

RECEIVED = CellRef("requests", "received", "natural")


def test_validity_clean_text_replaces_what_no_format_can_hold() -> None:
    assert clean_text("a\ud800b") == "a\ufffdb"
    assert clean_text("a\x00\x07b\x1b") == "ab"
    assert clean_text("a\x0bb\x0cc") == "a\nb\nc"
    assert clean_text("行一\n行二\t制表\r") == "行一\n行二\t制表\r"
    assert clean_text("\ufffe\uffff") == ""


def test_validity_sound_report_has_no_problems() -> None:
    assert report_problems(consistent_report()) == []
    assert report_problems(consistent_report(FormVersion.V2019)) == []


def _with(value: object) -> Report:
    report = consistent_report()
    report.tables["requests"]["received"]["natural"] = value  # type: ignore[assignment]
    return report


def test_validity_refuses_values_no_report_holds() -> None:
    for bad in (float("nan"), float("inf"), -1, 10**9 + 1, 10**40, 0.5, 1.797e308):
        problems = report_problems(_with(bad))
        assert len(problems) == 1, bad
        assert "nan" not in problems[0].lower() and "inf" not in problems[0].lower()
    assert report_problems(_with(10**9)) == []


def test_validity_money_gets_room_for_yuan() -> None:
    report = consistent_report(FormVersion.V2019)
    report.set(CellRef("proactive", "procurement", "amount"), 3575394432.52)
    assert report_problems(report) == []
    report.set(CellRef("proactive", "procurement", "amount"), 1e14)
    assert len(report_problems(report)) == 1


def test_validity_refuses_keys_that_do_not_exist() -> None:
    report = consistent_report()
    report.flagged_cells = ["requests..natural", "x", "requests.received.natural"]
    report.draft_prose = ["nonsense"]
    report.tables["requests"]["aliens"] = {"natural": 1}
    problems = report_problems(report)
    assert len(problems) == 4, problems


def test_validity_refuses_over_long_texts() -> None:
    report = consistent_report()
    report.meta.organ = "机" * 1001
    report.prose["overview"] = "字" * (MAX_PROSE_CHARS + 1)
    assert len(report_problems(report)) == 2
    report = consistent_report()
    for key in list(report.prose)[:4]:
        report.prose[key] = "字" * MAX_PROSE_CHARS
    assert any("总长" in p for p in report_problems(report))


def test_validity_prose_room_counts_both_limits() -> None:
    report = consistent_report()
    report.prose = {"overview": "字" * 100}
    assert prose_room(report, "overview") == MAX_PROSE_CHARS - 100
    report.prose = {k: "字" * MAX_PROSE_CHARS for k in ("overview", "opening", "other")}
    assert prose_room(report, "problems") == 0
    assert MAX_TOTAL_PROSE_CHARS == 3 * MAX_PROSE_CHARS


def test_validity_repair_drops_bad_values_flags_their_cells_and_says_so() -> None:
    report = _with(float("nan"))
    report.previous = {"requests": {"carried_out": {"natural": -5, "total": float("inf")}}}
    report.previous_form = FormVersion.V2021
    report.flagged_cells = ["x", "a..b"]
    report.prose["overview"] = "坏\ud800字\x00"
    notes = repair_imported(report)
    assert report_problems(report) == []
    assert RECEIVED.key in report.flagged_cells and "x" not in report.flagged_cells
    assert report.previous == {"requests": {}}  # the table stays known, its bad values gone
    assert report.prose["overview"] == "坏\ufffd字"
    assert len(notes) == 3
    assert all(not any(w in n.lower() for w in ("nan", "inf")) for n in notes)


nasty_numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([10**9, 10**9 + 1, 10**13, -1, 0]),
)
nasty_text = st.text(
    alphabet=st.sampled_from(["字", "a", "\ud800", "\x00", "\x0b", "\n", "\ufffe", "1"]),
    max_size=50,
)


@settings(max_examples=60, deadline=None)
@given(
    values=st.dictionaries(st.sampled_from(consistent_report().form.cells), nasty_numbers),
    previous=st.dictionaries(st.sampled_from(consistent_report().form.cells), nasty_numbers),
    prose=st.dictionaries(st.sampled_from(["overview", "other", "bogus"]), nasty_text),
    flagged=st.lists(st.sampled_from(["x", "requests.received.natural", "a.b.c", ""])),
    organ=nasty_text,
)
def test_validity_any_import_once_repaired_is_a_file_the_loader_accepts(
    values: dict[CellRef, object],
    previous: dict[CellRef, object],
    prose: dict[str, str],
    flagged: list[str],
    organ: str,
) -> None:
    report = consistent_report()
    for ref, value in values.items():
        report.tables.setdefault(ref.table, {}).setdefault(ref.row, {})[ref.column] = value  # type: ignore[assignment]
    report.previous = {}
    for ref, value in previous.items():
        report.previous.setdefault(ref.table, {}).setdefault(ref.row, {})[ref.column] = value  # type: ignore[assignment]
    report.prose.update(prose)
    report.flagged_cells = flagged
    report.meta.organ = organ
    repair_imported(report)
    check_loadable(report, name="导入结果")  # raises if the loader would refuse it
    text = report_to_json(report)
    assert not any(
        math.isnan(v) for t in report.tables.values() for r in t.values() for v in r.values()
    )
    assert "\\ud800" not in text


def test_validity_last_years_prose_is_bounded_and_cleaned_too() -> None:
    report = consistent_report()
    report.previous_prose = {"overview": "字" * (MAX_PROSE_CHARS + 1), "nonsense": "x"}
    assert len(report_problems(report)) == 2
    report.previous_prose["overview"] += "\ud800"
    repair_imported(report)
    assert report_problems(report) == []
    assert set(report.previous_prose) == {"overview"}
    assert "\ud800" not in report.previous_prose["overview"]

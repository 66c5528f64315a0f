"""The 填写说明 covers every section and table row of both formats, keyed by the form's keys."""

from __future__ import annotations

import pytest

from editor.domain.forms import FORM_2019, FORM_2021, FormDef
from editor.domain.guidance import COLUMN_GUIDE, ROW_GUIDE, SECTION_GUIDE, section_guides

FORMS = [FORM_2021, FORM_2019]


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.version.value)
def test_guidance_every_section_and_row_has_its_words(form: FormDef) -> None:
    guides = section_guides(form)
    assert [g.title for g in guides] == [s.title for s in form.sections]
    for guide in guides:
        assert guide.text, guide.key
        for row in guide.rows:
            assert row.text, (row.table, row.row)
            # The label is the form's own, never a copy kept here.
            assert row.label == form.table(row.table).row_by_key[row.row].label


def test_guidance_keys_all_exist_in_a_form() -> None:
    sections = {s.key for f in FORMS for s in f.sections}
    rows = {(t.key, r.key) for f in FORMS for t in f.tables for r in t.rows}
    columns = {(t.key, c.key) for f in FORMS for t in f.tables for c in t.columns}
    assert set(SECTION_GUIDE) <= sections
    assert set(ROW_GUIDE) <= rows
    assert set(COLUMN_GUIDE) <= columns


def test_guidance_sums_are_read_from_the_form() -> None:
    requests = next(g for g in section_guides(FORM_2021) if g.key == "requests")
    total = next(r for r in requests.rows if r.row == "results_total")
    assert "（一）予以公开" in total.adds_up and "21 行" in total.adds_up
    assert "自然人" in requests.table_note and "总计" in requests.table_note
    old = next(g for g in section_guides(FORM_2019) if g.key == "requests")
    assert "（六）其他处理" in next(r for r in old.rows if r.row == "results_total").adds_up

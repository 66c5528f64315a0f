"""Lints the form definitions themselves: keys, labels against the spec, spans, rule references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.domain.forms import FORM_2019, FORM_2021, FORMS, FormDef, TableShape
from editor.domain.layout import CellRole, table_layout

SPEC = Path(__file__).resolve().parents[2] / "docs" / "format-spec.md"
ALL_TABLES = [(f.version.value, t) for f in FORMS.values() for t in f.tables]


def _spec() -> str:
    return SPEC.read_text(encoding="utf-8")


def _spec_requests_rows() -> dict[str, str]:
    """key → label from the spec's 表三 code block (lines 'key   label')."""
    block = _spec().split("Rows (indentation shows")[1].split("```")[1]
    rows: dict[str, str] = {}
    for line in block.splitlines():
        m = re.match(r"^([a-z_]+)\s+(\S.*)$", line)
        if m:
            rows[m.group(1)] = m.group(2).strip()
    return rows


def _spec_group_labels() -> list[str]:
    block = _spec().split("Rows (indentation shows")[1].split("```")[1]
    return [line.strip() for line in block.splitlines() if line.startswith(" ") and line.strip()]


@pytest.mark.parametrize("form", FORMS.values(), ids=lambda f: f.version.value)
def test_forms_keys_unique(form: FormDef) -> None:
    assert len({t.key for t in form.tables}) == len(form.tables)
    for table in form.tables:
        assert len({r.key for r in table.rows}) == len(table.rows)
        assert len({c.key for c in table.columns}) == len(table.columns)
        assert len(set(table.cells)) == len(table.cells)
    prose = [p.key for p in form.prose_fields]
    assert len(set(prose)) == len(prose)


def test_forms_requests_labels_match_spec() -> None:
    expected = _spec_requests_rows()
    table = FORM_2021.table("requests")
    assert {r.key: r.label for r in table.rows} == expected
    groups = {p for r in table.rows for p in r.label_path[:-1]}
    assert groups <= set(_spec_group_labels())


def test_forms_requests_columns_and_corner_match_spec() -> None:
    text = _spec()
    columns = dict(re.findall(r"`([a-z_]+)` ([\u4e00-\u9fff]+)", text.split("Columns:")[1][:300]))
    table = FORM_2021.table("requests")
    assert {c.key: c.label for c in table.columns} == columns
    assert table.corner in text
    assert len(table.rows) == 25 and len(table.cells) == 175
    assert len(FORM_2019.table("requests").rows) == 23


def test_forms_proactive_and_appeals_labels_appear_in_spec() -> None:
    text = _spec()
    for form in FORMS.values():
        for key in ("proactive", "appeals"):
            table = form.table(key)
            for row in table.rows:
                assert all(f"{part}" in text for part in row.label_path), row
            for column in table.columns:
                assert column.label in text, column
                assert f"`{column.key}`" in text, column.key
    for block in FORM_2021.table("proactive").blocks:
        assert f"`{block.heading}`" in text


def test_forms_section_titles_match_spec() -> None:
    text = _spec()
    for form in FORMS.values():
        for section in form.sections:
            assert section.title in text
    subheads = [p.heading for p in FORM_2021.section_by_key["overview"].prose if p.heading]
    assert len(subheads) == 5
    # The spec names the topics (主动公开、依申请公开、…) and the first and last sub-head.
    assert all(h[3:] in text for h in subheads)
    assert f"`{subheads[0]}`" in text and f"`{subheads[-1]}`" in text


@pytest.mark.parametrize(("version", "table"), ALL_TABLES, ids=lambda x: getattr(x, "key", x))
def test_forms_relations_name_real_cells(version: str, table: object) -> None:
    from editor.domain.forms import TableDef

    assert isinstance(table, TableDef)
    for s in table.sums:
        assert s.total in table.cell_set
        assert set(s.parts) <= table.cell_set
        assert s.total not in s.parts
    for b in table.balances:
        assert set(b.left) | set(b.right) <= table.cell_set


@pytest.mark.parametrize(("version", "table"), ALL_TABLES, ids=lambda x: getattr(x, "key", x))
def test_layout_covers_grid_without_overlap(version: str, table: object) -> None:
    from editor.domain.forms import TableDef

    assert isinstance(table, TableDef)
    layout = table_layout(table)
    covered: dict[tuple[int, int], object] = {}
    for cell in layout.cells:
        assert cell.row_span >= 1 and cell.column_span >= 1
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                assert (r, c) not in covered, (r, c)
                covered[(r, c)] = cell
    assert len(covered) == layout.row_count * layout.column_count
    refs = [c.ref for c in layout.cells if c.role is CellRole.VALUE]
    assert sorted(refs) == sorted(table.cells)
    for ref in table.cells:
        assert layout.ref_at(*layout.position_of(ref)) == ref


def test_layout_requests_spans_as_printed() -> None:
    layout = table_layout(FORM_2021.table("requests"))
    by_text = {c.text: c for c in layout.cells if c.text}
    assert (layout.row_count, layout.column_count, layout.header_row_count) == (28, 10, 3)
    corner = by_text[FORM_2021.table("requests").corner]
    assert (corner.row_span, corner.column_span) == (3, 3)
    assert by_text["申请人情况"].column_span == 7
    assert (by_text["自然人"].row_span, by_text["总计"].row_span) == (2, 2)
    assert by_text["法人或其他组织"].column_span == 5
    assert by_text["三、本年度办理结果"].row_span == 22
    assert by_text["（三）不予公开"].row_span == 8
    assert by_text["一、本年新收政府信息公开申请数量"].column_span == 3
    assert by_text["（七）总计"].column_span == 2


def test_layout_appeals_is_one_row_of_fifteen() -> None:
    layout = table_layout(FORM_2021.table("appeals"))
    assert (layout.row_count, layout.column_count) == (4, 15)
    headers = {c.text: c for c in layout.cells if c.role is CellRole.HEADER and c.row < 2}
    assert headers["行政复议"].column_span == 5
    assert headers["行政诉讼"].column_span == 10
    assert headers["未经复议直接起诉"].column_span == 5
    review_outcomes = [c for c in layout.cells if c.row == 1 and c.column < 5]
    assert all(c.row_span == 2 for c in review_outcomes)


def test_layout_proactive_blocks() -> None:
    table = FORM_2021.table("proactive")
    assert table.shape is TableShape.BLOCKS
    layout = table_layout(table)
    headings = [c for c in layout.cells if c.role is CellRole.BLOCK_HEADING]
    assert [h.text for h in headings] == [b.heading for b in table.blocks]
    assert all(h.column_span == 4 for h in headings)
    fee = next(c for c in layout.cells if c.text == "本年收费金额（单位：万元）")
    assert fee.column_span == 3

"""The report dataclasses take exactly what the pydantic models took, and refuse the same way.

model.py checks values itself when they are exactly of their types and hands anything else to
the pydantic models (report_schema.py); here generated variants of a real document — values of
every JSON type put anywhere, keys added and removed — are read both ways and must agree.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from editor.domain import report_schema
from editor.domain.forms import FormVersion
from editor.domain.model import MAX_YEAR, MIN_YEAR, Meta, Report
from tests.conftest import SAMPLE

DOCUMENT: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
DOCUMENT["previous"] = copy.deepcopy(DOCUMENT["tables"])
DOCUMENT["previous_form"] = "2021"

# Values of every kind a JSON file (or a careless caller) can put in a place.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "2021", "2019", "2023", "nianbao", "字", "1.5"]),
    st.lists(st.sampled_from(["a", 1, None]), max_size=2),
    st.dictionaries(st.sampled_from(["a", "natural"]), st.sampled_from([1, "x"]), max_size=2),
)


def _paths(node: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every place in the document (each key of each object, at any depth)."""
    out: list[tuple[str, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((*prefix, key))
            out.extend(_paths(value, (*prefix, key)))
    return out


PATHS = _paths(DOCUMENT)


def _both_ways(document: dict[str, Any]) -> None:
    try:
        expected = report_schema.Report.model_validate(copy.deepcopy(document))
    except ValidationError as e:
        with pytest.raises(ValidationError) as got:
            Report.from_document(document)
        assert got.value.errors() == e.errors()
        assert got.value.title == "Report"
        return
    report = Report.from_document(document)
    assert report.to_document() == expected.model_dump(mode="json")
    assert type(report.meta.form_version) is FormVersion


def _at(document: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The parent of `path`'s last key; None where an earlier change put a non-object on the way."""
    node: Any = document
    for key in path[:-1]:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), ODD_VALUES), min_size=1, max_size=3))
def test_model_reads_odd_values_as_the_pydantic_models_did(
    changes: list[tuple[tuple[str, ...], object]],
) -> None:
    document = copy.deepcopy(DOCUMENT)
    for path, value in changes:
        parent = _at(document, path)
        if isinstance(parent, dict):
            parent[path[-1]] = value
    _both_ways(document)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PATHS), st.booleans())
def test_model_reads_missing_and_unknown_keys_as_the_pydantic_models_did(
    path: tuple[str, ...], remove: bool
) -> None:
    document = copy.deepcopy(DOCUMENT)
    parent = _at(document, path)
    if remove:
        parent.pop(path[-1], None)
    else:
        parent["不认识的项"] = 1
    _both_ways(document)


def test_model_reads_a_saved_report_without_pydantic_coercion() -> None:
    report = Report.from_document(copy.deepcopy(DOCUMENT))
    assert report.to_document() == {**DOCUMENT, "previous_form": "2021"}
    assert report.previous_form is FormVersion.V2021


def test_model_coerces_like_pydantic_when_made_by_code() -> None:
    meta = Meta(year="2023", form_version="2021", organ="机关")  # type: ignore[arg-type]
    assert meta.year == 2023 and meta.form_version is FormVersion.V2021
    report = Report(meta=meta, draft_prose=("overview",))  # type: ignore[arg-type]
    assert report.draft_prose == ["overview"]


def test_model_refuses_like_pydantic_when_made_by_code() -> None:
    with pytest.raises(ValidationError) as year:
        Meta(year=MAX_YEAR + 1, form_version=FormVersion.V2021)
    assert [(e["loc"], e["type"]) for e in year.value.errors()] == [(("year",), "less_than_equal")]
    with pytest.raises(ValidationError) as value:
        Report(
            meta=Meta(year=MIN_YEAR, form_version=FormVersion.V2019),
            tables={"requests": {"received": {"natural": True}}},
        )
    assert {e["loc"][:4] for e in value.value.errors()} == {
        ("tables", "requests", "received", "natural")
    }


def test_model_copies_the_containers_it_is_given() -> None:
    prose = {"overview": "一"}
    report = Report(meta=Meta(year=2023, form_version=FormVersion.V2021), prose=prose)
    prose["overview"] = "二"
    assert report.prose == {"overview": "一"}


def test_model_meta_given_as_a_mapping_becomes_a_meta_on_either_path() -> None:
    quick = Report(meta={"year": 2023, "form_version": "2021"})  # exactly of its types
    slow = Report(meta={"year": "2023", "form_version": "2021"})  # coerced by the schema
    assert type(quick.meta) is Meta and type(slow.meta) is Meta
    assert quick == slow
    loaded = Report.from_document(copy.deepcopy(DOCUMENT))
    assert type(loaded.meta) is Meta and loaded.to_document() == DOCUMENT

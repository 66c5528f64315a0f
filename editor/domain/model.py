"""The report: meta, the prose of each section, and the table values keyed by stable cell keys."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from editor.domain.forms import CellRef, FormDef, FormVersion, form_for, form_version_for_year

FILE_FORMAT_ID = "nianbao"
SCHEMA_VERSION = 2
MIN_YEAR, MAX_YEAR = 2008, 2100  # the report years a file may hold

# A stored value. Counts are ints; 万元/元 amounts may be floats. Blank is absence, never 0.
Number = int | float
TableValues = dict[str, dict[str, dict[str, Number]]]

# Plain dataclasses, checked when made (from a file or by code) as strictly as the pydantic models
# they replace: a quick check takes values that are exactly of their types, copying containers as
# pydantic did; anything else goes to those models (report_schema.py, imported only then), which
# coerce or raise pydantic's ValidationError as before. Importing pydantic cost the window's
# start-up over 100 ms; no file the editor saves needs it.


@dataclass(kw_only=True)
class Meta:
    organ: str = ""  # 机关全称, as in the title and usually the 落款
    year: int  # the report year, MIN_YEAR..MAX_YEAR
    form_version: FormVersion  # which national format the tables follow
    signer: str = ""  # 落款: the organ's name printed at the end
    date: str = ""  # 成文日期, e.g. 2025年1月20日
    contact: list[str] = field(default_factory=list)  # contact lines (地址、电话、邮箱)

    def __post_init__(self) -> None:
        checked = _quick_meta(vars(self))
        if checked is None:
            from editor.domain.report_schema import validated_meta

            checked = validated_meta(vars(self))
        vars(self).update(checked)


@dataclass(kw_only=True)
class Report:
    """One annual report; `tables[table][row][column]` holds a value, absence means blank.

    The fields are the file's keys, in the file's order (to_document)."""

    format: str = FILE_FORMAT_ID
    schema_version: int = SCHEMA_VERSION
    meta: Meta
    prose: dict[str, str] = field(default_factory=dict)  # text by prose key (the form's fields)
    tables: TableValues = field(default_factory=dict)
    # Last year's values, kept as a reference and for the cross-year rules, and their format.
    previous: TableValues | None = None
    previous_form: FormVersion | None = None
    draft_prose: list[str] = field(default_factory=list)  # copied from last year, not yet edited
    flagged_cells: list[str] = field(default_factory=list)  # cell keys an import left to confirm
    # Last year's text by prose key, kept by "new from last year" to tell copied prose (内容雷同)
    # from rewritten; empty when unknown.
    previous_prose: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        vars(self).update(_checked_report(vars(self)))

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> Report:
        """The report a file's JSON object holds; raises pydantic's ValidationError if it is
        not one (missing or unknown keys, values of the wrong type)."""
        # Checked (and its containers copied) once: the constructor would do it all again.
        report = object.__new__(cls)
        vars(report).update(_checked_report(document))
        return report

    def to_document(self) -> dict[str, Any]:
        """The report as the file's JSON object: plain dicts and lists, keys in file order."""
        meta = self.meta
        return {
            "format": self.format,
            "schema_version": self.schema_version,
            "meta": {
                "organ": meta.organ,
                "year": meta.year,
                "form_version": meta.form_version.value,
                "signer": meta.signer,
                "date": meta.date,
                "contact": list(meta.contact),
            },
            "prose": dict(self.prose),
            "tables": _copied(self.tables),
            "previous": None if self.previous is None else _copied(self.previous),
            "previous_form": None if self.previous_form is None else self.previous_form.value,
            "draft_prose": list(self.draft_prose),
            "flagged_cells": list(self.flagged_cells),
            "previous_prose": dict(self.previous_prose),
        }

    @property
    def form(self) -> FormDef:
        return form_for(self.meta.form_version)

    @property
    def title(self) -> str:
        return f"{self.meta.organ}{self.meta.year}年政府信息公开工作年度报告"

    def get(self, ref: CellRef) -> int | float | None:
        return self.tables.get(ref.table, {}).get(ref.row, {}).get(ref.column)

    def set(self, ref: CellRef, value: int | float | None) -> int | float | None:
        """Sets one cell (None blanks it) and returns what it held."""
        rows = self.tables.setdefault(ref.table, {})
        columns = rows.setdefault(ref.row, {})
        old = columns.get(ref.column)
        if value is None:
            columns.pop(ref.column, None)
            if not columns:
                del rows[ref.row]
        else:
            columns[ref.column] = value
        return old

    def set_values(
        self, changes: Mapping[CellRef, int | float | None]
    ) -> dict[CellRef, int | float | None]:
        """Applies changes; returns the old values of the same cells (for undo)."""
        return {ref: self.set(ref, value) for ref, value in changes.items()}

    def filled_cells(self) -> Iterator[tuple[CellRef, int | float]]:
        for table, rows in self.tables.items():
            for row, columns in rows.items():
                for column, value in columns.items():
                    yield CellRef(table, row, column), value

    def flat_values(self) -> dict[CellRef, int | float]:
        """Every filled cell in one flat mapping, for code that reads many cells (the checks).

        Keys are plain (table, row, column) tuples, which hash and compare equal to CellRefs and
        are much cheaper to build.
        """
        return {
            (table, row, column): value  # type: ignore[misc]
            for table, rows in self.tables.items()
            for row, columns in rows.items()
            for column, value in columns.items()
        }

    def previous_value(self, ref: CellRef) -> int | float | None:
        if self.previous is None:
            return None
        return self.previous.get(ref.table, {}).get(ref.row, {}).get(ref.column)


def new_report(year: int, organ: str = "") -> Report:
    """An empty report in the format `year` requires."""
    return Report(meta=Meta(organ=organ, year=year, form_version=form_version_for_year(year)))


def values_of(report: Report) -> dict[CellRef, int | float]:
    return dict(report.filled_cells())


def nested_values(values: Mapping[CellRef, int | float]) -> TableValues:
    out: TableValues = {}
    for ref, value in values.items():
        out.setdefault(ref.table, {}).setdefault(ref.row, {})[ref.column] = value
    return out


def _copied(values: TableValues) -> TableValues:
    return {t: {r: dict(columns) for r, columns in rows.items()} for t, rows in values.items()}


_META_FIELDS = frozenset(f.name for f in fields(Meta))
_REPORT_FIELDS = frozenset(f.name for f in fields(Report))
_OPTIONAL = frozenset(("previous", "previous_form"))  # may be None
_FORM_VERSIONS = {v.value: v for v in FormVersion}


def _checked_report(given: Mapping[str, Any]) -> dict[str, Any]:
    """Report's fields from `given` (a file's object or the constructor's values), checked."""
    checked = _quick_report(given)
    if checked is None:
        from editor.domain.report_schema import validated_report

        checked = validated_report(dict(given))
        meta = given.get("meta")
        # A meta made by code is kept as it is (pydantic took a model instance unchecked too).
        checked["meta"] = meta if isinstance(meta, Meta) else Meta(**checked["meta"])
    return checked


# The quick checks: a value exactly of its type (no subclass but the enum, no coercion) is taken,
# containers copied; None means "not simply right", for pydantic to decide.


def _quick_meta(given: Mapping[str, Any]) -> dict[str, Any] | None:
    if not given.keys() <= _META_FIELDS or "year" not in given or "form_version" not in given:
        return None
    year = given["year"]
    if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    version = _form_version(given["form_version"])
    contact = _texts(given.get("contact", []))
    if version is None or contact is None:
        return None
    out = {"organ": given.get("organ", ""), "year": year, "form_version": version}
    out.update(signer=given.get("signer", ""), date=given.get("date", ""), contact=contact)
    if not all(type(out[k]) is str for k in ("organ", "signer", "date")):
        return None
    return out


def _quick_report(given: Mapping[str, Any]) -> dict[str, Any] | None:
    if not given.keys() <= _REPORT_FIELDS or "meta" not in given:
        return None
    out: dict[str, Any] = {
        "format": given.get("format", FILE_FORMAT_ID),
        "schema_version": given.get("schema_version", SCHEMA_VERSION),
    }
    if out["format"] != FILE_FORMAT_ID or type(out["format"]) is not str:
        return None
    if type(out["schema_version"]) is not int:
        return None
    meta = given["meta"]
    if not isinstance(meta, Meta):  # a file's object: a Meta, as the pydantic path gives
        quick_meta = _quick_meta(meta) if type(meta) is dict else None
        meta = None if quick_meta is None else Meta(**quick_meta)
    previous = given.get("previous")
    previous_form = given.get("previous_form")
    parts = {
        "meta": meta,
        "prose": _text_map(given.get("prose", {})),
        "tables": _table_values(given.get("tables", {})),
        "previous": None if previous is None else _table_values(previous),
        "previous_form": None if previous_form is None else _form_version(previous_form),
        "draft_prose": _texts(given.get("draft_prose", [])),
        "flagged_cells": _texts(given.get("flagged_cells", [])),
        "previous_prose": _text_map(given.get("previous_prose", {})),
    }
    for key, value in parts.items():
        if value is None and (key not in _OPTIONAL or given.get(key) is not None):
            return None
    out.update(parts)
    return out


def _form_version(value: object) -> FormVersion | None:
    if type(value) is FormVersion:
        return value
    return _FORM_VERSIONS.get(value) if type(value) is str else None


def _texts(value: object) -> list[str] | None:
    if type(value) is not list or not all(type(x) is str for x in value):
        return None
    return list(value)


def _text_map(value: object) -> dict[str, str] | None:
    if type(value) is not dict:
        return None
    if not all(type(k) is str and type(v) is str for k, v in value.items()):
        return None
    return dict(value)


def _table_values(value: object) -> TableValues | None:
    if type(value) is not dict:
        return None
    out: TableValues = {}
    for table, rows in value.items():
        if type(table) is not str or type(rows) is not dict:
            return None
        out_rows = out[table] = {}
        for row, columns in rows.items():
            if type(row) is not str or type(columns) is not dict:
                return None
            for column, number in columns.items():
                if type(column) is not str or type(number) not in (int, float):
                    return None
            out_rows[row] = dict(columns)
    return out

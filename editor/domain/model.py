"""The report: meta, the prose of each section, and the table values keyed by stable cell keys."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from editor.domain.forms import CellRef, FormDef, FormVersion, form_for, form_version_for_year

FILE_FORMAT_ID = "nianbao"
SCHEMA_VERSION = 2

# A stored value. Counts are ints; 万元/元 amounts may be floats. Blank is absence, never 0.
Number = StrictInt | StrictFloat
TableValues = dict[str, dict[str, dict[str, Number]]]


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organ: str = Field("", description="机关全称, as in the title and usually the 落款")
    year: Annotated[int, Field(ge=2008, le=2100)] = Field(description="the report year")
    form_version: FormVersion = Field(description="which national format the tables follow")
    signer: str = Field("", description="落款: the organ's name printed at the end")
    date: str = Field("", description="成文日期, e.g. 2025年1月20日")
    contact: list[str] = Field(default_factory=list, description="contact lines (地址、电话、邮箱)")


class Report(BaseModel):
    """One annual report; `tables[table][row][column]` holds a value, absence means blank."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["nianbao"] = "nianbao"
    schema_version: int = SCHEMA_VERSION
    meta: Meta
    prose: dict[str, str] = Field(
        default_factory=dict, description="text by prose key (see the form's prose fields)"
    )
    tables: TableValues = Field(default_factory=dict)
    previous: TableValues | None = Field(
        None, description="last year's values, kept as a reference and for the cross-year rules"
    )
    previous_form: FormVersion | None = Field(
        None, description="the format last year's values follow (2019 or 2021)"
    )
    draft_prose: list[str] = Field(
        default_factory=list, description="prose keys copied from last year and not yet edited"
    )
    flagged_cells: list[str] = Field(
        default_factory=list, description="cell keys an import left for the user to confirm"
    )
    previous_prose: dict[str, str] = Field(
        default_factory=dict,
        description='last year\'s text by prose key, kept by "new from last year" to tell copied '
        "prose (内容雷同) from rewritten; empty when unknown",
    )

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

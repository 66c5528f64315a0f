"""The `.nianbao` document as pydantic models: its JSON Schema and the exact check of odd input.

The report itself is a plain dataclass (model.py), because importing pydantic and building these
models took over 100 ms of the window's start-up. A document or a constructor call whose values
are exactly of their types (every file the editor saves) is taken by model.py's quick check; any
other input comes here, so pydantic alone decides what is coerced (a year "2023" → 2023) and what
is refused, and its errors (turned into Chinese by storage.describe_validation) stay what they
were. docs/report.schema.json is generated from these models.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from editor.domain.forms import FormVersion
from editor.domain.model import MAX_YEAR, MIN_YEAR, SCHEMA_VERSION

Number = StrictInt | StrictFloat
TableValues = dict[str, dict[str, dict[str, Number]]]


# The class names are the schema's titles ("Report", "Meta"), as in the published schema.
class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    organ: str = Field("", description="机关全称, as in the title and usually the 落款")
    year: Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)] = Field(description="the report year")
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


def validated_meta(fields: dict[str, Any]) -> dict[str, Any]:
    """Meta's fields as pydantic takes them; raises its ValidationError."""
    return dict(Meta.model_validate(fields))


def validated_report(fields: dict[str, Any]) -> dict[str, Any]:
    """Report's fields as pydantic takes them (meta as a dict); raises its ValidationError.

    `fields["meta"]` may be a dict (from a file) or an already made meta (from code): pydantic
    took a Meta instance as it was, so its fields go in unchecked here too.
    """
    meta = fields.get("meta")
    if meta is not None and not isinstance(meta, dict | BaseModel) and hasattr(meta, "year"):
        fields = {**fields, "meta": Meta.model_construct(**vars(meta))}
    report = Report.model_validate(fields)
    out = dict(report)
    out["meta"] = dict(report.meta)
    return out


def json_schema() -> dict[str, Any]:
    return Report.model_json_schema()

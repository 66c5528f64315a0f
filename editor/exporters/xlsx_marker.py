"""The hidden marker of our own workbooks: names the exporter writes and the importer reads.

Every value, meta field and paragraph sits in a cell reached through a hidden defined name
("nianbao.requests.received.natural"), so Excel and WPS move the name with the cell when a row is
inserted and the exact round trip never depends on labels. A very hidden sheet carries the format
id, the schema version and what the sheets do not show (last year's values, draft marks).
"""

from __future__ import annotations

from editor.domain.forms import CellRef

FORMAT_ID = "nianbao-xlsx"
MARKER_VERSION = 1
MARKER_SHEET = "_nianbao"
NAME_PREFIX = "nianbao."

# Rows of the marker sheet: column A the key, column B the value.
MARKER_FORMAT_ROW = 1
MARKER_VERSION_ROW = 2
MARKER_EXTRAS_ROW = 3  # JSON: form version, previous values, draft prose, flagged cells, prose keys

META_FIELDS = ("organ", "year", "signer", "date", "contact")


def value_name(ref: CellRef) -> str:
    return f"{NAME_PREFIX}{ref.key}"


def prose_name(key: str) -> str:
    return f"{NAME_PREFIX}prose.{key}"


def meta_name(field: str) -> str:
    return f"{NAME_PREFIX}meta.{field}"

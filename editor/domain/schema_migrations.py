"""Steps that bring an older `.nianbao` document up one schema version (see storage.migrate)."""

from __future__ import annotations

from typing import Any


def v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 keeps last year's prose (`previous_prose`) beside last year's values.

    A version-1 file does not have it, but its `draft_prose` keys name the paragraphs copied from
    last year and never edited since, so their text still is last year's: keep those. Anything
    else of last year's text is unknown (left out, never guessed).
    """
    prose = document.get("prose")
    drafts = document.get("draft_prose")
    kept: dict[str, Any] = {}
    if isinstance(prose, dict) and isinstance(drafts, list):
        kept = {
            key: prose[key]
            for key in drafts
            if isinstance(key, str) and isinstance(prose.get(key), str) and prose[key].strip()
        }
    document.setdefault("previous_prose", kept)
    return document

"""Version-1 files (before last year's prose was kept) open as version 2, losing nothing."""

from __future__ import annotations

import json
from pathlib import Path

from editor.domain.checks import check_report
from editor.domain.model import SCHEMA_VERSION
from editor.domain.schema_migrations import v1_to_v2
from editor.domain.storage import load_report, report_to_json, save_report
from editor.importers.last_year import new_from_last_year
from tests.conftest import SAMPLE


def _as_version_1(document: dict[str, object]) -> dict[str, object]:
    document = dict(document)
    document["schema_version"] = 1
    del document["previous_prose"]
    return document


def test_schema_v1_started_report_keeps_unedited_drafts_as_last_years_prose(
    tmp_path: Path,
) -> None:
    report = new_from_last_year(SAMPLE, 2024).report
    report.prose["problems"] = "本年度的问题，已重新撰写。"
    report.draft_prose.remove("problems")  # edited: version 1 cleared the mark
    document = _as_version_1(json.loads(report_to_json(report)))
    path = tmp_path / "v1.nianbao"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    loaded = load_report(path)
    assert loaded.schema_version == SCHEMA_VERSION == 2
    assert set(loaded.previous_prose) == set(report.draft_prose)
    assert "problems" not in loaded.previous_prose  # its last year's text is not known
    assert loaded.previous_prose["overview"] == report.prose["overview"]
    # The copied fields are found as copied after the upgrade.
    copied = {f.span.prose for f in check_report(loaded) if f.rule == "prose.last_year" and f.span}
    assert copied == set(report.draft_prose)
    # Saved again, it is a version-2 file that loads to the same report.
    save_report(loaded, path)
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 2
    assert load_report(path) == loaded


def test_schema_v1_without_drafts_has_no_last_years_prose() -> None:
    document = _as_version_1(json.loads(SAMPLE.read_text(encoding="utf-8")))
    migrated = v1_to_v2(document)
    assert migrated["previous_prose"] == {}


def test_schema_v1_malformed_drafts_are_not_trusted() -> None:
    document: dict[str, object] = {
        "prose": {"overview": "文字", "problems": 3},
        "draft_prose": ["overview", "problems", 7, "missing"],
    }
    assert v1_to_v2(document)["previous_prose"] == {"overview": "文字"}
    assert v1_to_v2({"prose": "x", "draft_prose": None})["previous_prose"] == {}

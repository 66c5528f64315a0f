"""One table of readers by suffix for every place that takes "any report file" (批量检查, 新建 →
从上年报告开始): a file one of them reads, the other reads too."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.batch.inputs import InputFile
from editor.batch.review import review_file
from editor.domain.storage import load_report
from editor.exporters.xlsx import export_xlsx
from editor.importers.any_file import PUBLISHED_SUFFIXES, is_readable, read_any
from editor.importers.last_year import new_from_last_year
from editor.importers.published.extract import EXTRACTORS
from tests.conftest import SAMPLE, SHARED_SAMPLES


def test_any_file_published_suffixes_are_the_published_readers() -> None:
    assert frozenset(EXTRACTORS) == PUBLISHED_SUFFIXES


@pytest.mark.skipif(not SHARED_SAMPLES.is_dir(), reason="../shared/samples missing")
@pytest.mark.parametrize("suffix", [".text", ".htm"])
def test_any_file_published_copy_under_any_of_its_names_is_read_everywhere(
    tmp_path: Path, suffix: str
) -> None:
    source = tmp_path / f"pingtan-2024{suffix}"
    shutil.copy(SHARED_SAMPLES / "pingtan-2024.txt", source)
    if suffix == ".htm":
        source.write_text("<pre>" + source.read_text(encoding="utf-8") + "</pre>", "utf-8")
    assert is_readable(source)
    assert read_any(source).report.meta.year == 2024
    assert new_from_last_year(source, 2025).report.meta.year == 2025
    assert review_file(InputFile(source, source.name)).readable


def test_any_file_macro_workbook_starts_a_new_report(tmp_path: Path) -> None:
    workbook = tmp_path / "上年.xlsm"  # Excel's name for a workbook with macros: same package
    export_xlsx(load_report(SAMPLE), workbook)
    assert new_from_last_year(workbook, 2024).report.meta.year == 2024

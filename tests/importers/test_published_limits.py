"""Published reports from hostile sources: bounded before parsing, refused in Chinese, or read
with what could not be taken repaired; Word tables read in linear time."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table

from editor.domain.errors import UserError
from editor.domain.storage import check_loadable
from editor.importers.published import import_published
from editor.importers.published.extract import _docx_table_lines, table_row_line


def _refusal(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        import_published(path)
    message = str(caught.value)
    assert path.name in message
    return message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("text-45mb.txt", "远大于"),
        ("text-19mb.txt", "远多于一份年度报告"),
        ("rows-100k.txt", "远多于一份年度报告"),
        ("run-digits-5000.txt", "连续数字"),  # int() refuses 4,300 digits; the regexes crawl
        ("run-digits-900k.txt", "连续数字"),
        ("nul-bytes.txt", "二进制"),
        ("fifo.txt", "管道"),
        ("zero-device.txt", "设备"),
        ("sparse-15mb.txt", "稀疏"),
        ("year-1999.txt", "报告年度"),
        ("nested.html", "网页标签"),
        ("gridspan-1e8.docx", "跨列数"),
        ("cells-150k.docx", "表格单元格超过"),
        ("zip-bomb.docx", "恶意构造"),
        ("dtd.docx", "DTD"),
        ("legacy.docx", "旧版 Word"),
        ("no-body.docx", "缺少必需的组成部分"),
        ("broken-xml.docx", "XML 内容已损坏"),
    ],
)
def test_published_limits_refuse_hostile_sources(hostile_file, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    message = _refusal(hostile_file(name))
    assert words in message
    assert "Error" not in message and "python-docx" not in message


def test_published_limits_a_negative_count_in_a_word_table_is_left_for_the_clerk(
    hostile_file,
) -> None:  # type: ignore[no-untyped-def]
    result = import_published(hostile_file("negative-cell.docx"))
    check_loadable(result.report, name="x")  # −2023 never reaches the file


def test_published_limits_text_just_under_the_limits_is_read_in_seconds(hostile_file) -> None:  # type: ignore[no-untyped-def]
    for name in ("text-900k-chars.txt", "rows-45k.txt"):
        started = time.monotonic()
        result = import_published(hostile_file(name))
        check_loadable(result.report, name=name)
        assert time.monotonic() - started < 20  # the intake's own limit; not a benchmark


def _python_docx_lines(table: Table) -> list[str]:
    out = []
    for row in table.rows:
        cells: list[str | None] = []
        previous = None
        for cell in row.cells:
            cells.append(None if cell._tc is previous else cell.text)
            previous = cell._tc
        out.append(table_row_line(cells))
    return out


def test_published_limits_word_tables_read_as_python_docx_reads_them() -> None:
    rng = random.Random(5)
    compared = 0
    document = Document()
    for _ in range(60):
        rows, columns = rng.randint(1, 8), rng.randint(1, 7)
        table = document.add_table(rows=rows, cols=columns)
        for r in range(rows):
            for c in range(columns):
                table.cell(r, c).text = f"{r}-{c}"
        for _ in range(rng.randint(0, 4)):
            r1, c1 = rng.randrange(rows), rng.randrange(columns)
            r2, c2 = rng.randrange(r1, rows), rng.randrange(c1, columns)
            try:
                table.cell(r1, c1).merge(table.cell(r2, c2))
            except Exception:  # python-docx refuses some overlapping merges; fine
                continue
        try:
            expected = _python_docx_lines(table)
        except Exception:  # a grid python-docx itself cannot read
            continue
        assert list(_docx_table_lines(table)) == expected
        compared += 1
    assert compared > 45


def test_published_limits_a_vertical_merge_down_thousands_of_rows_is_linear(hostile_file) -> None:  # type: ignore[no-untyped-def]
    # python-docx's own row.cells takes 15 s for 500 rows and overflows the stack at 1,000.
    started = time.monotonic()
    with pytest.raises(UserError, match="找不到"):  # read, then: it is not a report
        import_published(hostile_file("vmerge-chain.docx"))
    assert time.monotonic() - started < 20

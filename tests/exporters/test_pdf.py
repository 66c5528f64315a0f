"""The PDF read back: tables as laid out, text, fonts embedded, A4, page numbers, draft mark."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from editor.domain.errors import UserError
from editor.domain.forms import CellRef, FormVersion
from editor.domain.layout import CellRole, table_layout
from editor.domain.model import Report
from editor.domain.values import format_value
from editor.exporters.pdf import (
    DRAFT_MARK,
    SIGNATURE_LINES,
    PdfOptions,
    export_pdf,
    render_pdf_bytes,
)
from tests.factories import consistent_report

PAGE_NUMBER = re.compile(r"^— (\d+) —$")


def _write(report: Report, tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "report.pdf"
    export_pdf(report, path, PdfOptions(**options))  # type: ignore[arg-type]
    return path


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _body_text(path: Path) -> str:
    """All pages' text without the page numbers, whitespace removed (lines wrap anywhere)."""
    lines = [
        line
        for text in _page_texts(path)
        for line in text.splitlines()
        if not PAGE_NUMBER.match(line.strip())
    ]
    return _squeeze("".join(lines))


def _pieces(path: Path, report: Report) -> dict[str, list[list[list[str | None]]]]:
    """Each official table's pieces, page by page, read cell by cell into the table's grid.

    Pieces are recognised by their top-left text. The columns are those of every piece of the
    table together: in a piece where no row separates two columns (the last rows of 表三 span
    all label columns) a cell's x position still says which columns it spans.
    """
    found_by_table: dict[str, list[tuple[pdfplumber.page.Page, object]]] = {
        t.key: [] for t in report.form.tables
    }
    out: dict[str, list[list[list[str | None]]]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for found in page.find_tables():
                top_left = _squeeze(found.extract()[0][0] or "")
                for table in report.form.tables:
                    first = table_layout(table).anchor_at(0, 0)
                    if first is not None and top_left == _squeeze(first.text):
                        found_by_table[table.key].append((page, found))
        for key, pieces in found_by_table.items():
            xs = _lines([x for _, f in pieces for c in f.cells for x in (c[0], c[2])])
            out[key] = [_read_piece(page, found, xs) for page, found in pieces]
    return out


def _read_piece(page: object, found: object, xs: list[float]) -> list[list[str | None]]:
    cells = found.cells  # type: ignore[attr-defined]
    ys = _lines([y for c in cells for y in (c[1], c[3])])
    grid: list[list[str | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for bbox in cells:
        x0, top = bbox[0], bbox[1]

        def starts_inside(obj: dict[str, float], b: tuple[float, ...] = bbox) -> bool:
            # By where a character starts: a line-end "、" may hang into the cell's padding.
            return b[0] <= obj["x0"] < b[2] and b[1] <= obj["top"] < b[3]

        text = page.filter(starts_inside).extract_text()  # type: ignore[attr-defined]
        grid[_nearest(ys, top)][_nearest(xs, x0)] = text
    return grid


def _lines(values: list[float]) -> list[float]:
    """Distinct rule positions; pdfplumber snaps rules within 3 pt, so those are one rule."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 3.5:
            out.append(v)
    return out


def _nearest(lines: list[float], v: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - v))


def _joined_tables(path: Path, report: Report) -> dict[str, list[list[str | None]]]:
    """Each official table read back, its pieces on later pages joined without their repeated
    header rows."""
    out: dict[str, list[list[str | None]]] = {}
    for key, mine in _pieces(path, report).items():
        layout = table_layout(report.form.table(key))
        head = layout.header_row_count
        rows = list(mine[0])
        for piece in mine[1:]:
            if head:
                assert piece[:head] == mine[0][:head], "header rows differ on the next page"
            rows += piece[head:] if head else piece
        out[key] = rows
    return out


def _check_table_as_laid_out(report: Report, key: str, rows: list[list[str | None]]) -> None:
    layout = table_layout(report.form.table(key))
    assert len(rows) == layout.row_count
    for r in range(layout.row_count):
        for c in range(layout.column_count):
            owner = layout.cell_at(r, c)
            assert owner is not None
            expected = owner.text
            if owner.role is CellRole.VALUE and owner.ref is not None:
                expected = format_value(report.get(owner.ref))
            actual = rows[r][c]
            if (owner.row, owner.column) == (r, c):
                assert actual is not None, f"{key} ({r},{c}) should hold {expected!r}"
            if actual is not None:
                # A merged group cut by a page break shows its text again on the next page.
                assert _squeeze(actual) == _squeeze(expected), f"{key} ({r},{c})"


@pytest.mark.parametrize("which", ["sample", "filled-2021", "filled-2019"], ids=lambda w: str(w))
def test_pdf_tables_read_back_as_laid_out_with_every_label_and_value(
    which: str, sample_report: Report, tmp_path: Path
) -> None:
    report = {
        "sample": sample_report,
        "filled-2021": consistent_report(FormVersion.V2021, seed=3),
        "filled-2019": consistent_report(FormVersion.V2019, seed=4),
    }[which]
    path = _write(report, tmp_path, draft=False)
    joined = _joined_tables(path, report)
    assert set(joined) == {t.key for t in report.form.tables}
    for key, rows in joined.items():
        _check_table_as_laid_out(report, key, rows)


def test_pdf_table_crossing_a_page_repeats_its_header_rows(
    sample_report: Report, tmp_path: Path
) -> None:
    # 表三 is taller than a page's text block, so it always crosses one.
    path = _write(sample_report, tmp_path, draft=False)
    layout = table_layout(sample_report.form.table("requests"))
    pieces = _pieces(path, sample_report)["requests"]
    assert len(pieces) >= 2
    head = layout.header_row_count
    for piece in pieces[1:]:
        assert piece[:head] == pieces[0][:head]
    body_rows = sum(len(p) - head for p in pieces)
    assert body_rows == layout.row_count - head


def test_pdf_text_holds_title_headings_prose_and_closing(
    sample_report: Report, tmp_path: Path
) -> None:
    sample_report.meta.date = "2024年1月20日"
    text = _body_text(_write(sample_report, tmp_path))
    assert _squeeze(sample_report.title) in text
    form = sample_report.form
    for section in form.sections:
        assert section.title in text
        for field in section.prose:
            if field.heading:
                assert field.heading in text
            for paragraph in sample_report.prose.get(field.key, "").splitlines():
                assert _squeeze(paragraph) in text
    assert text.endswith(_squeeze(sample_report.meta.organ + "2024年1月20日"))


def test_pdf_every_font_is_embedded_and_subset(sample_report: Report, tmp_path: Path) -> None:
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = _write(sample_report, tmp_path, signature=True, draft=True)
    out = subprocess.run([pdffonts, str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert "STSong" not in name and "Helvetica" not in name


def test_pdf_pages_are_a4_and_numbered(sample_report: Report, tmp_path: Path) -> None:
    path = _write(sample_report, tmp_path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) >= 2
        for i in range(len(pdf)):
            width, height = pdf[i].get_size()
            assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    finally:
        pdf.close()
    texts = _page_texts(path)
    for number, text in enumerate(texts, start=1):
        numbers = [m.group(1) for line in text.splitlines() if (m := PAGE_NUMBER.match(line))]
        assert numbers == [str(number)]


def test_pdf_metadata_names_the_report_and_the_organ(sample_report: Report, tmp_path: Path) -> None:
    with pdfplumber.open(_write(sample_report, tmp_path)) as pdf:
        assert pdf.metadata["Title"] == sample_report.title
        assert pdf.metadata["Author"] == sample_report.meta.organ


def _broken(report: Report) -> Report:
    ref = CellRef("requests", "results_total", "natural")
    report.set(ref, int(report.get(ref) or 0) + 5)
    return report


def test_pdf_report_with_errors_is_marked_draft_on_every_page(
    sample_report: Report, tmp_path: Path
) -> None:
    texts = _page_texts(_write(_broken(sample_report), tmp_path))
    for text in texts:
        assert DRAFT_MARK in text


def test_pdf_clean_report_has_no_draft_mark_unless_asked(
    sample_report: Report, tmp_path: Path
) -> None:
    assert all(DRAFT_MARK not in t for t in _page_texts(_write(sample_report, tmp_path)))
    marked = _page_texts(_write(sample_report, tmp_path, draft=True))
    assert all(DRAFT_MARK in t for t in marked)


def test_pdf_user_can_override_the_draft_mark(sample_report: Report, tmp_path: Path) -> None:
    texts = _page_texts(_write(_broken(sample_report), tmp_path, draft=False))
    assert all(DRAFT_MARK not in t for t in texts)


def test_pdf_signature_block_only_when_asked(sample_report: Report, tmp_path: Path) -> None:
    with_block = _body_text(_write(sample_report, tmp_path, signature=True))
    for label in SIGNATURE_LINES:
        assert _squeeze(label) in with_block
    without = _body_text(_write(sample_report, tmp_path, signature=False))
    assert _squeeze(SIGNATURE_LINES[0]) not in without


def test_pdf_bundled_font_only_gives_the_same_text(sample_report: Report, tmp_path: Path) -> None:
    path = _write(sample_report, tmp_path, system_fonts=False, draft=False)
    joined = _joined_tables(path, sample_report)
    _check_table_as_laid_out(sample_report, "requests", joined["requests"])
    with pdfplumber.open(path) as pdf:
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars}
    assert fonts == {"WenQuanYiMicroHei-0"}


def test_pdf_export_without_any_cjk_font_on_the_machine(sample_path: Path, tmp_path: Path) -> None:
    """fontconfig is pointed at an empty configuration, as on a fresh machine: no Chinese font
    can be found, and the export must still embed the bundled one and hold the right text."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', encoding="utf-8")
    out = tmp_path / "bare.pdf"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "FONTCONFIG_FILE": str(conf),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    code = (
        "import sys; from pathlib import Path;"
        "from editor.exporters import fonts;"
        "assert fonts._fontconfig_cjk() == (), fonts._fontconfig_cjk();"
        "from editor.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code, "export", str(sample_path), "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages for ch in page.chars}
    assert fonts == {"WenQuanYiMicroHei-0"}
    assert "三、收到和处理政府信息公开申请情况" in text


def test_pdf_progress_reported_to_completion(sample_report: Report) -> None:
    seen: list[float] = []
    data = render_pdf_bytes(sample_report, PdfOptions(), lambda f, _what: seen.append(f))
    assert data.startswith(b"%PDF")
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_pdf_export_into_a_missing_folder_says_so_in_chinese(
    sample_report: Report, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="文件夹不存在"):
        export_pdf(sample_report, tmp_path / "no-such-folder" / "x.pdf")
    assert not (tmp_path / "no-such-folder").exists()

"""PDFs: pdfminer's stream decoding bounded (flate bombs, its quadratic fallback), pages and page
content bounded, its English warnings kept off stderr."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest

from editor.domain.errors import UserError
from editor.importers import pdf_guard
from editor.importers.published import import_published
from tests.hostile.pdf_writer import PdfSpec, Stream, build_pdf, flate, text_content


def _refusal(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        import_published(path)
    message = str(caught.value)
    assert path.name in message
    return message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("flate-bomb.pdf", "异常巨大"),
        ("flate-twice.pdf", "异常巨大"),
        ("runlength-bomb.pdf", "异常巨大"),
        ("pages-20000.pdf", "远多于一份年度报告"),
        ("content-40mb.pdf", "绘制内容异常庞大"),
        ("encrypted.pdf", "已加密"),
        ("not-a-pdf.pdf", "不是可读取的 PDF"),
        ("truncated.pdf", "PDF"),
        ("fifo.pdf", "管道"),
    ],
)
def test_pdf_guard_refuses_hostile_pdfs_quickly(hostile_file, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = hostile_file(name)
    started = time.monotonic()
    message = _refusal(path)
    assert words in message
    assert time.monotonic() - started < 15


def test_pdf_guard_inflate_stops_past_the_stream_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_STREAM_BYTES", 1024 * 1024)
    assert pdf_guard._inflate(zlib.compress(b"a" * 1000)) == b"a" * 1000
    with pytest.raises(pdf_guard.PdfRefused):
        pdf_guard._inflate(zlib.compress(b"\0" * (2 * 1024 * 1024)))
    with pytest.raises(zlib.error):  # what pdfminer expects from a truncated stream
        pdf_guard._inflate(zlib.compress(b"abc" * 1000)[:20])


def test_pdf_guard_damaged_stream_fallback_is_linear_and_keeps_the_data() -> None:
    data = bytearray(zlib.compress(b"BT (x) Tj ET\n" * 200_000))
    data[-1] ^= 0xFF  # a bad checksum: what pdfminer's fallback is for
    started = time.monotonic()
    out = pdf_guard._inflate_damaged(bytes(data))
    assert out == b"BT (x) Tj ET\n" * 200_000
    assert time.monotonic() - started < 5  # pdfminer's own takes minutes: bytes += per byte
    with pytest.raises(zlib.error):
        pdf_guard._inflate_damaged(b"\x78\x9c" + b"garbage" * 100)


def test_pdf_guard_budget_counts_all_streams_of_a_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_DECODED_BYTES", 3 * 1024 * 1024)
    stream = flate(b"0 0 m 1 1 l S\n" * 100_000)  # 1.4 MB a page, each page within the limit
    path_pages = [Stream(stream, ("FlateDecode",)) for _ in range(4)]
    with pdf_guard.decoding_budget("x.pdf"), pytest.raises(pdf_guard.PdfRefused):
        for page in path_pages:
            pdf_guard._inflate(page.data)


def test_pdf_guard_a_sound_pdf_still_reads(hostile_seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = import_published(hostile_seeds["exported.pdf"])
    assert result.report.tables["requests"]


def test_pdf_guard_pdfminer_warnings_stay_off_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(flate(text_content(["2023"] * 50)))
    data[-1] ^= 0xFF  # pdfminer logs "Data-loss while decompressing corrupted data"
    path = tmp_path / "warns.pdf"
    path.write_bytes(build_pdf(PdfSpec([Stream(bytes(data), ("FlateDecode",))])))
    with pytest.raises(UserError):
        import_published(path)
    assert capfd.readouterr().err == ""

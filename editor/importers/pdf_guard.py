"""Reading an untrusted PDF with pdfminer: bounded stream decoding, pages and page content.

pdfminer inflates every stream it needs whole, with no limit: a 1 MB FlateDecode stream can hold a
gigabyte of zeros (twice compressed, a terabyte), and its fallback for damaged streams is
quadratic. It has no setting for either, so its decoders are replaced, once, by ones that count
what they produce against a per-stream and a per-document budget and stop with a PdfRefused.
Page count and each page's content are bounded too; time is bounded by the intake.
"""

from __future__ import annotations

import io
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from editor.domain.errors import UserError

MAX_PAGES = 300  # a report runs to 5–30 pages
MAX_STREAM_BYTES = 64 * 1024 * 1024  # one stream decoded (an embedded CJK font reaches ~20 MB)
MAX_DECODED_BYTES = 256 * 1024 * 1024  # all streams of one document decoded
# A page's drawing instructions: a real page has 10–40 KB, and pdfminer interprets some 50 KB a
# second of dense ones (its lexer is pure Python), so the content is what bounds the time.
MAX_PAGE_CONTENT_BYTES = 512 * 1024
MAX_CONTENT_BYTES = 4 * 1024 * 1024  # all pages together
MAX_PAGE_OBJECTS = 50_000  # characters, lines, rectangles and curves on one page
MAX_TABLE_EDGES = 5_000  # more drawn lines than this: read the page's text, skip table finding

_ZLIB_CHUNK = 1024


class PdfRefused(UserError):
    """A PDF beyond the limits; the message names the file and the limit."""


class _Budget(threading.local):
    left: int | None = None
    name: str = "PDF 文件"


_budget = _Budget()
_installed = False
_install_lock = threading.Lock()


def _refuse_stream(size: int) -> PdfRefused:
    return PdfRefused(
        f"“{_budget.name}”中有数据解压后异常巨大（超过 {size // 1024 // 1024} MB），"
        "可能是恶意构造的文件，已拒绝导入。"
    )


def _charge(produced: int) -> None:
    if produced > MAX_STREAM_BYTES:
        raise _refuse_stream(produced)
    left = _budget.left
    if left is None:
        return
    if produced > left:
        raise _refuse_stream(MAX_DECODED_BYTES)
    _budget.left = left - produced


def _inflate(data: bytes) -> bytes:
    """zlib.decompress, stopping past the stream limit; raises zlib.error where it would."""
    d = zlib.decompressobj()
    out = d.decompress(data, MAX_STREAM_BYTES + 1)
    if len(out) > MAX_STREAM_BYTES:
        raise _refuse_stream(len(out))
    if not d.eof:
        raise zlib.error("incomplete or truncated stream")
    _charge(len(out))
    return out


def _inflate_damaged(data: bytes) -> bytes:
    """pdfminer's decompress_corrupted (keep what inflates; ignore a bad checksum at the end),
    in linear time and bounded."""
    d = zlib.decompressobj()
    parts: list[bytes] = []
    produced = 0
    for start in range(0, len(data), _ZLIB_CHUNK):
        chunk = data[start : start + _ZLIB_CHUNK]
        saved = d.copy()
        try:
            piece = d.decompress(chunk)
        except zlib.error:
            d = saved
            for i in range(len(chunk)):  # find where it breaks, as the original does
                try:
                    parts.append(d.decompress(chunk[i : i + 1]))
                except zlib.error:
                    if start + i < len(data) - 3:
                        raise
                    break
            break
        parts.append(piece)
        produced += len(piece)
        if produced > MAX_STREAM_BYTES:
            raise _refuse_stream(produced)
        if d.eof:
            break
    out = b"".join(parts)
    _charge(len(out))
    return out


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    parts: list[bytes] = []
    produced = 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        produced += len(piece)
        if produced > MAX_STREAM_BYTES:
            raise _refuse_stream(produced)
        parts.append(piece)
    _charge(produced)
    return b"".join(parts)


def _run_length(data: bytes) -> bytes:
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            out += data[i + 1 : i + 2 + length]
            i += 2 + length
        else:
            if i + 1 >= n:
                break
            out += bytes(data[i + 1 : i + 2]) * (257 - length)
            i += 2
        if len(out) > MAX_STREAM_BYTES:
            raise _refuse_stream(len(out))
    _charge(len(out))
    return bytes(out)


class _ZlibForPdfminer:
    """What pdfminer.pdftypes uses of the zlib module, with the stream limits."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        return _inflate(data)

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> Any:
        return zlib.decompressobj(*args, **kwargs)


def install_stream_limits() -> None:
    """Puts the bounded decoders into pdfminer (once; they only add limits)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        from pdfminer import pdftypes

        # PDFStream.decode looks these names up in its module at each call.
        vars(pdftypes).update(
            zlib=_ZlibForPdfminer,
            decompress_corrupted=_inflate_damaged,
            lzwdecode=_lzw,
            rldecode=_run_length,
        )
        _installed = True


@contextmanager
def decoding_budget(name: str) -> Iterator[None]:
    """Inside, all streams decoded in this thread count against one document's budget."""
    install_stream_limits()
    _budget.left, _budget.name = MAX_DECODED_BYTES, name
    try:
        yield
    finally:
        _budget.left = None


def check_page_count(document: Any, name: str) -> None:
    """Refuses a document (pdfminer's PDFDocument) with more pages than a report: by the page
    tree's count, then by walking no more of the tree than that (a count may lie)."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    pages = resolve1(resolve1(document.catalog.get("Pages")) or {}).get("Count")
    if not isinstance(pages, int) or pages <= MAX_PAGES:
        pages = sum(1 for _ in islice(PDFPage.create_pages(document), MAX_PAGES + 1))
    if pages > MAX_PAGES:
        raise PdfRefused(f"“{name}”有 {pages} 页，远多于一份年度报告，未导入。")


class ContentBudget:
    """Each page's drawing instructions checked before pdfplumber interprets them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.total = 0

    def check_page(self, page: Any) -> bool:
        """Refuses a page (or document) with far too much content; returns whether the page
        may be searched for tables (not when it has thousands of drawn lines)."""
        from pdfminer.pdftypes import resolve1

        content = 0
        for stream in page.page_obj.contents or []:
            data = resolve1(stream)
            if hasattr(data, "get_data"):
                content += len(data.get_data())
        self.total += content
        if content > MAX_PAGE_CONTENT_BYTES or self.total > MAX_CONTENT_BYTES:
            raise PdfRefused(
                f"“{self.name}”第 {page.page_number} 页的绘制内容异常庞大"
                f"（{max(content, self.total) // 1024} KB），不像年度报告，未导入。"
            )
        edges = len(page.lines) + len(page.rects) + len(page.curves)
        if edges + len(page.chars) > MAX_PAGE_OBJECTS:
            raise PdfRefused(
                f"“{self.name}”第 {page.page_number} 页的图形和文字过多，不像年度报告，未导入。"
            )
        return edges <= MAX_TABLE_EDGES

"""A minimal PDF writer for hostile test files: pages, content streams, any filters, raw objects."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field


@dataclass
class Stream:
    data: bytes  # already encoded for `filters`
    filters: tuple[str, ...] = ()
    extra: str = ""  # more dictionary entries, e.g. "/DecodeParms <<...>>"


@dataclass
class PdfSpec:
    pages: list[Stream] = field(default_factory=list)
    font: bool = True


def flate(data: bytes, times: int = 1) -> bytes:
    for _ in range(times):
        data = zlib.compress(data, 9)
    return data


def flate_zeros(size: int, times: int = 1) -> bytes:
    """`size` zero bytes deflated, built in 1 MB steps (no `size`-byte buffer in memory)."""
    compressor = zlib.compressobj(9)
    block = b"\0" * (1024 * 1024)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    parts.append(compressor.compress(b"\0" * (size % len(block))))
    parts.append(compressor.flush())
    data = b"".join(parts)
    return flate(data, times - 1) if times > 1 else data


def text_content(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "72 760 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("latin-1", "replace")


def build_pdf(spec: PdfSpec) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") if spec.font else 0
    kids: list[int] = []
    for stream in spec.pages:
        names = " ".join(f"/{f}" for f in stream.filters)
        filt = f"/Filter [{names}]" if stream.filters else ""
        head = f"<< /Length {len(stream.data)} {filt} {stream.extra} >>\nstream\n".encode()
        content = add(head + stream.data + b"\nendstream")
        resources = f"/Resources << /Font << /F1 {font} 0 R >> >>" if font else ""
        page = add(
            f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 612 792] "
            f"/Contents {content} 0 R {resources} >>".encode()
        )
        kids.append(page)
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kid_refs = " ".join(f"{k} 0 R" for k in kids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kid_refs}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)

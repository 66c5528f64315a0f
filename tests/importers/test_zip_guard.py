"""Zip packages (.xlsx, .docx) are checked before any library inflates them."""

from __future__ import annotations

import io
import zipfile

import pytest

from editor.importers.zip_guard import PackageRefused, ZipLimits, check_package


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


SOUND = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}


def _refused(data: bytes, **kwargs: object) -> str:
    with pytest.raises(PackageRefused) as caught:
        check_package(data, "x.xlsx", "Excel 工作簿", required="[Content_Types].xml", **kwargs)  # type: ignore[arg-type]
    return str(caught.value)


def test_zip_guard_accepts_a_sound_package() -> None:
    check_package(_zip(SOUND), "x.xlsx", "Excel 工作簿", required="[Content_Types].xml")


def test_zip_guard_refuses_a_bomb_by_ratio_and_by_declared_size() -> None:
    bomb = _zip({**SOUND, "xl/worksheets/sheet1.xml": b" " * (20 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert "恶意构造" in _refused(bomb)
    big = _zip({**SOUND, "xl/media/a.bin": bytes(range(256)) * 8192})  # 2 MB, incompressible
    assert "异常巨大" in _refused(big, limits=ZipLimits(max_total_bytes=1024 * 1024))


def test_zip_guard_refuses_too_many_entries() -> None:
    many = _zip({**SOUND, **{f"x/{i}": b"" for i in range(50)}})
    assert "部件" in _refused(many, limits=ZipLimits(max_members=20))


def test_zip_guard_refuses_encryption_and_foreign_methods() -> None:
    data = bytearray(_zip(SOUND))
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = data.find(signature)
        while position >= 0:
            data[position + at] |= 0x1
            position = data.find(signature, position + 4)
    assert "密码" in _refused(bytes(data))
    assert "压缩方式" in _refused(_zip(SOUND, zipfile.ZIP_BZIP2))
    assert "压缩方式" in _refused(_zip(SOUND, zipfile.ZIP_LZMA))


def test_zip_guard_refuses_damage_and_missing_parts() -> None:
    data = bytearray(_zip({**SOUND, "xl/big.xml": b"<a>" + b"0123456789" * 5000 + b"</a>"}))
    data[len(data) // 3] ^= 0xFF
    assert "已损坏" in _refused(bytes(data))
    assert "缺少必需的部件" in _refused(_zip({"xl/workbook.xml": b"<w/>"}))
    assert "已损坏" in _refused(b"PK\x03\x04" + b"\0" * 40)


def test_zip_guard_finds_a_dtd_across_chunk_boundaries() -> None:
    """The XML is streamed in 1 MB chunks; a declaration after a megabyte is still found."""
    filler = b"<a>" + b"x" * (1024 * 1024 + 3) + b"</a>"
    for tail in (b"<!DOCTYPE x>", b"<!ENTITY y 'z'>"):
        data = _zip({**SOUND, "xl/sharedStrings.xml": filler + tail})
        assert "DTD" in _refused(data, limits=ZipLimits(max_ratio=10_000))


def test_zip_guard_hands_whole_tags_to_the_scanner() -> None:
    seen: list[bytes] = []
    part = b"".join(b'<c r="A%d"/>' % i for i in range(200_000))  # several chunks
    check_package(
        _zip({**SOUND, "xl/worksheets/sheet1.xml": part}),
        "x.xlsx",
        "Excel 工作簿",
        required="[Content_Types].xml",
        scanner=lambda name, tags: seen.append(tags) if name.endswith("sheet1.xml") else None,
        limits=ZipLimits(max_ratio=10_000),
    )
    assert len(seen) > 1
    assert sum(chunk.count(b"<c ") for chunk in seen) == 200_000
    assert all(chunk.endswith(b">") for chunk in seen)

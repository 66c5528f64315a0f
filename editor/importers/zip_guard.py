"""Untrusted zip packages (.xlsx, .docx): checked before any library inflates or parses them.

The archive's directory is checked first (entry count, declared sizes, compression ratio,
encryption, compression methods); then every XML part is inflated once, in chunks, through
zipfile (which never yields more than an entry declares, and checks its CRC), refusing DTDs and
entity declarations, and handing complete tags to a format's own scanner, which counts what
would make openpyxl or python-docx allocate without bound (cells, merged ranges, spans).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from editor.domain.errors import UserError
from editor.domain.userfiles import spaced, technical_text

_CHUNK = 1024 * 1024
_MAX_CARRY = 1024 * 1024  # text after the last ">" kept for the next chunk, at most
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_UNSAFE_XML = re.compile(rb"<!DOCTYPE|<!ENTITY")


class PackageRefused(UserError):
    """A package refused by its limits or damage; the message names the file and the reason."""


@dataclass
class PartCounts:
    """Totals a format's scanner keeps over the parts of one package, refused past a limit.

    `document` names what the package should be in the message ("年报", "年报工作簿")."""

    name: str
    counts: dict[str, int] = field(default_factory=dict)
    document: ClassVar[str] = "年报"

    def add(self, key: str, amount: int, limit: int, what: str) -> None:
        total = self.counts.get(key, 0) + amount
        self.counts[key] = total
        if total > limit:
            raise PackageRefused(
                f"“{self.name}”的{what}超过 {limit:,} 个，远多于{self.document}，"
                "可能是恶意构造的文件，已拒绝导入。"
            )


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 5_000
    max_total_bytes: int = 100 * 1024 * 1024  # all entries, inflated, as declared
    max_xml_bytes: int = 50 * 1024 * 1024  # the XML entries a library will parse
    max_ratio: int = 100  # a real part compresses 5–20×; a bomb, thousands of times
    ratio_from_bytes: int = 1024 * 1024


# Called with (entry name, a run of complete tags); raises PackageRefused to stop.
Scanner = Callable[[str, bytes], None]


def check_package(
    data: bytes,
    name: str,
    what: str,
    *,
    required: str,
    scanner: Scanner | None = None,
    limits: ZipLimits = ZipLimits(),
) -> None:
    """Raises PackageRefused unless `data` is a sound zip package holding `required`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_directory(members, name, what, required, limits)
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES):
                    _scan_member(archive, member, name, scanner)
    except UserError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError) as e:
        raise PackageRefused(
            f"“{name}”已损坏（不是完整的压缩包），无法作为{spaced(what)}读取。",
            technical=technical_text(e),
        ) from e
    except (NotImplementedError, RuntimeError) as e:  # zipfile: unknown method, encrypted entry
        raise PackageRefused(
            f"“{name}”使用了不支持的压缩方式或已加密，无法作为{spaced(what)}读取。",
            technical=technical_text(e),
        ) from e


def _check_directory(
    members: list[zipfile.ZipInfo], name: str, what: str, required: str, limits: ZipLimits
) -> None:
    if len(members) > limits.max_members:
        raise PackageRefused(
            f"“{name}”包含 {len(members)} 个部件，远多于{spaced(what)}，已拒绝导入。"
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise PackageRefused(
                f"“{name}”设置了密码（已加密），无法读取。请在原程序中取消密码并另存后再导入。"
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageRefused(f"“{name}”使用了{spaced(what)} 不会使用的压缩方式，无法读取。")
    total = sum(m.file_size for m in members)
    xml_total = sum(m.file_size for m in members if m.filename.lower().endswith(_XML_SUFFIXES))
    packed = sum(m.compress_size for m in members)
    bomb = any(
        m.file_size > limits.ratio_from_bytes
        and m.file_size > limits.max_ratio * max(m.compress_size, 1)
        for m in members
    ) or (total > limits.ratio_from_bytes and total > limits.max_ratio * max(packed, 1))
    if total > limits.max_total_bytes or xml_total > limits.max_xml_bytes or bomb:
        raise PackageRefused(
            f"“{name}”解压后异常巨大（声明 {total // 1024 // 1024} MB），"
            "可能是恶意构造的文件，已拒绝导入。"
        )
    if required not in {m.filename for m in members}:
        raise PackageRefused(f"“{name}”是压缩文件，但不是{spaced(what)}（缺少必需的部件）。")


def _scan_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, scanner: Scanner | None
) -> None:
    carry = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            buffer = carry + chunk
            cut = buffer.rfind(b">") + 1
            if len(buffer) - cut > _MAX_CARRY:
                # Text with no tag end in sight: scan all of it, keep an overlap for the next.
                _scan_tags(buffer, member.filename, name, scanner)
                carry = buffer[-64:]
                continue
            _scan_tags(buffer[:cut], member.filename, name, scanner)
            carry = buffer[cut:]
    _scan_tags(carry, member.filename, name, scanner)


def _scan_tags(tags: bytes, part: str, name: str, scanner: Scanner | None) -> None:
    if not tags:
        return
    if _UNSAFE_XML.search(tags):
        raise PackageRefused(
            f"“{name}”含有不安全的 XML 声明（DTD/实体），可能是恶意构造的文件，已拒绝导入。"
        )
    if scanner is not None:
        scanner(part, tags)

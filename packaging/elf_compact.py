"""Shared libraries without the empty space patchelf leaves in them (Linux bundle).

auditwheel renames the libraries a wheel vendors (`libXau.so.6` -> `libXau-154567c4.so.6.0.0`)
with patchelf, which moves the grown symbol tables into a new LOAD segment at the next 2 MiB
boundary of the file. Pillow's libXau is 12 KB of code followed by 2 MB of zeros. The zeros are
never mapped: the loader needs only `p_offset ≡ p_vaddr (mod p_align)`. So the segment is moved
down to the first page after the data before it, its alignment lowered to the page size (which
is all glibc checks, 2.28 as well as today), and the section and program headers that point
into or past it are shifted by as much. Addresses do not change, so nothing inside the library
(dynamic section, relocations, symbols) needs to.

Only zeros are removed (bytes nothing points at but not zero stay), and only from x86-64 ELF
files; anything else comes back as it was.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

PAGE = 0x1000
# Holes smaller than this are ordinary linker padding: not worth a rewrite.
MIN_HOLE = 0x10000

_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_PHDR = struct.Struct("<IIQQQQQQ")
_SHDR = struct.Struct("<IIQQQQIIQQ")
_PT_LOAD = 1
_SHT_NOBITS = 8
_EM_X86_64 = 62


class _Elf:
    def __init__(self, data: bytes) -> None:
        self.data = bytearray(data)
        fields = _EHDR.unpack_from(self.data, 0)
        self.machine = fields[2]
        self.phoff, self.shoff = fields[5], fields[6]
        self.phentsize, self.phnum = fields[9], fields[10]
        self.shentsize, self.shnum = fields[11], fields[12]
        self.phdrs = [
            list(_PHDR.unpack_from(self.data, self.phoff + i * self.phentsize))
            for i in range(self.phnum)
        ]
        self.shdrs = [
            list(_SHDR.unpack_from(self.data, self.shoff + i * self.shentsize))
            for i in range(self.shnum)
        ]

    def used_ranges(self) -> list[tuple[int, int]]:
        """The byte ranges of the file something points at."""
        ranges = [
            (0, _EHDR.size),
            (self.phoff, self.phoff + self.phentsize * self.phnum),
            (self.shoff, self.shoff + self.shentsize * self.shnum),
        ]
        ranges += [(p[2], p[2] + p[5]) for p in self.phdrs]  # p_offset, p_filesz
        ranges += [(s[4], s[4] + s[5]) for s in self.shdrs if s[1] != _SHT_NOBITS]
        return [(start, end) for start, end in ranges if end > start]

    def close_hole_before(self, load: list[int]) -> bool:
        """Moves `load` (and all after it) down over the zeros before it; False if not worth it."""
        offset, vaddr = load[2], load[3]
        before = [end for start, end in self.used_ranges() if start < offset]
        if any(end > offset for end in before):
            return False  # something straddles the segment's start: leave the file alone
        end = max(before, default=0)
        # Bytes nothing points at but not zero (patchelf's old section headers) are kept too.
        end += len(bytes(self.data[end:offset]).rstrip(b"\0"))
        new_offset = end + (vaddr - end) % PAGE  # the first offset ≡ vaddr (mod PAGE)
        delta = offset - new_offset
        if delta < MIN_HOLE:
            return False
        del self.data[new_offset:offset]
        for phdr in self.phdrs:
            if phdr[2] >= offset:
                phdr[2] -= delta
                if phdr[0] == _PT_LOAD and (phdr[3] - phdr[2]) % phdr[7]:
                    phdr[7] = PAGE
        for shdr in self.shdrs:
            if shdr[4] >= offset:
                shdr[4] -= delta
        if self.phoff >= offset:
            self.phoff -= delta
        if self.shoff >= offset:
            self.shoff -= delta
        self._write_headers()
        return True

    def _write_headers(self) -> None:
        fields = list(_EHDR.unpack_from(self.data, 0))
        fields[5], fields[6] = self.phoff, self.shoff
        _EHDR.pack_into(self.data, 0, *fields)
        for i, phdr in enumerate(self.phdrs):
            _PHDR.pack_into(self.data, self.phoff + i * self.phentsize, *phdr)
        for i, shdr in enumerate(self.shdrs):
            _SHDR.pack_into(self.data, self.shoff + i * self.shentsize, *shdr)


def _is_elf64_x86_64(data: bytes) -> bool:
    # magic, 64-bit, little-endian, then e_machine
    return (
        len(data) >= _EHDR.size
        and data[:6] == b"\x7fELF\x02\x01"
        and struct.unpack_from("<H", data, 18)[0] == _EM_X86_64
    )


def compacted(data: bytes) -> bytes | None:
    """The ELF file `data` with its holes before LOAD segments closed; None if it has none."""
    if not _is_elf64_x86_64(data):
        return None
    elf = _Elf(data)
    changed = False
    while True:
        loads = sorted((p for p in elf.phdrs if p[0] == _PT_LOAD), key=lambda p: p[2])
        if not any(elf.close_hole_before(load) for load in loads[1:]):
            break
        changed = True
    return bytes(elf.data) if changed else None


def with_compacted_libraries(
    entries: Iterable[tuple[str, str, str]], work_dir: Path
) -> list[tuple[str, str, str]]:
    """A PyInstaller TOC (dest, source, kind) whose binaries with holes are compacted copies."""
    result = []
    for dest, source, kind in entries:
        if kind in ("BINARY", "EXTENSION"):
            smaller = compacted(Path(source).read_bytes())
            if smaller is not None:
                copy = work_dir / dest
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(smaller)
                copy.chmod(0o755)
                source = str(copy)
        result.append((dest, source, kind))
    return result

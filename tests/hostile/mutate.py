"""Mutants of sound files, the way office suites are fuzzed: bytes, zip parts, JSON values, text.

Every operator takes the file's bytes and a random generator and returns new bytes; `mutant`
picks operators that suit the format (inside a zip's XML parts for .xlsx/.docx, on JSON values
for .nianbao, on numbers and lines for text), so that mutants get past the first checks and
reach the parsers.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable

Operator = Callable[[bytes, random.Random], bytes]

# Values that broke readers before, or that sit on a limit.
NASTY_NUMBERS = (
    b"9" * 5000,
    b"-1",
    b"-2023",
    b"NaN",
    b"Infinity",
    b"1e309",
    b"1.797e308",
    b"4294967296",
    b"1000000001",
    b"0.000001",
    b"99999999999999999999",
    b"-0",
    b"1e-320",
)
NASTY_TEXT = (
    b"\x00",
    b"\xed\xa0\x80",  # a UTF-8-encoded lone surrogate
    b"\xff\xfe",
    b"<!DOCTYPE x>",
    b"&#0;",
    b"\x1b[31m",
    "１２３".encode(),
    "一、本年新收政府信息公开申请数量".encode(),
    "2099年政府信息公开工作年度报告".encode(),
    "1999年政府信息公开工作年度报告".encode(),
)
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")


def flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randint(0, len(data))
    piece = rng.choice(NASTY_TEXT + NASTY_NUMBERS) if rng.random() < 0.6 else rng.randbytes(16)
    return data[:at] + piece * rng.choice((1, 1, 10, 1000)) + data[at:]


def delete(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(1, len(data) // 20)) :]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 4096)]
    return data[:start] + piece * rng.choice((2, 50, 2000)) + data[start:]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


def numbers(data: bytes, rng: random.Random) -> bytes:
    """Some numbers replaced by nasty ones."""
    found = list(_NUMBER.finditer(data))
    if not found:
        return insert(data, rng)
    out = bytearray()
    last = 0
    chosen = sorted(
        rng.sample(found, k=min(len(found), rng.randint(1, 20))), key=lambda m: m.start()
    )
    for m in chosen:
        out += data[last : m.start()] + rng.choice(NASTY_NUMBERS)
        last = m.end()
    out += data[last:]
    return bytes(out)


BYTE_OPERATORS: tuple[Operator, ...] = (flip, insert, delete, duplicate, truncate, numbers)


def zip_part(data: bytes, rng: random.Random) -> bytes:
    """One XML part of a zip package mutated (and the package written again, sound)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = [(i.filename, z.read(i)) for i in z.infolist()]
    except Exception:  # not a readable zip (any more): mutate its bytes instead
        return flip(data, rng)
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    if not xml:
        return flip(data, rng)
    for _ in range(rng.randint(1, 3)):
        i = rng.choice(xml)
        name, content = members[i]
        operator = rng.choice((numbers, numbers, flip, insert, delete, duplicate, _attributes))
        members[i] = (name, operator(content, rng))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members:
            z.writestr(name, content)
    return out.getvalue()


def _attributes(data: bytes, rng: random.Random) -> bytes:
    """Attribute values (refs, spans, styles) replaced by extreme ones."""
    values = (b"A1:XFD1048576", b"100000000", b"-1", b"", b"ZZZZ99999999", b"1:1048576", b"63")
    return re.sub(
        rb'(ref|val|r|s|t|spans|count|gridSpan|w:val)="[^"]*"',
        lambda m: (
            m.group(1) + b'="' + rng.choice(values) + b'"' if rng.random() < 0.05 else m.group(0)
        ),
        data,
    )


_JSON_VALUES: tuple[object, ...] = (
    -1,
    float("nan"),
    float("inf"),
    1e308,
    10**30,
    "",
    "十二",
    None,
    [],
    {},
    True,
    "\ud800",
    "a..b",
    "x" * 100_000,
    2007,
    2101,
)


def json_value(data: bytes, rng: random.Random) -> bytes:
    """A value (or key) of the JSON document replaced, deleted or added."""
    try:
        document = json.loads(data)
    except Exception:
        return flip(data, rng)
    paths: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key in list(node):
                paths.append((node, key))
                walk(node[key])
        elif isinstance(node, list):
            for i in range(len(node)):
                paths.append((node, i))
                walk(node[i])

    walk(document)
    for _ in range(rng.randint(1, 5)):
        if not paths:
            break
        parent, key = rng.choice(paths)
        action = rng.random()
        if action < 0.7:
            parent[key] = rng.choice(_JSON_VALUES)  # type: ignore[index]
        elif action < 0.85 and isinstance(parent, dict):
            parent.pop(key, None)
        elif isinstance(parent, dict):
            parent[rng.choice(("aliens", "requests", "x.y", "natural"))] = rng.choice(_JSON_VALUES)
    return json.dumps(document, ensure_ascii=rng.random() < 0.5, allow_nan=True).encode(
        "utf-8", "surrogatepass"
    )


def text_lines(data: bytes, rng: random.Random) -> bytes:
    """Lines of a text duplicated, dropped or swapped; numbers made nasty."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.3:
            lines[i : i + 1] = [lines[i]] * rng.choice((2, 100, 5000))
        elif action < 0.5:
            del lines[i]
            if not lines:
                lines = [b""]
        elif action < 0.7:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = numbers(lines[i], rng)
    return b"\n".join(lines)


def mutant(data: bytes, suffix: str, rng: random.Random) -> bytes:
    """One mutant of a file with this extension: one to three operators suited to its format."""
    special: tuple[Operator, ...] = ()
    if suffix in (".xlsx", ".docx"):
        special = (zip_part, zip_part, zip_part)
    elif suffix == ".nianbao":
        special = (json_value, json_value, json_value)
    elif suffix in (".txt", ".html"):
        special = (text_lines, text_lines)
    operators = special + BYTE_OPERATORS
    for _ in range(rng.choice((1, 1, 2, 3))):
        data = rng.choice(operators)(data, rng)
    return data

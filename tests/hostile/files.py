"""Hand-made hostile files, one builder per class the issue names (and a few more).

Each case writes one file; its name carries the extension the command line dispatches on. They
are built from the seeds (seeds.py) so that everything but the hostile part is a real report.
"""

from __future__ import annotations

import json
import os
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor.domain.storage import load_report, report_to_json
from editor.domain.validity import MAX_PROSE_CHARS
from editor.exporters.xlsx import export_xlsx
from tests.conftest import SAMPLE
from tests.hostile.pdf_writer import PdfSpec, Stream, build_pdf, flate, flate_zeros, text_content
from tests.hostile.seeds import write_zip, zip_members

Seeds = dict[str, Path]


@dataclass(frozen=True)
class Case:
    name: str  # the file name, with the extension that decides how it is read
    build: Callable[[Path, Seeds], None]
    cause: str


CASES: list[Case] = []


def case(name: str, cause: str) -> Callable[[Callable[[Path, Seeds], None]], None]:
    def register(build: Callable[[Path, Seeds], None]) -> None:
        CASES.append(Case(name, build, cause))

    return register


# ---------------------------------------------------------------- not regular files, sizes

for _suffix in (".nianbao", ".xlsx", ".txt", ".docx", ".pdf"):

    @case(f"fifo{_suffix}", "FIFO")
    def _fifo(path: Path, seeds: Seeds) -> None:
        os.mkfifo(path)

    @case(f"empty{_suffix}", "zero-length file")
    def _empty(path: Path, seeds: Seeds) -> None:
        path.write_bytes(b"")

    @case(f"sparse-200mb{_suffix}", "sparse 200 MB file")
    def _sparse(path: Path, seeds: Seeds) -> None:
        with path.open("wb") as f:
            f.truncate(200 * 1024 * 1024)

    @case(f"folder{_suffix}", "a folder")
    def _folder(path: Path, seeds: Seeds) -> None:
        path.mkdir()


@case("zero-device.txt", "device (symlink to /dev/zero)")
def _zero_device(path: Path, seeds: Seeds) -> None:
    path.symlink_to("/dev/zero")


@case("null-device.nianbao", "device (symlink to /dev/null)")
def _null_device(path: Path, seeds: Seeds) -> None:
    path.symlink_to("/dev/null")


@case("sparse-15mb.txt", "sparse file under the size limit")
def _sparse_small(path: Path, seeds: Seeds) -> None:
    with path.open("wb") as f:
        f.write("2023年政府信息公开工作年度报告\n".encode())
        f.truncate(15 * 1024 * 1024)


# 年报 in GBK: what a file name from a zip made on Windows becomes on Linux (undecodable bytes).
GBK_NAME = "年报".encode("gbk").decode("utf-8", "surrogateescape")


@case(f"{GBK_NAME}.nianbao", "a file name that is not UTF-8 (GBK, from a zip)")
def _gbk_report(path: Path, seeds: Seeds) -> None:
    path.write_bytes(seeds["sample.nianbao"].read_bytes())


@case(f"{GBK_NAME}.xlsx", "a workbook whose name is not UTF-8")
def _gbk_workbook(path: Path, seeds: Seeds) -> None:
    path.write_bytes(seeds["own.xlsx"].read_bytes())


@case("loop.nianbao", "symlink loop")
def _loop(path: Path, seeds: Seeds) -> None:
    path.symlink_to(path.name)


# ---------------------------------------------------------------- .nianbao


def _document() -> dict[str, object]:
    return json.loads(report_to_json(load_report(SAMPLE)))  # type: ignore[no-any-return]


def _write_json(path: Path, document: object) -> None:
    path.write_text(json.dumps(document, ensure_ascii=True, allow_nan=True), encoding="utf-8")


def _every_cell(document: dict[str, object], raw: str) -> str:
    """The document as JSON with every table value replaced by the literal `raw`."""
    tables = document["tables"]
    for rows in tables.values():  # type: ignore[attr-defined]
        for columns in rows.values():
            for key in columns:
                columns[key] = "@RAW@"
    return json.dumps(document, ensure_ascii=False).replace('"@RAW@"', raw)


for _label, _raw in (
    ("5000-digits", "9" * 5000),
    ("1e309", "1e309"),
    ("max-double", "1.797e308"),
    ("nan", "NaN"),
    ("infinity", "-Infinity"),
    ("negative", "-1"),
    ("huge", "100000000000000000000"),
    ("fraction", "0.5"),
):

    @case(f"cells-{_label}.nianbao", f".nianbao: every cell {_label}")
    def _cells(path: Path, seeds: Seeds, raw: str = _raw) -> None:
        path.write_text(_every_cell(_document(), raw), encoding="utf-8")


@case("one-cell-5000-digits.nianbao", ".nianbao: one 5,000-digit cell")
def _one_big(path: Path, seeds: Seeds) -> None:
    text = report_to_json(load_report(SAMPLE))
    path.write_text(re.sub(r'"natural": \d+', '"natural": ' + "7" * 5000, text, count=1))


@case("schema-huge.nianbao", ".nianbao: over-large schema value")
def _schema_huge(path: Path, seeds: Seeds) -> None:
    document = _document()
    text = json.dumps(document, ensure_ascii=False)
    path.write_text(re.sub(r'"schema_version": \d+', '"schema_version": ' + "9" * 5000, text))


@case("schema-float.nianbao", ".nianbao: schema version 1e400")
def _schema_float(path: Path, seeds: Seeds) -> None:
    text = json.dumps(_document(), ensure_ascii=False)
    path.write_text(re.sub(r'"schema_version": \d+', '"schema_version": 1e400', text))


@case("year-99999.nianbao", ".nianbao: year out of range")
def _year(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["meta"]["year"] = 99999  # type: ignore[index]
    _write_json(path, document)


@case("surrogates.nianbao", ".nianbao: lone surrogates in prose and organ")
def _surrogates(path: Path, seeds: Seeds) -> None:
    text = report_to_json(load_report(SAMPLE))
    text = text.replace('"organ": "', '"organ": "\\ud800', 1)
    text = text.replace('"overview": "', '"overview": "\\udfff\\u0001\\u000b', 1)
    path.write_text(text, encoding="utf-8")


@case("flagged-malformed.nianbao", ".nianbao: malformed flagged_cells keys")
def _flagged(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["flagged_cells"] = ["requests..natural", "x", "a.b.c.d", "requests.nope.natural"]
    _write_json(path, document)


@case("draft-unknown.nianbao", ".nianbao: unknown draft prose keys")
def _draft(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["draft_prose"] = ["nonsense", 5]
    _write_json(path, document)


@case("deep.nianbao", ".nianbao: deep nesting")
def _deep(path: Path, seeds: Seeds) -> None:
    path.write_text('{"format": "nianbao", "schema_version": 1, "meta": ' + "[" * 100_000)


@case("deep-900.nianbao", ".nianbao: nesting just under the JSON limit")
def _deep_900(path: Path, seeds: Seeds) -> None:
    path.write_text(
        '{"format": "nianbao", "schema_version": 1, "meta": ' + "[" * 900 + "]" * 900 + "}"
    )


@case("organ-1mb.nianbao", ".nianbao: 1 MB organ name")
def _organ(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["meta"]["organ"] = "机" * 1_000_000  # type: ignore[index]
    _write_json(path, document)


@case("prose-7mb.nianbao", ".nianbao: 7 MB of prose")
def _prose(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["prose"]["overview"] = "本年度收到申请27件，予以公开4件。" * 230_000  # type: ignore[index]
    _write_json(path, document)


@case("prose-numerals.nianbao", ".nianbao: every paragraph at the limit, all numerals")
def _numerals(path: Path, seeds: Seeds) -> None:
    report = load_report(SAMPLE)
    keys = [p.key for p in report.form.prose_fields][:3]  # three full ones reach the total
    report.prose = {key: "一" * MAX_PROSE_CHARS for key in keys}
    path.write_text(report_to_json(report), encoding="utf-8")


@case("previous-prose.nianbao", ".nianbao: last year's prose over the limit, unknown keys")
def _previous_prose(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["previous_prose"] = {"overview": "上年" * 50_000, "nonsense": "\ud800"}
    _write_json(path, document)


@case("previous-bad.nianbao", ".nianbao: last year's values negative and huge")
def _previous(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["previous"] = {"requests": {"carried_out": {"natural": -5, "total": 1e300}}}
    _write_json(path, document)


@case("unknown-cells.nianbao", ".nianbao: cells that do not exist")
def _unknown(path: Path, seeds: Seeds) -> None:
    document = _document()
    document["tables"]["requests"]["aliens"] = {"natural": 1}  # type: ignore[index]
    _write_json(path, document)


@case("control-chars.nianbao", ".nianbao: control characters in every text")
def _controls(path: Path, seeds: Seeds) -> None:
    report = load_report(SAMPLE)
    report.meta.organ += "\x00\x07"
    report.meta.contact = ["电话\x1b[31m"]
    report.prose = {k: v + "\x0c\x1f\ufffe" for k, v in report.prose.items()}
    path.write_text(report_to_json(report), encoding="utf-8")


@case("binary.nianbao", ".nianbao: random binary")
def _binary(path: Path, seeds: Seeds) -> None:
    path.write_bytes(os.urandom(50_000))


@case("utf16.nianbao", ".nianbao: UTF-16 text")
def _utf16(path: Path, seeds: Seeds) -> None:
    path.write_bytes(report_to_json(load_report(SAMPLE)).encode("utf-16"))


# ---------------------------------------------------------------- .xlsx


def _rewrite(seed: Path, path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    members = zip_members(seed)
    members[member] = change(members[member])
    write_zip(path, members)


def _body(xml: bytes) -> bytes:
    """The XML without its prolog."""
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def _first_sheet(members: dict[str, bytes]) -> str:
    return sorted(m for m in members if m.startswith("xl/worksheets/sheet"))[0]


@case("merged-whole-sheet.xlsx", ".xlsx: merged range A1:XFD1048576")
def _merged(path: Path, seeds: Seeds) -> None:
    seed = seeds["foreign.xlsx"]
    sheet = _first_sheet(zip_members(seed))
    _rewrite(
        seed,
        path,
        sheet,
        lambda d: re.sub(rb'<mergeCell ref="[^"]+"', b'<mergeCell ref="A1:XFD1048576"', d, count=1),
    )


@case("hyperlink-whole-sheet.xlsx", ".xlsx: hyperlink over A1:XFD1048576")
def _hyperlink(path: Path, seeds: Seeds) -> None:
    seed = seeds["foreign.xlsx"]
    sheet = _first_sheet(zip_members(seed))
    link = b'<hyperlinks><hyperlink ref="A1:XFD1048576" display="x"/></hyperlinks>'
    _rewrite(seed, path, sheet, lambda d: d.replace(b"<pageMargins", link + b"<pageMargins", 1))


@case("name-whole-sheet.xlsx", ".xlsx: a defined name over a whole sheet")
def _name(path: Path, seeds: Seeds) -> None:
    def widen(data: bytes) -> bytes:
        return re.sub(
            rb'(<definedName name="nianbao\.meta\.organ"[^>]*>)([^!<]*)![^<]*(</definedName>)',
            rb"\1\2!$A$1:$XFD$1048576\3",
            data,
        )

    _rewrite(seeds["own.xlsx"], path, "xl/workbook.xml", widen)


def _own_with(path: Path, change: Callable[[object], None]) -> None:
    report = load_report(SAMPLE)
    change(report)
    export_xlsx(report, path)


@case("marker-previous-nan.xlsx", ".xlsx: hidden last-year values NaN, negative, huge")
def _marker_nan(path: Path, seeds: Seeds) -> None:
    def change(report: object) -> None:
        report.previous = {  # type: ignore[attr-defined]
            "requests": {
                "carried_out": {"natural": float("nan"), "total": -7},
                "received": {"natural": 1e300, "total": float("inf")},
            }
        }

    _own_with(path, change)


@case("marker-flagged-bad.xlsx", ".xlsx: hidden marker with malformed flagged keys")
def _marker_flagged(path: Path, seeds: Seeds) -> None:
    def change(report: object) -> None:
        report.flagged_cells = ["x", "a..b", "requests.received.natural"]  # type: ignore[attr-defined]

    _own_with(path, change)


@case("marker-garbage.xlsx", ".xlsx: hidden marker JSON replaced by junk")
def _marker_junk(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["own.xlsx"])
    marker = next(n for n, d in members.items() if b"nianbao-xlsx" in d and "worksheets" in n)
    members[marker] = members[marker].replace(b"<t>{", b"<t>" + b"[[[[" * 5000, 1)
    write_zip(path, members)


@case("year-1999.xlsx", ".xlsx: own workbook with year 1999")
def _year_1999(path: Path, seeds: Seeds) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(seeds["own.xlsx"])
    for sheet, ref in wb.defined_names["nianbao.meta.year"].destinations:
        wb[sheet][ref.replace("$", "")].value = 1999
    wb.save(path)


@case("title-1999.xlsx", ".xlsx: foreign workbook titled 1999")
def _title_1999(path: Path, seeds: Seeds) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(seeds["foreign.xlsx"])
    wb.worksheets[0]["A1"].value = "某某局1999年政府信息公开工作年度报告"
    wb.save(path)


def _cell_values(raw: bytes) -> Callable[[bytes], bytes]:
    return lambda d: re.sub(rb"<v>\d+</v>", b"<v>" + raw + b"</v>", d)


for _label, _raw in (("5000-digits", b"9" * 5000), ("nan", b"NaN"), ("1e309", b"1e309")):

    @case(f"cells-{_label}.xlsx", f".xlsx: every number {_label}")
    def _xlsx_cells(path: Path, seeds: Seeds, raw: bytes = _raw) -> None:
        seed = seeds["own.xlsx"]
        members = zip_members(seed)
        for name in list(members):
            if name.startswith("xl/worksheets/sheet") and b"nianbao-xlsx" not in members[name]:
                members[name] = _cell_values(raw)(members[name])
        write_zip(path, members)


@case("cells-300k.xlsx", ".xlsx: 300,000 cells")
def _many_cells(path: Path, seeds: Seeds) -> None:
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(1, 30_001)
    )
    _replace_sheet(seeds, path, f"<sheetData>{rows}</sheetData>".encode())


@case("strings-1m.xlsx", ".xlsx: a million shared strings")
def _many_strings(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["foreign.xlsx"])
    members["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{i}</t></si>" for i in range(1_000_000)).encode()
        + b"</sst>"
    )
    write_zip(path, members)


def _replace_sheet(seeds: Seeds, path: Path, sheet_data: bytes) -> None:
    seed = seeds["foreign.xlsx"]
    members = zip_members(seed)
    sheet = _first_sheet(members)
    members[sheet] = re.sub(
        rb"<sheetData>.*</sheetData>|<sheetData/>", sheet_data, members[sheet], count=1, flags=re.S
    )
    write_zip(path, members)


@case("zip-bomb.xlsx", ".xlsx: zip bomb")
def _xlsx_bomb(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["foreign.xlsx"])
    sheet = _first_sheet(members)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            if name == sheet:
                with z.open(name, "w", force_zip64=True) as f:
                    block = b" " * (1024 * 1024)
                    for _ in range(150):
                        f.write(block)
            else:
                z.writestr(name, data)


@case("many-entries.xlsx", ".xlsx: 20,000 entries")
def _entries(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["foreign.xlsx"])
    members.update({f"xl/media/x{i}.bin": b"" for i in range(20_000)})
    write_zip(path, members)


@case("encrypted-entry.xlsx", ".xlsx: an entry flagged encrypted")
def _encrypted(path: Path, seeds: Seeds) -> None:
    # zipfile writes no encrypted entries: set the flag in the local and central headers.
    data = bytearray(seeds["foreign.xlsx"].read_bytes())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 0x1
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@case("bzip2.xlsx", ".xlsx: bzip2 compression")
def _bzip2(path: Path, seeds: Seeds) -> None:
    write_zip(path, zip_members(seeds["foreign.xlsx"]), zipfile.ZIP_BZIP2)


@case("crc-damage.xlsx", ".xlsx: a damaged compressed entry")
def _crc(path: Path, seeds: Seeds) -> None:
    data = bytearray(seeds["foreign.xlsx"].read_bytes())
    for at in range(2000, len(data) - 2000, 997):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


@case("truncated.xlsx", ".xlsx: cut in half")
def _truncated(path: Path, seeds: Seeds) -> None:
    data = seeds["own.xlsx"].read_bytes()
    path.write_bytes(data[: len(data) // 2])


@case("dtd.xlsx", ".xlsx: billion laughs")
def _dtd(path: Path, seeds: Seeds) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    _rewrite(seeds["own.xlsx"], path, "xl/workbook.xml", lambda d: laughs + _body(d))


@case("styles-bomb.xlsx", ".xlsx: 300,000 cell formats")
def _styles(path: Path, seeds: Seeds) -> None:
    def many(data: bytes) -> bytes:
        return data.replace(
            b"</cellXfs>",
            "".join(f'<xf numFmtId="{i % 200}" fontId="{i % 7}"/>' for i in range(300_000)).encode()
            + b"</cellXfs>",
        )

    _rewrite(seeds["foreign.xlsx"], path, "xl/styles.xml", many)


@case("legacy.xlsx", ".xlsx: an old .xls renamed")
def _legacy(path: Path, seeds: Seeds) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


# ---------------------------------------------------------------- .docx


def _docx_rewrite(path: Path, seeds: Seeds, change: Callable[[bytes], bytes]) -> None:
    _rewrite(seeds["report.docx"], path, "word/document.xml", change)


@case("gridspan-1e8.docx", ".docx: gridSpan 10^8")
def _gridspan(path: Path, seeds: Seeds) -> None:
    _docx_rewrite(
        path, seeds, lambda d: d.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1)
    )


@case("gridspan-63-everywhere.docx", ".docx: every cell spans 63 columns")
def _gridspan_all(path: Path, seeds: Seeds) -> None:
    _docx_rewrite(
        path, seeds, lambda d: d.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="63"/>')
    )


@case("vmerge-chain.docx", ".docx: a vertical merge down 3,000 rows")
def _vmerge(path: Path, seeds: Seeds) -> None:
    rng = random.Random(2)
    first = (
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t>'
        "</w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
    )
    rest = (
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
    )
    rows = first + "".join(rest.format(rng.randrange(10**12)) for _ in range(3_000))
    table = f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>".encode()
    _docx_rewrite(path, seeds, lambda d: d.replace(b"<w:body>", b"<w:body>" + table, 1))


@case("cells-150k.docx", ".docx: 150,000 table cells")
def _docx_cells(path: Path, seeds: Seeds) -> None:
    rng = random.Random(1)
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    rows = "".join(
        "<w:tr>" + "".join(cell.format(rng.randrange(10**9)) for _ in range(10)) + "</w:tr>"
        for _ in range(15_000)
    )
    table = b"<w:tbl>" + rows.encode() + b"</w:tbl>"
    _docx_rewrite(path, seeds, lambda d: d.replace(b"<w:body>", b"<w:body>" + table, 1))


@case("negative-cell.docx", ".docx: −2023 in a count cell")
def _docx_negative(path: Path, seeds: Seeds) -> None:
    _docx_rewrite(
        path, seeds, lambda d: re.sub(rb"<w:t>(\d+)</w:t>", rb"<w:t>-2023</w:t>", d, count=3)
    )


@case("zip-bomb.docx", ".docx: zip bomb")
def _docx_bomb(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["report.docx"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            if name == "word/document.xml":
                with z.open(name, "w", force_zip64=True) as f:
                    for _ in range(150):
                        f.write(b" " * (1024 * 1024))
            else:
                z.writestr(name, data)


@case("no-body.docx", ".docx: no document part")
def _no_body(path: Path, seeds: Seeds) -> None:
    members = zip_members(seeds["report.docx"])
    del members["word/document.xml"]
    write_zip(path, members)


@case("broken-xml.docx", ".docx: document.xml cut short")
def _broken_xml(path: Path, seeds: Seeds) -> None:
    _docx_rewrite(path, seeds, lambda d: d[: len(d) // 3])


@case("dtd.docx", ".docx: entity declarations")
def _docx_dtd(path: Path, seeds: Seeds) -> None:
    _docx_rewrite(
        path, seeds, lambda d: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + _body(d)
    )


@case("legacy.docx", ".docx: an old .doc renamed")
def _docx_legacy(path: Path, seeds: Seeds) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


# ---------------------------------------------------------------- .pdf


def _pdf(path: Path, *pages: Stream) -> None:
    path.write_bytes(build_pdf(PdfSpec(list(pages))))


@case("flate-bomb.pdf", ".pdf: a content stream of 200 MB zeros")
def _flate_bomb(path: Path, seeds: Seeds) -> None:
    _pdf(path, Stream(flate_zeros(200 * 1024**2), ("FlateDecode",)))


@case("flate-twice.pdf", ".pdf: twice-deflated 256 MB")
def _flate_twice(path: Path, seeds: Seeds) -> None:
    _pdf(path, Stream(flate_zeros(256 * 1024**2, times=2), ("FlateDecode", "FlateDecode")))


@case("runlength-bomb.pdf", ".pdf: run-length bomb")
def _rl_bomb(path: Path, seeds: Seeds) -> None:
    _pdf(path, Stream(bytes([129, 32]) * 2_000_000 + b"\x80", ("RunLengthDecode",)))


@case("pages-20000.pdf", ".pdf: 20,000 pages")
def _many_pages(path: Path, seeds: Seeds) -> None:
    page = Stream(text_content(["2023"]))
    _pdf(path, *([page] * 20_000))


@case("content-40mb.pdf", ".pdf: a page of 40 MB drawing instructions")
def _big_content(path: Path, seeds: Seeds) -> None:
    ops = b"0 0 m 1 1 l S\n" * 3_000_000
    _pdf(path, Stream(flate(ops), ("FlateDecode",)))


@case("lines-30000.pdf", ".pdf: a page of 30,000 ruled lines")
def _many_lines(path: Path, seeds: Seeds) -> None:
    ops = b"".join(
        f"{i % 600} {i % 700} m {i % 600 + 5} {i % 700} l S\n".encode() for i in range(30_000)
    )
    _pdf(path, Stream(flate(ops), ("FlateDecode",)))


@case("damaged-stream.pdf", ".pdf: a damaged deflate stream (pdfminer's slow fallback)")
def _damaged(path: Path, seeds: Seeds) -> None:
    data = bytearray(flate(text_content(["x"] * 200_000)))
    data[-2] ^= 0xFF
    _pdf(path, Stream(bytes(data), ("FlateDecode",)))


@case("truncated.pdf", ".pdf: cut in half")
def _pdf_truncated(path: Path, seeds: Seeds) -> None:
    if "huaian-2024.pdf" in seeds:
        data = seeds["huaian-2024.pdf"].read_bytes()
    else:
        data = build_pdf(PdfSpec([Stream(text_content(["2023"]))]))
    path.write_bytes(data[: len(data) // 2])


@case("not-a-pdf.pdf", ".pdf: text named .pdf")
def _not_pdf(path: Path, seeds: Seeds) -> None:
    path.write_text("这不是 PDF", encoding="utf-8")


@case("encrypted.pdf", ".pdf: encrypted with an unknown password")
def _encrypted_pdf(path: Path, seeds: Seeds) -> None:
    data = build_pdf(PdfSpec([Stream(text_content(["2023"]))]))
    data = data.replace(
        b"/Root 1 0 R",
        b"/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <"
        + b"00" * 32
        + b"> /U <"
        + b"11" * 32
        + b"> /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    )
    path.write_bytes(data)


# ---------------------------------------------------------------- .txt and .html


def _text(seeds: Seeds) -> str:
    for name in ("pingtan-2023.txt", "longting-2023.txt", "report.txt"):
        if name in seeds:
            return seeds[name].read_text(encoding="utf-8")
    raise LookupError("no text seed")


@case("text-45mb.txt", ".txt: 45 MB of text")
def _text_45(path: Path, seeds: Seeds) -> None:
    base = _text(seeds).encode()
    path.write_bytes(base * (45 * 1024 * 1024 // len(base) + 1))


@case("text-19mb.txt", ".txt: 19 MB of text (under the byte limit)")
def _text_19(path: Path, seeds: Seeds) -> None:
    base = _text(seeds).encode()
    path.write_bytes(base * (19 * 1024 * 1024 // len(base)))


@case("text-900k-chars.txt", ".txt: just under the character limit")
def _text_900k(path: Path, seeds: Seeds) -> None:
    base = _text(seeds)
    path.write_text((base * (900_000 // len(base) + 1))[:900_000], encoding="utf-8")


@case("rows-100k.txt", ".txt: 100,000 table rows")
def _rows(path: Path, seeds: Seeds) -> None:
    path.write_text(_text(seeds) + "\n" + "（七）总计\t1\t2\t3\t4\t5\t6\t7\n" * 100_000)


@case("rows-45k.txt", ".txt: 45,000 table rows (under the line limit)")
def _rows_45(path: Path, seeds: Seeds) -> None:
    path.write_text(_text(seeds) + "\n" + "（七）总计\t1\t2\t3\t4\t5\t6\t7\n" * 45_000)


for _label, _run in (
    ("digits-5000", "8" * 5000),
    ("digits-900k", "1234567890" * 90_000),
    ("spaces-900k", " " * 900_000),
    ("one-char-900k", "一" * 900_000),
    ("dots-500k", "1." * 250_000),
    ("numbering-300k", "1、" * 150_000),
):

    @case(f"run-{_label}.txt", f".txt: a run of {_label}")
    def _runs(path: Path, seeds: Seeds, run: str = _run) -> None:
        text = _text(seeds)
        middle = len(text) // 2
        path.write_text(text[:middle] + run + text[middle:], encoding="utf-8")


@case("nul-bytes.txt", ".txt: NUL bytes")
def _nul(path: Path, seeds: Seeds) -> None:
    path.write_bytes(_text(seeds).encode() + b"\0" * 100_000)


@case("utf16-odd.txt", ".txt: UTF-16 with an odd byte count")
def _utf16_odd(path: Path, seeds: Seeds) -> None:
    path.write_bytes(_text(seeds).encode("utf-16") + b"\x00")


@case("not-text.txt", ".txt: random binary")
def _random_txt(path: Path, seeds: Seeds) -> None:
    path.write_bytes(os.urandom(200_000))


@case("year-1999.txt", ".txt: a report for 1999")
def _year_txt(path: Path, seeds: Seeds) -> None:
    text = re.sub(
        r"20\d\d年政府信息公开工作年度报告", "1999年政府信息公开工作年度报告", _text(seeds)
    )
    path.write_text(re.sub(r"# year: \d+", "# year: 1999", text), encoding="utf-8")


@case("year-header-huge.txt", ".txt: a year header of 5,000 digits")
def _year_huge(path: Path, seeds: Seeds) -> None:
    text = _text(seeds)
    path.write_text("# year: " + "9" * 5000 + "\n" + text, encoding="utf-8")


@case("organ-huge.txt", ".txt: a title with a 200,000-character organ")
def _organ_txt(path: Path, seeds: Seeds) -> None:
    text = re.sub(
        r"^.*?(20\d\d年政府信息公开工作年度报告)",
        "局" * 200_000 + r"\1",
        _text(seeds),
        count=1,
        flags=re.S,
    )
    path.write_text(text, encoding="utf-8")


@case("nested.html", ".html: 200,000 nested tags")
def _nested(path: Path, seeds: Seeds) -> None:
    path.write_text("<div>" * 200_000 + _text(seeds) + "</div>" * 200_000, encoding="utf-8")


@case("table-60k.html", ".html: a table of 60,000 rows")
def _html_rows(path: Path, seeds: Seeds) -> None:
    rows = "<tr><td>（七）总计</td><td>1</td><td>2</td></tr>" * 60_000
    path.write_text(f"<p>{_text(seeds)}</p><table>{rows}</table>", encoding="utf-8")


@case("charset-bogus.html", ".html: an unknown charset")
def _charset(path: Path, seeds: Seeds) -> None:
    path.write_bytes(b'<meta charset="x-no-such-charset">' + _text(seeds).encode("gb18030"))

"""The native `.nianbao` file: UTF-8 JSON, validated and migrated on load, saved atomically."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.domain.atomic_write import write_atomic
from editor.domain.errors import ReportFileError
from editor.domain.forms import FORM_2019, FORM_2021, CellRef
from editor.domain.model import FILE_FORMAT_ID, SCHEMA_VERSION, Report
from editor.domain.schema_migrations import v1_to_v2
from editor.domain.userfiles import read_user_file, technical_text
from editor.domain.validity import clean_report_text, report_problems

if TYPE_CHECKING:
    from pydantic import ValidationError


FILE_SUFFIX = ".nianbao"
# A real report is about 10 KB; anything this large is not one, and reading it would stall the UI.
MAX_FILE_BYTES = 8 * 1024 * 1024

# schema_version N → a function turning a version-N document into version N+1.
Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {1: v1_to_v2}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"PK\x03\x04",
        "这是 Excel 工作簿或其他压缩文件，不是年报文件。Excel 文件请用“导入”打开。",
    ),
    (b"\xd0\xcf\x11\xe0", "这是一个旧版 Office 文件（.xls/.doc），不是年报文件。"),
    (b"%PDF", "这是一个 PDF 文件，不是年报文件。已发布的年报请用“导入”打开。"),
)


def load_report(path: str | os.PathLike[str]) -> Report:
    """Reads a `.nianbao` file. Raises ReportFileError with a message for the clerk."""
    p = Path(path)
    data = read_user_file(p, max_bytes=MAX_FILE_BYTES, what="年报文件", error=ReportFileError)
    return parse_report_bytes(data, name=p.name)


def parse_report_bytes(data: bytes, *, name: str = "文件") -> Report:
    for signature, message in _SIGNATURES:
        if data.startswith(signature):
            raise ReportFileError(f"“{name}”：{message}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.reason != "unexpected end of data":
            raise ReportFileError(f"“{name}”不是 UTF-8 文本，不是年报文件。") from e
        # Cut off inside a character: a truncated file, which the JSON parser reports as such.
        text = data[: e.start].decode("utf-8-sig")
    if not text.strip():
        raise ReportFileError(f"“{name}”是空文件。")
    try:
        document = json.loads(
            text, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant
        )
    except json.JSONDecodeError as e:
        raise ReportFileError(
            f"“{name}”内容不完整或已损坏（第 {e.lineno} 行第 {e.colno} 列附近），无法打开。",
            technical=technical_text(e),
        ) from e
    except _BadNumber as e:
        raise ReportFileError(f"“{name}”中有无效的数字（{e}），无法打开。") from e
    except RecursionError as e:
        raise ReportFileError(f"“{name}”嵌套过深，不是年报文件。") from e
    return report_from_document(document, name=name)


class _BadNumber(ValueError):
    """A number no report holds; its text is the reason, in Chinese."""


def _bounded_int(text: str) -> int:
    # int() refuses more than 4,300 digits, and is slow well before: a report needs ten.
    if len(text.lstrip("-")) > 30:
        raise _BadNumber(f"一个 {len(text)} 位的整数")
    return int(text)


def _finite_float(text: str) -> float:
    if len(text) > 400:
        raise _BadNumber(f"一个 {len(text)} 位的数")
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber("超出范围的数")
    return value


def _no_constant(text: str) -> float:
    raise _BadNumber("非数字或无穷大的值")


def report_from_document(document: object, *, name: str = "文件") -> Report:
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT_ID:
        raise ReportFileError(f"“{name}”不是年报编辑器保存的文件（缺少格式标识）。")
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReportFileError(f"“{name}”的格式版本号无效。")
    if version > SCHEMA_VERSION:
        raise ReportFileError(
            f"“{name}”由更新版本的年报编辑器保存（文件格式第 {version} 版，"
            f"本程序只认识到第 {SCHEMA_VERSION} 版）。请升级年报编辑器后再打开。"
        )
    document = migrate(document)
    try:
        report = Report.from_document(document)
    except RecursionError as e:
        raise ReportFileError(f"“{name}”嵌套过深，不是年报文件。") from e
    except ValueError as e:
        invalid = validation_error(e)
        if invalid is None:
            raise
        raise ReportFileError(
            f"“{name}”内容有误，无法打开：",
            detail=describe_validation(invalid),
            technical=technical_text(e),
        ) from e
    problems = report_problems(report)
    if problems:
        raise ReportFileError(f"“{name}”中有无效的内容，无法打开：", detail="\n".join(problems))
    clean_report_text(report)  # lone surrogates and control characters: nothing can write them
    return report


def check_loadable(report: Report, *, name: str) -> None:
    """Raises ReportFileError if saving `report` would give a file that load_report refuses."""
    data = report_to_json(report).encode("utf-8", "replace")
    if len(data) > MAX_FILE_BYTES:
        raise ReportFileError(
            f"“{name}”读出的内容过多（{len(data) // 1024 // 1024} MB），不像年报。"
        )
    parse_report_bytes(data, name=name)


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Brings an older document up to SCHEMA_VERSION, one version at a time."""
    version: int = document["schema_version"]
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ReportFileError(f"无法升级第 {version} 版的年报文件。")
        document = step(document)
        version += 1
        document["schema_version"] = version
    return document


_PYDANTIC_REASONS = {
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "string_type": "应为文本",
    "dict_type": "应为对象",
    "list_type": "应为列表",
    "missing": "缺少此项",
    "extra_forbidden": "不认识的项",
    "literal_error": "取值无效",
    "enum": "取值无效",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}

# The file's field names as the clerk knows them; keys from the file itself are shown quoted.
_FIELD_NAMES = {
    "meta": "基本信息",
    "organ": "机关名称",
    "year": "报告年度",
    "form_version": "表格格式",
    "signer": "落款",
    "date": "成文日期",
    "contact": "联系方式",
    "prose": "正文",
    "tables": "表格数值",
    "previous": "上年参考值",
    "previous_form": "上年表格格式",
    "draft_prose": "待更新标记",
    "flagged_cells": "待确认标记",
    "format": "格式标识",
    "schema_version": "格式版本号",
}


def validation_error(error: BaseException) -> ValidationError | None:
    """`error` if it is pydantic's ValidationError, else None. Pydantic is imported only when a
    ValueError comes (a model check of odd input): importing it costs ~100 ms, which neither a
    start-up nor a batch worker reading only well-formed files should pay."""
    if not isinstance(error, ValueError):
        return None
    from pydantic import ValidationError

    return error if isinstance(error, ValidationError) else None


def describe_validation(error: ValidationError) -> str:
    """What pydantic found wrong, one line a place, in the clerk's words (at most 20 lines)."""
    lines: list[str] = []
    seen: set[str] = set()
    for item in error.errors():
        # A union (int | float) reports one error per member; the location is what matters.
        loc = [x for x in item["loc"] if not str(x).startswith(("int", "float", "function"))]
        where = _cell_place(loc) or "·".join(_place(x) for x in loc) or "（整个文件）"
        if where in seen:
            continue
        seen.add(where)
        reason = _PYDANTIC_REASONS.get(item["type"], "内容无效")
        shown = _shown_input(item.get("input"))
        lines.append(f"{where}：{reason}（实为“{shown}”）" if shown else f"{where}：{reason}")
    return "\n".join(lines[:20])


def _cell_place(loc: list[int | str]) -> str | None:
    """ "表三 …·自然人" for a value's location, if it names a cell of either format."""
    if len(loc) < 4 or loc[0] not in ("tables", "previous"):
        return None
    ref = CellRef(*(str(x) for x in loc[1:4]))
    for form in (FORM_2021, FORM_2019):
        table = form.table_by_key.get(ref.table)
        if table is not None and ref in table.cell_set:
            prefix = "上年参考值 " if loc[0] == "previous" else ""
            return prefix + form.cell_name(ref)
    return None


def _place(part: object) -> str:
    if isinstance(part, int):
        return f"第 {part + 1} 项"
    return _FIELD_NAMES.get(str(part), f"“{str(part)[:40]}”")


def _shown_input(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else "极大的数"
    if isinstance(value, float):
        return str(value) if math.isfinite(value) and abs(value) < 1e15 else "极大的数"
    if isinstance(value, str):
        return value[:40]
    return ""


def report_to_json(report: Report) -> str:
    return json.dumps(report.to_document(), ensure_ascii=False, indent=1) + "\n"


def save_report(report: Report, path: str | os.PathLike[str]) -> None:
    """Writes the report atomically (see atomic_write). Raises WriteFileError in Chinese."""
    # "replace": a lone surrogate typed or pasted into a field must not make saving impossible.
    write_atomic(Path(path), report_to_json(report).encode("utf-8", "replace"))


def json_schema() -> dict[str, Any]:
    from editor.domain.report_schema import json_schema as model_schema

    schema = model_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "年报编辑器报告文件（.nianbao）"
    return schema

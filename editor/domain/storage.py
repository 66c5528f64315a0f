"""The native `.nianbao` file: UTF-8 JSON, validated and migrated on load, saved atomically."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from editor.domain.errors import ReportFileError
from editor.domain.forms import CellRef, FormDef, form_for
from editor.domain.model import FILE_FORMAT_ID, SCHEMA_VERSION, Report, TableValues
from editor.domain.schema_migrations import v1_to_v2
from editor.domain.userfiles import read_user_file
from editor.domain.values import value_problem

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
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReportFileError(
            f"“{name}”内容不完整或已损坏（第 {e.lineno} 行第 {e.colno} 列附近），无法打开。"
        ) from e
    except RecursionError as e:
        raise ReportFileError(f"“{name}”嵌套过深，不是年报文件。") from e
    return report_from_document(document, name=name)


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
        report = Report.model_validate(document)
    except ValidationError as e:
        raise ReportFileError(
            f"“{name}”内容有误，无法打开：", detail=_describe_validation(e)
        ) from e
    problems = _value_problems(report)
    if problems:
        raise ReportFileError(f"“{name}”中有无效的数值，无法打开：", detail="\n".join(problems))
    return report


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


def _value_problems(report: Report) -> list[str]:
    form = report.form
    problems = _table_problems(report.tables, form, "")
    if report.previous is not None:
        last_form = form_for(report.previous_form or form.version)
        problems += _table_problems(report.previous, last_form, "上年参考值 ")
    known = {p.key for p in form.prose_fields}
    problems += [f"未知的正文部分“{k}”" for k in report.prose if k not in known]
    return problems[:20]


def _table_problems(values: TableValues, form: FormDef, label: str) -> list[str]:
    problems: list[str] = []
    for table_key, rows in values.items():
        table = form.table_by_key.get(table_key)
        if table is None:
            problems.append(f"{label}未知的表格“{table_key}”")
            continue
        for row_key, columns in rows.items():
            allowed = table.columns_of_row.get(row_key, frozenset())
            for column_key, value in columns.items():
                if type(value) is int and value >= 0 and column_key in allowed:
                    continue  # the common case, kept cheap: a reviewer checks hundreds of files
                ref = CellRef(table_key, row_key, column_key)
                if column_key not in allowed:
                    problems.append(f"{label}{table.number}中没有单元格“{ref.key}”")
                    continue
                problem = value_problem(value, table.kind_of(ref))
                if problem:
                    problems.append(f"{label}{form.cell_name(ref)}：{value} {problem}")
    return problems


_PYDANTIC_REASONS = {
    "int_type": "应为整数",
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


def _describe_validation(error: ValidationError) -> str:
    lines: list[str] = []
    seen: set[str] = set()
    for item in error.errors():
        # A union (int | float) reports one error per member; the location is what matters.
        loc = [str(x) for x in item["loc"] if not str(x).startswith(("int", "float"))]
        where = ".".join(loc) or "（整个文件）"
        if where in seen:
            continue
        seen.add(where)
        reason = _PYDANTIC_REASONS.get(item["type"], "内容无效")
        shown = item.get("input")
        if isinstance(shown, str | int | float) and not isinstance(shown, bool):
            lines.append(f"{where}：{reason}（实为“{shown}”）")
        else:
            lines.append(f"{where}：{reason}")
    return "\n".join(lines[:20])


def report_to_json(report: Report) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def save_report(report: Report, path: str | os.PathLike[str]) -> None:
    """Writes the report atomically: a temporary file beside the target, then a rename."""
    write_atomic(Path(path), report_to_json(report).encode("utf-8"))


def write_atomic(path: Path, data: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "年报编辑器报告文件（.nianbao）"
    return schema

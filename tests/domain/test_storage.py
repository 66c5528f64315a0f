"""The .nianbao file: round trip, atomic save, and every kind of bad input refused in Chinese."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from editor.domain import storage
from editor.domain.errors import ReportFileError
from editor.domain.forms import CellRef
from editor.domain.model import SCHEMA_VERSION, Report
from editor.domain.storage import load_report, save_report
from tests.factories import consistent_report


def _write(tmp_path: Path, document: object, name: str = "r.nianbao") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _document(report: Report) -> dict[str, object]:
    return json.loads(storage.report_to_json(report))  # type: ignore[no-any-return]


def test_storage_round_trip_is_exact(tmp_path: Path) -> None:
    report = consistent_report()
    report.meta.contact = ["地址：某市某路 1 号", "电话：0000-1234567"]
    report.previous = consistent_report(seed=9).tables
    path = tmp_path / "a.nianbao"
    save_report(report, path)
    again = load_report(path)
    assert again == report
    assert again.get(CellRef("proactive", "fees", "amount")) == report.get(
        CellRef("proactive", "fees", "amount")
    )


def test_storage_blank_is_not_zero(tmp_path: Path) -> None:
    report = consistent_report()
    report.set(CellRef("requests", "received", "natural"), None)
    report.set(CellRef("requests", "received", "business"), 0)
    save_report(report, tmp_path / "a.nianbao")
    again = load_report(tmp_path / "a.nianbao")
    assert again.get(CellRef("requests", "received", "natural")) is None
    assert again.get(CellRef("requests", "received", "business")) == 0


def test_storage_file_is_utf8_json_with_format_id(tmp_path: Path, sample_path: Path) -> None:
    document = json.loads(sample_path.read_text(encoding="utf-8"))
    assert document["format"] == "nianbao"
    assert document["schema_version"] == SCHEMA_VERSION
    assert "龙亭区" in sample_path.read_text(encoding="utf-8")  # not \u-escaped


def test_storage_save_is_atomic_and_keeps_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.nianbao"
    save_report(consistent_report(seed=1), path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_report(consistent_report(seed=2), path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.nianbao"]  # no temporary left behind


def _refused(path: Path) -> str:
    with pytest.raises(ReportFileError) as info:
        load_report(path)
    text = str(info.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    assert "Traceback" not in text
    return text


def test_storage_refuses_truncated_json(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "t.nianbao"
    path.write_bytes(sample_path.read_bytes()[:500])
    assert "损坏" in _refused(path)


def test_storage_refuses_wrong_types(tmp_path: Path) -> None:
    document = _document(consistent_report())
    document["meta"]["year"] = "二〇二三"  # type: ignore[index]
    assert "基本信息·报告年度" in _refused(_write(tmp_path, document))
    document = _document(consistent_report())
    document["prose"] = ["not", "a", "mapping"]
    assert "正文：应为对象" in _refused(_write(tmp_path, document))


def test_storage_refuses_text_in_number_field(tmp_path: Path) -> None:
    document = _document(consistent_report())
    document["tables"]["requests"]["received"]["natural"] = "12a"  # type: ignore[index]
    text = _refused(_write(tmp_path, document))
    assert "表三" in text and "自然人" in text and "12a" in text


@pytest.mark.parametrize("bad", [-3, 2.5])
def test_storage_refuses_negative_or_fractional_counts(tmp_path: Path, bad: float) -> None:
    document = _document(consistent_report())
    document["tables"]["requests"]["received"]["natural"] = bad  # type: ignore[index]
    text = _refused(_write(tmp_path, document))
    assert "一、本年新收政府信息公开申请数量·自然人" in text and str(bad) in text


def test_storage_accepts_money_decimals_and_negative_2019_change(tmp_path: Path) -> None:
    from editor.domain.forms import FormVersion

    report = consistent_report(FormVersion.V2019)
    report.set(CellRef("proactive", "licensing", "change"), -4)
    report.set(CellRef("proactive", "procurement", "amount"), 3575394432.52)
    save_report(report, tmp_path / "a.nianbao")
    assert load_report(tmp_path / "a.nianbao") == report


def test_storage_refuses_unknown_cells_and_prose(tmp_path: Path) -> None:
    document = _document(consistent_report())
    document["tables"]["requests"]["received"]["aliens"] = 1  # type: ignore[index]
    assert "requests.received.aliens" in _refused(_write(tmp_path, document))
    document = _document(consistent_report())
    document["prose"]["epilogue"] = "x"  # type: ignore[index]
    assert "epilogue" in _refused(_write(tmp_path, document))


def test_storage_refuses_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.nianbao"
    with path.open("wb") as f:
        f.truncate(storage.MAX_FILE_BYTES + 1)
    assert "MB" in _refused(path)


def test_storage_refuses_xlsx_renamed(tmp_path: Path) -> None:
    path = tmp_path / "book.nianbao"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert "Excel" in _refused(path)


def test_storage_refuses_newer_schema(tmp_path: Path) -> None:
    document = _document(consistent_report())
    document["schema_version"] = SCHEMA_VERSION + 1
    assert "升级" in _refused(_write(tmp_path, document))


def test_storage_refuses_foreign_json_and_binary(tmp_path: Path) -> None:
    assert "格式标识" in _refused(_write(tmp_path, {"hello": "world"}))
    assert "格式标识" in _refused(_write(tmp_path, [1, 2, 3]))
    path = tmp_path / "b.nianbao"
    path.write_bytes(bytes(range(256)))
    assert "UTF-8" in _refused(path)
    path.write_bytes(b"")
    assert "空文件" in _refused(path)
    assert "找不到" in _refused(tmp_path / "missing.nianbao")
    assert "文件夹" in _refused(tmp_path)


def test_storage_migrates_older_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A document one version older, whose meta called the organ "agency": the registered step
    # renames it; loading runs the step and lands on the current version.
    document = _document(consistent_report())
    document["schema_version"] = SCHEMA_VERSION - 1
    document["meta"]["agency"] = document["meta"].pop("organ")  # type: ignore[index, union-attr]

    def rename_agency(doc: dict[str, object]) -> dict[str, object]:
        doc["meta"]["organ"] = doc["meta"].pop("agency")  # type: ignore[index, union-attr]
        return doc

    path = _write(tmp_path, document)
    if SCHEMA_VERSION - 1 < 1:
        # Versions start at 1, so a version-0 file is invalid rather than old.
        assert "版本号" in _refused(path)
        monkeypatch.setattr(storage, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
        monkeypatch.setitem(storage.MIGRATIONS, SCHEMA_VERSION, rename_agency)
        document["schema_version"] = SCHEMA_VERSION
        migrated = storage.migrate(document)  # type: ignore[arg-type]
        assert migrated["schema_version"] == SCHEMA_VERSION + 1
        assert migrated["meta"]["organ"] == "测试县人民政府办公室"
        return
    monkeypatch.setitem(storage.MIGRATIONS, SCHEMA_VERSION - 1, rename_agency)
    assert load_report(path).meta.organ == "测试县人民政府办公室"


def test_storage_json_schema_matches_model() -> None:
    schema = storage.json_schema()
    assert set(schema["required"]) == {"meta"}
    assert {"format", "schema_version", "meta", "prose", "tables"} <= set(schema["properties"])


def test_storage_documented_schema_is_current() -> None:
    committed = Path(__file__).resolve().parents[2] / "docs" / "report.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == storage.json_schema()


def _every_value(tmp_path: Path, raw: str) -> Path:
    """The sample with every table value replaced by the JSON literal `raw`."""
    document = _document(consistent_report())
    for rows in document["tables"].values():  # type: ignore[attr-defined]
        for columns in rows.values():
            for key in columns:
                columns[key] = "@"
    path = tmp_path / "every.nianbao"
    path.write_text(json.dumps(document).replace('"@"', raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("9" * 5000, "5000 位"),  # int() refuses more than 4,300 digits
        ("1e309", "超出范围"),
        ("NaN", "非数字"),
        ("-Infinity", "非数字"),
        ("1.797e308", "超出合理范围"),  # finite, but sums of it overflow to infinity
        ("100000000000", "超出合理范围"),
    ],
)
def test_storage_refuses_numbers_no_report_holds(tmp_path: Path, raw: str, words: str) -> None:
    message = _refused(_every_value(tmp_path, raw))
    assert words in message
    assert "inf" not in message.lower() and "nan" not in message.lower()


def test_storage_refuses_an_over_large_schema_version(tmp_path: Path) -> None:
    document = _document(consistent_report())
    text = re.sub(r'"schema_version": \d+', '"schema_version": ' + "9" * 5000, json.dumps(document))
    path = tmp_path / "s.nianbao"
    path.write_text(text)
    assert "位的整数" in _refused(path)


def test_storage_refuses_malformed_flag_keys(tmp_path: Path) -> None:
    document = _document(consistent_report())
    document["flagged_cells"] = ["requests..natural", "x"]
    assert "待确认标记" in _refused(_write(tmp_path, document))


def test_storage_repairs_lone_surrogates_and_control_characters(tmp_path: Path) -> None:
    report = consistent_report()
    text = storage.report_to_json(report).replace('"organ": "', '"organ": "\\ud800\\u0001', 1)
    path = tmp_path / "s.nianbao"
    path.write_text(text, encoding="utf-8")
    loaded = load_report(path)
    assert loaded.meta.organ == "\ufffd" + report.meta.organ
    save_report(loaded, path)  # and it can be written again
    assert load_report(path) == loaded


def test_storage_save_never_fails_on_a_surrogate_typed_in(tmp_path: Path) -> None:
    report = consistent_report()
    report.prose["overview"] = "坏\udcff字"
    save_report(report, tmp_path / "a.nianbao")
    assert load_report(tmp_path / "a.nianbao").prose["overview"] == "坏?字"


def test_storage_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.nianbao"
    os.mkfifo(fifo)
    assert "管道" in _refused(fifo)

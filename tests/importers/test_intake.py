"""The intake: whatever a reader raises becomes one Chinese message naming the file and the
reason, the library's words only in `technical`; a time limit; an import's result always loads."""

from __future__ import annotations

import time
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from editor.domain.errors import UserError
from editor.importers import intake
from editor.importers.intake import ImportFileError, reading, reason_for
from editor.importers.time_limit import DeadlineExceeded, time_limit


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (zipfile.BadZipFile("Bad CRC-32"), "压缩数据"),
        (zlib.error("Error -3 while decompressing"), "压缩数据"),
        (KeyError("There is no item named 'word/document.xml'"), "缺少必需的组成部分"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "文字编码"),
        (SyntaxError("not well-formed"), "XML"),
        (OverflowError("cannot convert float infinity to integer"), "超出范围的数字"),
        (ValueError("Exceeds the limit (4300 digits)"), "不符合其文件格式"),
        (AttributeError("'NoneType' object has no attribute 'x'"), "不符合其文件格式"),
        (OSError("File contains no valid workbook part"), "不符合其文件格式"),
    ],
)
def test_intake_turns_any_exception_into_one_chinese_message(error: Exception, words: str) -> None:
    with pytest.raises(ImportFileError) as caught, reading(Path("/x/上年报告.docx"), "Word 文档"):
        raise error
    message = str(caught.value)
    assert "“上年报告.docx”" in message and words in message
    assert type(error).__name__ not in message and str(error) not in message
    assert type(error).__name__ in caught.value.technical  # for the 详情 box
    assert reason_for(error) in message


def test_intake_passes_user_errors_through() -> None:
    with pytest.raises(UserError, match="原样"), reading(Path("a.xlsx"), "Excel 工作簿"):
        raise UserError("原样")


def test_intake_silences_library_warnings(recwarn: pytest.WarningsRecorder) -> None:
    with reading(Path("a.xlsx"), "Excel 工作簿"):
        warnings.warn("Data Validation extension is not supported", UserWarning, stacklevel=1)
    assert len(recwarn) == 0


def test_intake_time_limit_stops_a_runaway_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake, "IMPORT_SECONDS", 0.3)
    started = time.monotonic()
    with pytest.raises(ImportFileError, match="秒仍未完成"), reading(Path("slow.pdf"), "PDF 文件"):
        while True:  # a pure-Python loop, like pdfminer's lexer on a hostile page
            pass
    assert time.monotonic() - started < 5


def test_time_limit_is_withdrawn_when_the_block_ends_in_time() -> None:
    with time_limit(0.2):
        pass
    time.sleep(0.4)  # had it been left armed, DeadlineExceeded would land here


def test_time_limit_is_not_swallowed_by_except_exception() -> None:
    with pytest.raises(DeadlineExceeded), time_limit(0.1):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:  # noqa: SIM105 - the shape of a library's catch-all, which must not eat it
                sum(range(1000))
            except Exception:
                pass


def test_intake_a_report_the_model_refuses_is_said_in_chinese_with_its_fields(
    tmp_path: Path,
) -> None:
    from editor.domain.model import Report

    with pytest.raises(ImportFileError) as caught, reading(tmp_path / "r.xlsx", "Excel 工作簿"):
        Report(meta={"organ": "某局", "year": "二〇二五", "form_version": "2021"})
    error = caught.value
    assert str(error).startswith("从“r.xlsx”读出的内容不符合年报的要求，未导入：")
    assert "年度" in str(error) or "year" in (error.technical or "")
    assert "ValidationError" in (error.technical or "")


def test_intake_does_not_load_pydantic_for_reading_a_well_formed_file() -> None:
    """Pydantic costs ~100 ms to import: a batch worker reading good files should not pay it."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys; from pathlib import Path; import editor.importers.intake; "
        "from editor.importers.any_file import read_any; "
        "read_any(Path(sys.argv[1])); print('pydantic' in sys.modules)"
    )
    sample = ROOT / "resources" / "examples" / "longting-2023.nianbao"
    out = subprocess.run(
        [sys.executable, "-c", code, str(sample)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"

"""Writing a 汇总: a write failure is one Chinese message, said once, with the system's words
kept for 详情."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.batch.sum_files import write_sum
from editor.domain.errors import UserError
from editor.domain.summing import SumSource, sum_reports
from tests.batch.pile import department


def test_write_sum_failure_is_said_once_with_details(tmp_path: Path) -> None:
    result = sum_reports([SumSource("a.nianbao", department(1, "甲局"))], "测试县", 2023)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = blocker / "汇总.nianbao"
    with pytest.raises(UserError) as caught:
        write_sum(result, target)
    message = str(caught.value)
    assert message.count("无法写入") == 1 and str(target) in message
    assert "Not a directory" in caught.value.technical and "Not a directory" not in message
    assert not target.exists()

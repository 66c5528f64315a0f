"""Reading a user's file: what is not a regular file, or is empty, sparse or too large, is refused
before a byte is read (a FIFO never blocks), and every system error is told in Chinese."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from editor.domain.errors import UserError
from editor.domain.userfiles import describe_write_error, os_reason, read_user_file

MB = 1024 * 1024


def _read(path: Path, max_bytes: int = 8 * MB) -> bytes:
    return read_user_file(path, max_bytes=max_bytes, what="年报文件", error=UserError)


def _refusal(path: Path, max_bytes: int = 8 * MB) -> str:
    with pytest.raises(UserError) as caught:
        _read(path, max_bytes)
    message = str(caught.value)
    assert path.name in message or str(path) in message
    return message


def test_userfiles_reads_a_regular_file_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.nianbao"
    data = os.urandom(3 * MB + 17)
    path.write_bytes(data)
    assert _read(path) == data


def test_userfiles_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.nianbao"
    os.mkfifo(fifo)
    outcome: list[str] = []
    reader = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert "管道" in outcome[0]


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_userfiles_refuses_a_device_even_behind_a_link(tmp_path: Path, device: str) -> None:
    link = tmp_path / "device.nianbao"
    link.symlink_to(device)
    assert "设备" in _refusal(link)


def test_userfiles_refuses_a_folder_and_an_empty_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.nianbao"
    folder.mkdir()
    assert "文件夹" in _refusal(folder)
    empty = tmp_path / "empty.nianbao"
    empty.write_bytes(b"")
    assert "空文件" in _refusal(empty)


def test_userfiles_refuses_a_large_file_by_its_size_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.nianbao"
    with big.open("wb") as f:
        f.truncate(200 * MB)  # sparse: nothing is written, and nothing must be read
    message = _refusal(big)
    assert "200 MB" in message and "远大于" in message


def test_userfiles_refuses_a_mostly_empty_sparse_file_under_the_limit(tmp_path: Path) -> None:
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as f:
        f.write("2023年政府信息公开工作年度报告".encode())
        f.truncate(6 * MB)
    if os.stat(sparse).st_blocks * 512 >= 6 * MB:
        pytest.skip("this file system stores no holes")
    assert "稀疏" in _refusal(sparse)


def test_userfiles_tells_system_errors_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "loop.nianbao"
    loop.symlink_to(loop.name)
    assert "循环" in _refusal(loop)
    assert "找不到" in _refusal(tmp_path / "missing.nianbao")
    not_dir = tmp_path / "file"
    not_dir.write_text("x")
    assert "不是文件夹" in _refusal(not_dir / "a.nianbao")


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "磁盘空间已满"),
        (errno.EROFS, "只读"),
        (errno.EFBIG, "上限"),
        (errno.EACCES, "没有写入权限"),
        (errno.EIO, "磁盘读写出错"),
        (errno.ENAMETOOLONG, "过长"),
    ],
)
def test_userfiles_write_errors_say_why_and_that_the_file_is_intact(code: int, words: str) -> None:
    error = OSError(code, os.strerror(code))
    message = describe_write_error(error, Path("/x/报告.nianbao"), existed=True)
    assert words in message and "未被改动" in message
    assert os.strerror(code) not in message  # the system's English stays out


def test_userfiles_unknown_errno_is_still_chinese() -> None:
    assert os_reason(OSError(12345, "Weird thing")) == "系统错误（错误码 12345）"

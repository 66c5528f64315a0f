"""Atomic writes: permissions like any program's files, the old file intact on every failure,
no temporary left behind, stale ones from killed writers cleaned, the folder synced."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.domain.atomic_write import clean_stale_temporaries, write_atomic
from editor.domain.errors import WriteFileError
from tests.conftest import ROOT


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def umask_022():  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_atomic_write_new_file_gets_the_umask_mode(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "a.nianbao"
    write_atomic(path, b"x")
    assert _mode(path) == 0o644
    os.umask(0o077)
    write_atomic(tmp_path / "b.nianbao", b"x")
    assert _mode(tmp_path / "b.nianbao") == 0o600


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o604])
def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(
    tmp_path: Path, umask_022: None, mode: int
) -> None:
    path = tmp_path / "a.nianbao"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert _mode(path) == mode


def test_atomic_write_through_a_link_writes_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "real.nianbao"
    real.write_bytes(b"old")
    link = tmp_path / "link.nianbao"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


@pytest.mark.parametrize("failing", ["open", "write", "fsync", "replace"])
def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "a.nianbao"
    path.write_bytes(b"old")
    original = getattr(os, failing)

    def broken(*args: object, **kwargs: object) -> object:
        if failing == "open" and not str(args[0]).endswith(".tmp"):
            return original(*args, **kwargs)  # only creating the temporary fails
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    with pytest.raises(WriteFileError) as caught:
        write_atomic(path, b"new" * 1000)
    monkeypatch.undo()
    assert "磁盘空间已满" in str(caught.value) and "未被改动" in str(caught.value)
    assert "No space" not in str(caught.value) and "No space" in caught.value.technical
    assert path.read_bytes() == b"old"
    assert _only(tmp_path) == ["a.nianbao"]


def test_atomic_write_error_is_also_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing-folder" / "a.nianbao", b"x")


def test_atomic_write_refuses_to_replace_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.nianbao").mkdir()
    with pytest.raises(WriteFileError, match="文件夹"):
        write_atomic(tmp_path / "a.nianbao", b"x")


def test_atomic_write_syncs_the_folder_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    write_atomic(tmp_path / "a.nianbao", b"x")
    assert synced == [False, True]  # the data, then the folder


def test_atomic_write_past_the_file_size_limit_is_a_message(tmp_path: Path) -> None:
    """ulimit -f: the write fails with EFBIG (SIGXFSZ ignored), in Chinese, nothing left."""
    path = tmp_path / "a.nianbao"
    path.write_bytes(b"old")
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from editor.domain.atomic_write import ignore_file_size_signal, write_atomic\n"
        "from editor.domain.errors import WriteFileError\n"
        "ignore_file_size_signal()\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    write_atomic(Path(sys.argv[1]), b'x' * 100000)\n"
        "except WriteFileError as e:\n"
        "    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "上限" in done.stdout and "未被改动" in done.stdout
    assert path.read_bytes() == b"old"
    assert _only(tmp_path) == ["a.nianbao"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_atomic_write_cleans_temporaries_of_killed_writers(tmp_path: Path) -> None:
    dead = _dead_pid()
    stale = tmp_path / f".a.nianbao.{dead}-0123abcd.tmp"
    alive = tmp_path / f".a.nianbao.{os.getppid()}-0123abcd.tmp"  # a running process's
    other = tmp_path / f".b.nianbao.{dead}-0123abcd.tmp"  # another file's
    old_legacy = tmp_path / ".a.nianbao.k2j4h6g8.tmp"  # tempfile.mkstemp, earlier versions
    young_legacy = tmp_path / ".a.nianbao.q1w2e3r4.tmp"
    unrelated = tmp_path / "notes.tmp"
    for path in (stale, alive, other, old_legacy, young_legacy, unrelated):
        path.write_bytes(b"half")
    hour_ago = time.time() - 3600
    os.utime(old_legacy, (hour_ago, hour_ago))
    write_atomic(tmp_path / "a.nianbao", b"x")
    assert _only(tmp_path) == sorted(
        p.name for p in (tmp_path / "a.nianbao", alive, other, young_legacy, unrelated)
    )
    assert clean_stale_temporaries(tmp_path) == 1  # now `other` too, for any target
    assert not other.exists() and alive.exists()


def test_atomic_write_cleanup_never_fails_on_a_missing_folder(tmp_path: Path) -> None:
    assert clean_stale_temporaries(tmp_path / "nope") == 0


def test_atomic_write_save_report_gets_644_under_umask_022(tmp_path: Path, umask_022: None) -> None:
    from editor.domain.storage import save_report
    from tests.factories import consistent_report

    save_report(consistent_report(), tmp_path / "a.nianbao")
    assert _mode(tmp_path / "a.nianbao") == 0o644

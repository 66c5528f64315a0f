"""How the command line fails: one Chinese message, the library's words only with --verbose,
never a traceback; writes that fail leave the old file; new files get the umask's mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.commands import check_command
from editor.domain.storage import save_report
from tests.conftest import ROOT
from tests.factories import consistent_report


def _cli(
    *argv: str, umask: int = 0o022, fsize: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`nianbao ARGV` in a process of its own, with a umask and optionally `ulimit -f`."""

    def limits() -> None:
        os.umask(umask)
        if fsize is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "editor.cli", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=limits,
        timeout=120,
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_failures_details_only_with_verbose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert main(["import", str(bad), "-o", str(tmp_path / "o.nianbao")]) == 2
    quiet = capsys.readouterr().err
    assert "已损坏" in quiet and "详情" not in quiet and "Error" not in quiet
    assert main(["--verbose", "import", str(bad), "-o", str(tmp_path / "o.nianbao")]) == 2
    assert "详情：" in capsys.readouterr().err


def test_failures_a_bug_is_one_chinese_line_not_a_traceback(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug(args: object) -> int:
        raise AttributeError("'NoneType' object has no attribute 'rows'")

    monkeypatch.setattr(check_command, "run", bug)
    from editor import cli

    parser_func = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", parser_func)
    assert main(["check", str(sample_path)]) in (0, 1, 2)  # registered before the patch
    capsys.readouterr()
    monkeypatch.setattr(cli, "COMMANDS", [check_command])
    assert main(["check", str(sample_path)]) == 2
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err and "NoneType" not in err
    assert main(["--verbose", "check", str(sample_path)]) == 2
    assert "Traceback" in capsys.readouterr().err  # under 详情, for whoever supports the clerk


def test_failures_import_refuses_to_overwrite_its_own_source(
    hostile_seeds: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "own.xlsx"
    source.write_bytes(hostile_seeds["own.xlsx"].read_bytes())
    before = source.read_bytes()
    assert main(["import", str(source), "-o", str(source)]) == 2
    assert "覆盖" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_failures_every_write_gets_the_umask_mode(
    hostile_seeds: dict[str, Path], tmp_path: Path
) -> None:
    sample = tmp_path / "sample.nianbao"
    save_report(consistent_report(), sample)
    runs = [
        ("new", "--year", "2025", "-o", str(tmp_path / "new.nianbao")),
        ("new", "--year", "2025", "--from", str(sample), "-o", str(tmp_path / "from.nianbao")),
        ("import", str(hostile_seeds["own.xlsx"]), "-o", str(tmp_path / "imported.nianbao")),
        ("export", str(sample), "-o", str(tmp_path / "out.xlsx")),
        ("export", str(sample), "-o", str(tmp_path / "out.pdf")),
        ("export", str(sample), "-o", str(tmp_path / "out.docx")),
        ("export", str(sample), "-o", str(tmp_path / "out.html")),
    ]
    for argv in runs:
        done = _cli(*argv)
        assert done.returncode in (0, 1), done.stderr
        assert _mode(Path(argv[-1])) == 0o644, argv
    # Saving over a file keeps its mode, whatever the umask.
    target = tmp_path / "out.xlsx"
    target.chmod(0o640)
    assert _cli("export", str(sample), "-o", str(target), umask=0o077).returncode in (0, 1)
    assert _mode(target) == 0o640


@pytest.mark.parametrize("suffix", [".nianbao", ".xlsx", ".pdf"])
def test_failures_write_past_the_file_size_limit_keeps_the_old_file(
    hostile_seeds: dict[str, Path], tmp_path: Path, suffix: str
) -> None:
    sample = tmp_path / "sample.nianbao"
    save_report(consistent_report(), sample)
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"old")
    if suffix == ".nianbao":
        argv: tuple[str, ...] = ("import", str(hostile_seeds["own.xlsx"]), "-o", str(target))
    else:
        argv = ("export", str(sample), "-o", str(target))
    done = _cli(*argv, fsize=2048)
    assert done.returncode == 2, done.stderr
    assert "上限" in done.stderr and "未被改动" in done.stderr
    assert "Traceback" not in done.stderr and "File too large" not in done.stderr
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["sample.nianbao", target.name])


def test_failures_unwritable_folder_is_a_message(
    hostile_seeds: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import errno

    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    out = tmp_path / "new.nianbao"
    assert main(["new", "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "只读" in err and "Read-only" not in err and not out.exists()

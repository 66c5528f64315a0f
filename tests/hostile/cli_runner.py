"""Runs `nianbao` command lines in forked children, measuring each one's wall time and memory.

The parent imports the program and its libraries once; each run is a fork of it calling
`editor.cli.main(argv)` with its output in files, so thousands of runs cost what their work costs,
not Python's start-up. Each child is reaped with wait4(), whose rusage is that child's own: its
peak resident memory (ru_maxrss, counting the pages it shares with the parent too). A child gets a
safety cap on its address space, so a run-away never takes the machine down (a run near the cap is
still a failure), and is killed past its wall-clock timeout.

`python -m tests.hostile.cli_runner serve` runs the same thing as a server (JSON lines on stdin
and stdout), so that pytest, which may have Qt running, never forks itself.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

SAFETY_ADDRESS_SPACE = 3 * 1024**3
PRELOAD = (
    "editor.cli",
    "editor.importers.xlsx",
    "editor.importers.published",
    "editor.importers.last_year",
    "editor.exporters.xlsx",
    "editor.exporters.pdf",
    "pdfplumber",
    "docx",
    "pydantic",
)


@dataclass
class RunResult:
    argv: list[str]
    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    timed_out: bool = False
    job: str = ""


@dataclass
class _Child:
    job: str
    argv: list[str]
    started: float
    out: Path
    err: Path
    deadline: float
    killed: bool = False


@dataclass
class ForkRunner:
    scratch: Path
    timeout: float = 60.0
    _children: dict[int, _Child] = field(default_factory=dict)
    _serial: int = 0

    def __post_init__(self) -> None:
        import importlib

        for module in PRELOAD:
            importlib.import_module(module)
        self.scratch.mkdir(parents=True, exist_ok=True)

    def submit(self, argv: list[str], cwd: Path, job: str = "") -> None:
        self._serial += 1
        out = self.scratch / f"run-{os.getpid()}-{self._serial}.out"
        err = out.with_suffix(".err")
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child_main(argv, cwd, out, err)
        self._children[pid] = _Child(job, argv, started, out, err, started + self.timeout)

    @property
    def running(self) -> int:
        return len(self._children)

    def wait_any(self) -> RunResult:
        """The next child to finish (killing those past their deadline)."""
        while True:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
            if pid:
                return self._collect(pid, status, usage)
            now = time.monotonic()
            for child_pid, child in self._children.items():
                if now > child.deadline and not child.killed:
                    child.killed = True
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child_pid, signal.SIGKILL)
            time.sleep(0.005)

    def _collect(self, pid: int, status: int, usage: resource.struct_rusage) -> RunResult:
        child = self._children.pop(pid)
        seconds = time.monotonic() - child.started
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
        result = RunResult(
            argv=child.argv,
            code=code,
            stdout=_read_and_remove(child.out),
            stderr=_read_and_remove(child.err),
            seconds=seconds,
            max_rss_mb=usage.ru_maxrss / 1024,
            timed_out=child.killed,
            job=child.job,
        )
        return result

    def run(self, argv: list[str], cwd: Path) -> RunResult:
        self.submit(argv, cwd)
        return self.wait_any()

    def run_all(
        self, jobs: Iterable[tuple[str, list[str], Path]], parallel: int
    ) -> Iterator[RunResult]:
        """Runs (job id, argv, cwd) jobs, `parallel` at a time, yielding results as they end."""
        for job, argv, cwd in jobs:
            while self.running >= parallel:
                yield self.wait_any()
            self.submit(argv, cwd, job)
        while self.running:
            yield self.wait_any()


def _read_and_remove(path: Path) -> str:
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
    with contextlib.suppress(OSError):
        path.unlink()
    return text


def _child_main(argv: list[str], cwd: Path, out: Path, err: Path) -> None:
    code = 1
    try:
        resource.setrlimit(resource.RLIMIT_AS, (SAFETY_ADDRESS_SPACE, SAFETY_ADDRESS_SPACE))
        os.chdir(cwd)
        out_fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err_fd = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8")
        from editor.cli import main

        code = main(argv)
    except SystemExit as e:  # argparse
        code = e.code if isinstance(e.code, int) else 1
    except BaseException:  # what Python itself would do: a traceback, exit status 1
        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _serve() -> None:
    """JSON lines in: {"argv": [...], "cwd": "..."}; JSON lines out: a RunResult each."""
    scratch = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/nianbao-runner")
    runner = ForkRunner(scratch)
    reply = sys.stdout
    print(json.dumps({"ready": True}), file=reply, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "timeout" in request:
            runner.timeout = float(request["timeout"])
        result = runner.run(request["argv"], Path(request["cwd"]))
        print(json.dumps(asdict(result)), file=reply, flush=True)


class RunnerClient:
    """A ForkRunner in a server process of its own (for pytest, which may have Qt running)."""

    def __init__(self, scratch: Path) -> None:
        root = Path(__file__).resolve().parent.parent.parent
        env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
        import subprocess

        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.cli_runner", "serve", str(scratch)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=root,
            text=True,
            encoding="utf-8",
        )
        assert self._process.stdout is not None
        ready = json.loads(self._process.stdout.readline())
        assert ready == {"ready": True}

    def run(self, argv: list[str], cwd: Path, timeout: float = 60.0) -> RunResult:
        assert self._process.stdin is not None and self._process.stdout is not None
        request = {"argv": argv, "cwd": str(cwd), "timeout": timeout}
        self._process.stdin.write(json.dumps(request) + "\n")  # ASCII: names may hold surrogates
        self._process.stdin.flush()
        return RunResult(**json.loads(self._process.stdout.readline()))

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "serve":
    _serve()

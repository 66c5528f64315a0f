"""How fast `nianbao review` is on a large pile, against `nianbao check` and against itself.

1. 1,000 generated report files (every tenth with a broken total): `nianbao review` against
   `nianbao check` on the same folder, both as processes (goal: review within 2× check).
2. 100 generated reports exported as PDFs: `nianbao review --jobs 1` against `--jobs 2`
   (goal: 2 processes at least 1.6× faster than 1).

The machine's load is printed before and after: other work on the cores skews both ratios.
Run: python benchmarks/review.py [--pdfs N] [--files N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.domain.forms import CellRef  # noqa: E402
from editor.domain.storage import save_report  # noqa: E402
from tests.factories import consistent_report  # noqa: E402


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def _report(i: int):  # type: ignore[no-untyped-def]
    report = consistent_report(seed=i)
    report.meta.organ = f"测试县第{i}局"
    if i % 10 == 0:
        report.set(CellRef("requests", "results_total", "natural"), 999)
    return report


def _write_nianbao(folder: Path, count: int) -> None:
    for i in range(count):
        save_report(_report(i), folder / f"dept{i:04d}.nianbao")


def _write_pdf(args: tuple[Path, int]) -> None:
    from editor.exporters.pdf import PdfOptions, export_pdf

    folder, i = args
    export_pdf(_report(i), folder / f"dept{i:04d}.pdf", PdfOptions(draft=False))


def _timed(run: Callable[[], None]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the processes it started). On a machine shared with other
    work the CPU seconds are the steadier measure; the wall seconds are what a clerk waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# openpyxl imports numpy when it is installed (0.14 s here, where scipy brought it); the
# shipped bundle excludes numpy and a clean install has none. This runs the command as there.
_NO_NUMPY = (
    "import sys; sys.modules['numpy'] = None; "
    "from editor.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _cli(*args: str, numpy: bool = True) -> Callable[[], None]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = ["-m", "editor.cli"] if numpy else ["-c", _NO_NUMPY]
    command = [sys.executable, *start, *args]

    def run() -> None:
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode(errors='replace')}")

    return run


def report_files(tmp: Path, count: int) -> None:
    folder = tmp / "nianbao"
    folder.mkdir()
    _write_nianbao(folder, count)
    out = tmp / "审核结果-nianbao.xlsx"
    commands = {
        "nianbao check": _cli("check", str(folder)),
        "nianbao review": _cli("review", str(folder), "-o", str(out)),
        "nianbao review without numpy": _cli("review", str(folder), "-o", str(out), numpy=False),
    }
    # Interleaved, best of five each, so a burst of other work hits all alike.
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(5):
        for name, run in commands.items():
            times[name].append(_timed(run))
    wall = {name: min(w for w, _ in t) for name, t in times.items()}
    cpu = {name: min(c for _, c in t) for name, t in times.items()}
    base = "nianbao check"
    print(f"{count} report files, best of 5 (goal: review ≤ 2× check):")
    for name in commands:
        print(
            f"  {name}: {wall[name]:.2f} s ({wall[name] / wall[base]:.2f}×), "
            f"CPU {cpu[name]:.2f} s ({cpu[name] / cpu[base]:.2f}×)"
        )


def pdf_files(tmp: Path, count: int) -> None:
    folder = tmp / "pdf"
    folder.mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write_pdf, [(folder, i) for i in range(count)]))
    print(f"({count} PDFs written in {time.perf_counter() - start:.0f} s)")
    out = tmp / "审核结果-pdf.xlsx"
    runs: dict[str, list[tuple[float, float]]] = {"1": [], "2": []}
    for jobs in ("1", "2", "1", "2"):
        runs[jobs].append(_timed(_cli("review", str(folder), "-o", str(out), "--jobs", jobs)))
        print(f"  --jobs {jobs}: {runs[jobs][-1][0]:.1f} s ({_load()})")
    one, two = min(w for w, _ in runs["1"]), min(w for w, _ in runs["2"])
    cpu_one, cpu_two = min(c for _, c in runs["1"]), min(c for _, c in runs["2"])
    print(
        f"{count} PDFs: review with 1 process {one:.1f} s, with 2 processes {two:.1f} s, "
        f"speed-up {one / two:.2f}× (goal ≥ 1.6×)"
    )
    # What two free cores would give: the work split in two, plus what the workers add.
    print(
        f"  CPU: {cpu_one:.1f} s with 1 process, {cpu_two:.1f} s with 2 (workers' start-up "
        f"and hand-over {cpu_two - cpu_one:+.1f} s); on two idle cores at best "
        f"{cpu_one / (cpu_two / 2):.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=100)
    args = parser.parse_args()
    print(f"before: {_load()}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.files:
            report_files(Path(tmp), args.files)
        if args.pdfs:
            pdf_files(Path(tmp), args.pdfs)
    print(f"after: {_load()}")


if __name__ == "__main__":
    main()

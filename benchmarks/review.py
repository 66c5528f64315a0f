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


def _best(run: Callable[[], None], repeat: int) -> float:
    return min(_timed(run)[0] for _ in range(repeat))


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


def _cli(*args: str) -> Callable[[], None]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "editor.cli", *args]

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
    check = _cli("check", str(folder))
    review = _cli("review", str(folder), "-o", str(out))
    # Interleaved, best of five each, so a burst of other work hits both alike.
    check_times, review_times = [], []
    for _ in range(5):
        check_times.append(_timed(check))
        review_times.append(_timed(review))
    c, r = min(t[0] for t in check_times), min(t[0] for t in review_times)
    c_cpu, r_cpu = min(t[1] for t in check_times), min(t[1] for t in review_times)
    print(
        f"{count} report files: nianbao check {c:.2f} s, nianbao review {r:.2f} s, "
        f"ratio {r / c:.2f}× (goal ≤ 2×); CPU {c_cpu:.2f} s and {r_cpu:.2f} s, "
        f"ratio {r_cpu / c_cpu:.2f}×"
    )


def pdf_files(tmp: Path, count: int) -> None:
    folder = tmp / "pdf"
    folder.mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write_pdf, [(folder, i) for i in range(count)]))
    print(f"({count} PDFs written in {time.perf_counter() - start:.0f} s)")
    out = tmp / "审核结果-pdf.xlsx"
    one = _best(_cli("review", str(folder), "-o", str(out), "--jobs", "1"), 1)
    two = _best(_cli("review", str(folder), "-o", str(out), "--jobs", "2"), 1)
    one_again = _best(_cli("review", str(folder), "-o", str(out), "--jobs", "1"), 1)
    two_again = _best(_cli("review", str(folder), "-o", str(out), "--jobs", "2"), 1)
    one, two = min(one, one_again), min(two, two_again)
    print(
        f"{count} PDFs: review with 1 process {one:.1f} s, with 2 processes {two:.1f} s, "
        f"speed-up {one / two:.2f}× (goal ≥ 1.6×)"
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

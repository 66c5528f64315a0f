"""How fast the checks are: one report in-process, and `nianbao check` over 1,000 files.

Baselines, measured in the same run: `json.load` of the same files (in-process and as a process).
Run: python benchmarks/check_speed.py
"""

from __future__ import annotations

import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editor.cli import main as cli_main
from editor.domain.checks import check_report
from editor.domain.forms import CellRef
from editor.domain.storage import load_report, save_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
FILES = 1000


def _best(fn: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def one_report() -> None:
    report = load_report(SAMPLE)
    runs = []
    for _ in range(2000):
        start = time.perf_counter()
        check_report(report)
        runs.append(time.perf_counter() - start)
    print(
        f"check_report, one report: median {statistics.median(runs) * 1e6:.0f} µs, "
        f"min {min(runs) * 1e6:.0f} µs (goal < 1000 µs)"
    )


def many_files(folder: Path) -> None:
    report = load_report(SAMPLE)
    for i in range(FILES):
        # Vary a value so files differ; every tenth one has a broken total.
        report.set(CellRef("requests", "received", "natural"), 27 + (i % 10 == 0))
        save_report(report, folder / f"dept{i:04d}.nianbao")
    files = sorted(folder.glob("*.nianbao"))

    def bare_json() -> None:
        for f in files:
            with f.open(encoding="utf-8") as fh:
                json.load(fh)

    def nianbao_check() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            cli_main(["check", str(folder)])

    base = _best(bare_json, 5)
    ours = _best(nianbao_check, 5)
    print(
        f"in-process, {FILES} files: json.load {base * 1e3:.0f} ms, nianbao check "
        f"{ours * 1e3:.0f} ms, ratio {ours / base:.1f}×"
    )

    script = (
        "import json,sys,pathlib\n"
        "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.nianbao')):\n"
        "    json.load(open(f, encoding='utf-8'))\n"
    )
    base_cmd = [sys.executable, "-c", script, str(folder)]
    ours_cmd = [sys.executable, "-m", "editor.cli", "check", str(folder)]

    def run(cmd: list[str]) -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)

    base_p = _best(lambda: run(base_cmd), 3)
    ours_p = _best(lambda: run(ours_cmd), 3)
    print(
        f"as processes, {FILES} files: python json.load {base_p * 1e3:.0f} ms, "
        f"nianbao check {ours_p * 1e3:.0f} ms, ratio {ours_p / base_p:.1f}× (goal ≤ 3×)"
    )


if __name__ == "__main__":
    one_report()
    with tempfile.TemporaryDirectory() as tmp:
        many_files(Path(tmp))

"""How fast the checks are: one report in-process (and one started from last year, which runs the
rules against last year too), and `nianbao check` over 1,000 files.

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
from editor.importers.last_year import new_from_last_year

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


def started_from_last_year() -> None:
    """A report started from the sample (last year's prose and values kept, so every rule against
    last year runs), with a claim of change in its prose: as rechecked after each keystroke (the
    text caches warm) and as checked the first time (every cache emptied before each run)."""
    report = new_from_last_year(SAMPLE, 2024).report
    report.set_values({ref: value for ref, value in load_report(SAMPLE).filled_cells()})
    report.prose["overview.requests"] = "本年度共收到政府信息公开申请27件，同比增长50%。"
    rules = {f.rule for f in check_report(report)}
    assert {"prose.last_year", "text.change"} <= rules, rules
    warm, cold = [], []
    for _ in range(500):
        start = time.perf_counter()
        check_report(report)
        warm.append(time.perf_counter() - start)
    for _ in range(100):
        _clear_text_caches()
        start = time.perf_counter()
        check_report(report)
        cold.append(time.perf_counter() - start)
    print(
        f"check_report, report started from last year: rechecked median "
        f"{statistics.median(warm) * 1e6:.0f} µs (min {min(warm) * 1e6:.0f}); first check "
        f"(caches empty) median {statistics.median(cold) * 1e6:.0f} µs "
        f"(min {min(cold) * 1e6:.0f}) (goal < 2000 µs)"
    )


def _clear_text_caches() -> None:
    from editor.domain.checks import text_period
    from editor.domain.checks.text import changes, claims, similarity

    for fn in (
        claims.read_claims,
        claims._sentence_claims,
        changes.read_changes,
        similarity.copied_text,
        similarity._last_year,
        similarity._last_year_by_length,
        similarity._bigrams,
        similarity._near_any,
        text_period._statements,
    ):
        fn.cache_clear()


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
    started_from_last_year()
    with tempfile.TemporaryDirectory() as tmp:
        many_files(Path(tmp))

"""Times Excel export and import of the sample report (goal: each under 300 ms).

Baseline, measured in the same run: openpyxl writing and reading a bare workbook with the same
number of values and nothing else (no merges, styles, names or checks), so the ratio shows what
our layout and label work cost on top of openpyxl itself.

    python benchmarks/excel.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.domain.storage import load_report  # noqa: E402
from editor.exporters.xlsx import export_xlsx  # noqa: E402
from editor.importers.xlsx import import_xlsx  # noqa: E402

SAMPLE = ROOT / "resources" / "examples" / "longting-2023.nianbao"
GOAL_MS = 300.0


def median_ms(job: Callable[[], object], runs: int) -> float:
    job()  # warm up imports and caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    report = load_report(SAMPLE)
    values = [v for _, v in report.filled_cells()]
    with tempfile.TemporaryDirectory() as folder:
        ours = Path(folder) / "ours.xlsx"
        bare = Path(folder) / "bare.xlsx"
        foreign = Path(folder) / "foreign.xlsx"

        def bare_write() -> None:
            wb = openpyxl.Workbook()
            ws = wb.active
            assert ws is not None
            for i, v in enumerate(values):
                ws.cell(row=1 + i // 10, column=1 + i % 10, value=v)
            wb.save(bare)

        export_xlsx(report, ours)
        wb = openpyxl.load_workbook(ours)
        del wb["_nianbao"]
        wb.save(foreign)  # our layout without the marker: read by labels
        rows = [
            ("export (ours)", median_ms(lambda: export_xlsx(report, ours), args.runs)),
            ("write (bare openpyxl)", median_ms(bare_write, args.runs)),
            ("import (ours, marker)", median_ms(lambda: import_xlsx(ours), args.runs)),
            ("import (by labels)", median_ms(lambda: import_xlsx(foreign), args.runs)),
            ("read (bare openpyxl)", median_ms(lambda: openpyxl.load_workbook(bare), args.runs)),
        ]
    print(f"sample: {SAMPLE.name}, {len(values)} values, median of {args.runs} runs")
    for name, ms in rows:
        print(f"  {name:24s} {ms:7.1f} ms")
    export_ms, write_ms, import_ms, labels_ms, read_ms = (ms for _, ms in rows)
    print(f"  export / bare write      {export_ms / write_ms:5.1f}×")
    print(f"  import / bare read       {import_ms / read_ms:5.1f}×")
    print(f"  by labels / bare read    {labels_ms / read_ms:5.1f}×")
    ok = export_ms < GOAL_MS and import_ms < GOAL_MS
    print(f"goal (< {GOAL_MS:.0f} ms each for export and import): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

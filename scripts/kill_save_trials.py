"""kill -9 while saving: the report is never corrupt or lost, and no temporary file outlives the
next save (or the next start, for the recovery folder).

    python scripts/kill_save_trials.py [--trials 200] [--autosave-trials 75] [--dir DIR]

Each trial starts a process that saves two versions of a report over one file, alternately and
without pause (save_report: temporary, fsync, rename, fsync of the folder), kills it with SIGKILL
after a random 5–300 ms, then checks that the file loads and equals one of the two versions,
counts the temporaries the killed process left, saves once more as the next session would, and
counts the temporaries again. The autosave trials do the same with the window's recovery store
writing every millisecond, and `RecoveryStore.clean_stale()` (what start-up runs) as the cleanup.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.domain.storage import load_report, save_report  # noqa: E402
from editor.domain.validity import MAX_PROSE_CHARS  # noqa: E402
from editor.ui.recovery import RecoveryStore  # noqa: E402
from tests.factories import consistent_report  # noqa: E402

SAVER = """
import sys
from pathlib import Path
from editor.domain.storage import load_report, save_report
from editor.ui.recovery import RecoveryStore
a, b = load_report(sys.argv[1]), load_report(sys.argv[2])
target, mode = Path(sys.argv[3]), sys.argv[4]
store = RecoveryStore(target) if mode == "autosave" else None
print("ready", flush=True)
while True:
    for report in (a, b):
        if store is None:
            save_report(report, target)
        else:
            store.write(report, None)
"""


def versions(folder: Path) -> tuple[Path, Path]:
    """Two large reports (a save takes long enough to be hit), saved as the trial's sources."""
    out = []
    for seed in (1, 2):
        report = consistent_report(seed=seed)
        report.prose["overview"] = f"版本 {seed}：" + "本年度收到政府信息公开申请。" * (
            (MAX_PROSE_CHARS - 10) // 14
        )
        path = folder / f"version-{seed}.nianbao"
        save_report(report, path)
        out.append(path)
    return out[0], out[1]


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def trial(
    sources: tuple[Path, Path], folder: Path, mode: str, rng: random.Random
) -> dict[str, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    target = folder / ("recovery" if mode == "autosave" else "report.nianbao")
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(sources[0]), str(sources[1]), str(target), mode],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    child.stdout.readline()  # "ready": everything imported, saving starts now
    time.sleep(rng.uniform(0.005, 0.3))
    child.send_signal(signal.SIGKILL)
    child.wait()
    result = {"corrupt": 0, "lost": 0, "left_by_kill": 0, "left_after_cleanup": 0}
    expected = [load_report(s) for s in sources]
    files = [target / f"recovery-{child.pid}.nianbao"] if mode == "autosave" else [target]
    for path in files:
        if not path.exists():
            if mode == "save":
                result["lost"] += 1  # the save target existed before the trial: it must stay
            continue
        try:
            report = load_report(path)
        except Exception:
            result["corrupt"] += 1
            continue
        if report not in expected:
            result["lost"] += 1
    where = target if mode == "autosave" else folder
    result["left_by_kill"] = len(temporaries(where))
    if mode == "autosave":
        RecoveryStore(target).clean_stale()  # what the window does at start-up
    else:
        save_report(expected[0], target)  # the next save into the folder
    result["left_after_cleanup"] = len(temporaries(where))
    return result


def run(trials: int, mode: str, base: Path, sources: tuple[Path, Path], rng: random.Random) -> None:
    folder = base / mode
    folder.mkdir()
    if mode == "save":
        save_report(load_report(sources[0]), folder / "report.nianbao")
    totals = {"corrupt": 0, "lost": 0, "left_by_kill": 0, "left_after_cleanup": 0}
    hit = 0
    for _ in range(trials):
        result = trial(sources, folder, mode, rng)
        hit += result["left_by_kill"] > 0
        for key, value in result.items():
            totals[key] += value
    print(
        f"{mode}: {trials} kill -9 trials: {totals['corrupt']} corrupt, {totals['lost']} lost; "
        f"{hit} kills landed mid-write and left {totals['left_by_kill']} temporaries, "
        f"{totals['left_after_cleanup']} left after the next "
        + ("start (clean_stale)" if mode == "autosave" else "save"),
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--autosave-trials", type=int, default=75)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="kill-trials-", dir=args.dir))
    rng = random.Random(args.seed)
    try:
        sources = versions(base)
        run(args.trials, "save", base, sources, rng)
        if args.autosave_trials:
            run(args.autosave_trials, "autosave", base, sources, rng)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

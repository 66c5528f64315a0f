"""A campaign of hostile and mutated files against the command line, and some against the window.

    python scripts/hostile_campaign.py [--runs 10000] [--parallel 2] [--seed 1] [--out DIR]
                                       [--gui 150]

Builds the sound seeds and every hand-made hostile case (tests/hostile/files.py), then mutants of
the seeds until the planned runs reach --runs; runs `nianbao check/import/export/new` on each
(import's output is then checked: an import must never write a file the loader refuses), each
in a forked child whose wall time and peak memory are measured (tests/hostile/cli_runner.py);
then --gui runs of `python -m editor FILE` (a double-click) in real processes. Every run is
judged by tests/hostile/judge.py: exit code 0/1/2, no traceback, under 30 s and 1 GB, messages
in Chinese (the "详情" of --verbose aside). Prints the counts; failures go to OUT/failures.jsonl.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.hostile.cli_runner import ForkRunner, RunResult  # noqa: E402
from tests.hostile.commands import commands_for  # noqa: E402
from tests.hostile.files import CASES  # noqa: E402
from tests.hostile.judge import MAX_RSS_MB, MAX_SECONDS, problems  # noqa: E402
from tests.hostile.mutate import mutant  # noqa: E402
from tests.hostile.seeds import build_seeds  # noqa: E402


def build_inputs(folder: Path, seeds: dict[str, Path], runs: int, rng: random.Random) -> list[Path]:
    hostile = folder / "hostile"
    hostile.mkdir(parents=True, exist_ok=True)
    inputs: list[Path] = list(seeds.values())  # sound files must stay fine too
    for case in CASES:
        path = hostile / case.name
        if not path.exists() and not path.is_symlink():
            case.build(path, seeds)
        inputs.append(path)
    planned = sum(len(commands_for(p, folder)) for p in inputs)
    mutants = folder / "mutants"
    mutants.mkdir(exist_ok=True)
    sources = [p for p in seeds.values()]
    n = 0
    while planned < runs:
        seed = rng.choice(sources)
        path = mutants / f"m{n:05d}-{seed.stem}{seed.suffix}"
        path.write_bytes(mutant(seed.read_bytes(), seed.suffix, rng))
        inputs.append(path)
        planned += len(commands_for(path, folder))  # (checks of imports' output come on top)
        n += 1
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--gui", type=int, default=150, help="runs of the window (python -m editor)"
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/nianbao-campaign"))
    parser.add_argument(
        "--samples",
        type=Path,
        default=ROOT.parent / "shared" / "samples",
        help="real published reports to add to the seeds (default: ../shared/samples)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out: Path = args.out
    if (out / "work").exists():
        shutil.rmtree(out / "work")
    seeds = build_seeds(out / "seeds", args.samples)
    started = time.monotonic()
    inputs = build_inputs(out / "inputs", seeds, args.runs, rng)
    print(
        f"{len(inputs)} inputs ({len(CASES)} hand-made hostile, {len(seeds)} seeds) "
        f"built in {time.monotonic() - started:.0f} s",
        flush=True,
    )

    runner = ForkRunner(out / "scratch", timeout=MAX_SECONDS * 2)
    jobs = []
    for i, path in enumerate(inputs):
        for j in range(len(commands_for(path, out))):
            work = out / "work" / f"{i}-{j}"
            work.mkdir(parents=True)
            jobs.append((f"{i}:{j}", commands_for(path, work)[j], work))
    results: list[RunResult] = []
    failures: list[dict[str, object]] = []
    loader_refused = 0
    pending_checks = []
    started = time.monotonic()

    def judge(result: RunResult, path: Path) -> None:
        found = problems(result, names=[str(path), path.name, *result.argv])
        if found:
            failures.append({"input": str(path), "problems": found, **asdict(result)})

    job_input = {job: inputs[int(job.split(":")[0])] for job, _a, _w in jobs}
    for result in runner.run_all(iter(jobs), args.parallel):
        results.append(result)
        path = job_input.get(result.job, Path(result.argv[-1]))
        judge(result, path)
        if result.argv[1] == "import" and result.code == 0:
            written = Path(result.argv[-1])
            pending_checks.append(
                (result.job + ":check", ["--verbose", "check", str(written)], written.parent)
            )
        if len(results) % 500 == 0:
            print(
                f"  {len(results)} runs, {len(failures)} failures, "
                f"{time.monotonic() - started:.0f} s",
                flush=True,
            )
    for result in runner.run_all(iter(pending_checks), args.parallel):
        results.append(result)
        judge(result, Path(result.argv[-1]))
        if result.code == 2:
            loader_refused += 1
            failures.append(
                {
                    "input": result.argv[-1],
                    "problems": ["import wrote a file the loader refuses"],
                    **asdict(result),
                }
            )
    cli_seconds = time.monotonic() - started
    batches = run_batch_reviews(inputs, rng, out)

    gui = run_gui(inputs, seeds, args.gui, rng, out)

    with (out / "runs.jsonl").open("w", encoding="utf-8", errors="replace") as f:
        for r in results:
            first = (r.stderr.strip().splitlines() or [""])[0]
            record = {
                "argv": r.argv,
                "code": r.code,
                "seconds": round(r.seconds, 3),
                "max_rss_mb": round(r.max_rss_mb),
                "message": first[:200],
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out / "failures.jsonl").write_text(
        "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures + gui["failures"]),
        encoding="utf-8",
        errors="replace",  # file names that are not UTF-8
    )
    report(results, failures, loader_refused, cli_seconds, gui, args, out)
    for batch in batches:
        print(
            f"review of {batch['files']} {batch['label']} in one run (-j 2): exit {batch['code']}, "
            f"{batch['seconds']:.0f} s, {batch['max_rss_mb']:.0f} MB, problems: {batch['problems']}"
        )
    bad_batches = [b for b in batches if b["problems"]]
    return 1 if failures or gui["failures"] or bad_batches else 0


def run_batch_reviews(inputs: list[Path], rng: random.Random, out: Path) -> list[dict]:
    """`nianbao review` of many bad files at once, as a collecting office runs it: the hostile
    folder, and 200 mutants, each read in worker processes. No time bound per batch (it reads
    hundreds of files); the rest of the judge applies."""
    runner = ForkRunner(out / "scratch-batch", timeout=1800)
    hostile = [p for p in inputs if p.parent.name == "hostile"]
    pool = [p for p in inputs if p.parent.name == "mutants"]
    mutants = rng.sample(pool, k=min(200, len(pool)))
    outcome = []
    for label, files in (("hostile files", hostile), ("mutants", mutants)):
        work = out / "work" / f"batch-{label.split()[0]}"
        work.mkdir(parents=True, exist_ok=True)
        argv = ["--verbose", "review", *map(str, files), "-o", str(work / "review.xlsx"), "-j", "2"]
        result = runner.run(argv, work)
        found = [p for p in problems(result, names=map(str, files)) if not p.startswith("took")]
        outcome.append(
            {
                "label": label,
                "files": len(files),
                "code": result.code,
                "seconds": result.seconds,
                "max_rss_mb": result.max_rss_mb,
                "problems": found,
            }
        )
    return outcome


def run_gui(
    inputs: list[Path], seeds: dict[str, Path], count: int, rng: random.Random, out: Path
) -> dict:
    """`python -m editor FILE` in real processes: the hostile .nianbao first, then a sample."""
    hostile = [p for p in inputs if p.parent.name == "hostile"]
    chosen = [p for p in hostile if p.suffix == ".nianbao"]
    others = [p for p in inputs if p not in chosen]
    chosen += rng.sample(others, k=max(0, min(len(others), count - len(chosen))))
    chosen = chosen[:count]
    env = dict(
        os.environ,
        NIANBAO_QUIT_AFTER_SHOW="1",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(out / "gui-data"),
        XDG_CONFIG_HOME=str(out / "gui-config"),
    )
    runs, failures, seconds = 0, [], []
    for path in chosen:
        started = time.monotonic()
        try:
            done = subprocess.run(
                ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "editor", str(path)],
                env=env,
                capture_output=True,
                timeout=MAX_SECONDS * 2,
            )
            err = done.stderr.decode("utf-8", "replace")
            rss = float(err.strip().splitlines()[-1]) / 1024 if err.strip() else 0.0
            code, timed_out = done.returncode, False
        except subprocess.TimeoutExpired:
            err, rss, code, timed_out = "", 0.0, -9, True
        elapsed = time.monotonic() - started
        seconds.append(elapsed)
        runs += 1
        found = []
        if timed_out or elapsed > MAX_SECONDS:
            found.append(f"took {elapsed:.1f} s")
        if rss > MAX_RSS_MB:
            found.append(f"used {rss:.0f} MB")
        if code != 0:
            found.append(f"exit code {code}")
        if "Traceback" in err:
            found.append("traceback")
        if found:
            failures.append(
                {"input": str(path), "problems": found, "stderr": err[-3000:], "gui": True}
            )
    return {"runs": runs, "failures": failures, "seconds": seconds}


def report(results, failures, loader_refused, cli_seconds, gui, args, out) -> None:  # type: ignore[no-untyped-def]
    kinds = collections.Counter(
        p.split(":")[0].split(" in ")[0]
        for f in failures
        if not f.get("gui")
        for p in f["problems"]
    )
    codes = collections.Counter(r.code for r in results)
    by_command = collections.Counter(r.argv[1] for r in results)
    times = sorted(r.seconds for r in results)
    rss = sorted(r.max_rss_mb for r in results)
    tracebacks = sum(
        1 for r in results if "Traceback (most recent call last)" in r.stderr + r.stdout
    )
    over_time = sum(1 for r in results if r.timed_out or r.seconds > MAX_SECONDS)
    over_memory = sum(1 for r in results if r.max_rss_mb > MAX_RSS_MB)
    english = sum(1 for f in failures if any(p.startswith("English") for p in f["problems"]))
    details = collections.Counter()
    for r in results:
        for line in r.stderr.splitlines():
            if line.startswith("详情："):
                details[line[3:].split(":")[0][:40]] += 1
    print()
    print(f"command-line runs: {len(results)} in {cli_seconds:.0f} s ({args.parallel} at a time)")
    print(f"  by command: {dict(by_command)}")
    print(f"  exit codes: {dict(sorted(codes.items()))}")
    print(f"  tracebacks: {tracebacks}")
    print(
        f"  over {MAX_SECONDS:.0f} s: {over_time}   slowest: {times[-1]:.2f} s   "
        f"median {statistics.median(times):.2f} s   "
        f"99th percentile {times[int(len(times) * 0.99)]:.2f} s"
    )
    print(
        f"  over {MAX_RSS_MB:.0f} MB: {over_memory}   largest: {rss[-1]:.0f} MB   "
        f"median {statistics.median(rss):.0f} MB"
    )
    print(f"  messages not in Chinese: {english}")
    print(f"  imports whose output the loader refused: {loader_refused}")
    print(f"  failures by kind: {dict(kinds)}")
    print(f"  library errors behind the messages (详情): {dict(details.most_common(12))}")
    g = gui["seconds"]
    print(
        f"window runs (python -m editor FILE): {gui['runs']}, failures {len(gui['failures'])}"
        + (f", slowest {max(g):.1f} s" if g else "")
    )
    print(f"failures listed in {out / 'failures.jsonl'}")


if __name__ == "__main__":
    sys.exit(main())

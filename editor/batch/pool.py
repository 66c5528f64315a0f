"""Many files reviewed at once: in this process for a small pile, in worker processes for a large.

Reading a PDF is pure Python work (about half a second a report), so only processes use more
than one core. Workers are started with "spawn" on every platform: the same behaviour on Windows,
where it is the only way, and never a fork of a process that runs Qt threads (the window calls
this from a worker thread). A frozen program must call multiprocessing.freeze_support() first
(packaging/entry.py does).

A worker that dies (a native crash in a PDF library, the out-of-memory killer) breaks the pool.
Each worker marks in shared memory which file it is reading, so the files it was reading are
known: they are retried alone, and a file that kills its reader again gets a row saying so. The
other unfinished files go on in a fresh pool.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from editor.batch.inputs import InputFile
from editor.batch.review import ReviewedFile, review_file

# Seconds one file of each kind takes to read and check, roughly (benchmarks/review.py).
_SECONDS_BY_SUFFIX = {".nianbao": 0.002, ".pdf": 0.5, ".docx": 0.15, ".xlsx": 0.2, ".xlsm": 0.2}
_DEFAULT_SECONDS = 0.05
# Starting a worker costs about a second (a fresh interpreter importing the readers): piles
# that take less than this in one process are not worth it.
POOL_FROM_SECONDS = 3.0
# Report files are read a thousand a second: handed to workers in batches, not one by one.
_FAST_BATCH = 50
_FAST_FROM_SECONDS = 0.01

CRASHED = "读取此文件时，读取程序意外退出（文件可能已损坏，或过于复杂）。"


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def estimated_seconds(item: InputFile) -> float:
    return _SECONDS_BY_SUFFIX.get(item.path.suffix.lower(), _DEFAULT_SECONDS)


def worker_count(
    files: Sequence[InputFile],
    jobs: int | None = None,
    pool_from_seconds: float = POOL_FROM_SECONDS,
) -> int:
    """How many processes to read `files` with; 1 means in this process."""
    wanted = available_cores() if jobs is None else max(jobs, 1)
    if wanted == 1 or len(files) < 2:
        return 1
    if sum(estimated_seconds(f) for f in files) < pool_from_seconds:
        return 1
    return min(wanted, len(files))


def iter_reviews(
    files: Sequence[InputFile],
    jobs: int | None = None,
    *,
    pool_from_seconds: float = POOL_FROM_SECONDS,
) -> Generator[ReviewedFile, None, None]:
    """Each file reviewed, in the order they finish. Closing the generator stops the work."""
    workers = worker_count(files, jobs, pool_from_seconds)
    if workers == 1:
        for item in files:
            yield review_file(item)
        return
    yield from _pooled(files, workers)


# ---------------------------------------------------------------- in the workers

_busy: Any = None  # shared array: the index of the file each worker is reading, -1 when idle
_slot = 0


def _start_worker(busy: Any, counter: Any) -> None:
    global _busy, _slot
    # Ctrl+C is the parent's to handle; a worker just stops when the parent closes the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _busy = busy
    with counter.get_lock():
        _slot = counter.value % len(busy)
        counter.value += 1


def _review_batch(items: list[InputFile], indexes: list[int]) -> list[ReviewedFile]:
    out = []
    for item, index in zip(items, indexes, strict=True):
        _busy[_slot] = index
        out.append(review_file(item))
    _busy[_slot] = -1
    return out


# ---------------------------------------------------------------- in this process


@dataclass(frozen=True)
class _Outcome:
    unfinished: list[int]  # files not read because a worker died (or none could start)
    reading: set[int]  # of those, the ones a worker was reading when it died
    started: bool  # whether any worker process came up at all


Round = Generator[ReviewedFile, None, _Outcome]


def _batches(files: Sequence[InputFile]) -> list[list[int]]:
    slow = [i for i, f in enumerate(files) if estimated_seconds(f) >= _FAST_FROM_SECONDS]
    fast = [i for i, f in enumerate(files) if estimated_seconds(f) < _FAST_FROM_SECONDS]
    # The slowest first, so no worker is left with a long file at the end.
    slow.sort(key=lambda i: -estimated_seconds(files[i]))
    batches = [[i] for i in slow]
    batches += [fast[k : k + _FAST_BATCH] for k in range(0, len(fast), _FAST_BATCH)]
    return batches


def _pooled(files: Sequence[InputFile], workers: int) -> Iterator[ReviewedFile]:
    batches = _batches(files)
    while batches:
        outcome = yield from _round(files, batches, workers)
        if not outcome.unfinished:
            return
        if not outcome.started:
            # No worker came up (no processes allowed, a frozen program without freeze_support):
            # slower in this process, but every file still gets its row.
            for index in outcome.unfinished:
                yield review_file(files[index])
            return
        # Cannot tell who died: take the first unfinished file as the suspect.
        suspects = outcome.reading or {outcome.unfinished[0]}
        for index in sorted(suspects):
            alone = yield from _round(files, [[index]], 1)
            if not alone.unfinished:
                continue
            item = files[index]
            if alone.started:
                yield ReviewedFile(item.path, item.name, problem=CRASHED)
            else:
                yield review_file(item)
        batches = [[i] for i in outcome.unfinished if i not in suspects]


def _round(files: Sequence[InputFile], batches: list[list[int]], workers: int) -> Round:
    """Runs `batches` in a pool of `workers` processes, yielding each file's row."""
    context = multiprocessing.get_context("spawn")
    busy = context.Array("i", [-1] * workers, lock=False)
    counter = context.Value("i", 0)
    done: set[int] = set()
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(busy, counter),
    )
    finished = False
    broken = False
    futures: dict[Future[list[ReviewedFile]], list[int]] = {}
    try:
        for batch in batches:
            try:
                futures[executor.submit(_review_batch, [files[i] for i in batch], batch)] = batch
            except (OSError, RuntimeError, BrokenProcessPool):  # cannot start a process
                broken = True
                break
        for future in as_completed(futures):
            batch = futures[future]
            try:
                results = future.result()
            except BrokenProcessPool:
                # Every file not yet done fails the same way; results already made are kept.
                broken = True
                continue
            except Exception as e:  # a result that could not be sent back: those files' rows
                results = [_failed(files[i], e) for i in batch]
            for index, result in zip(batch, results, strict=True):
                done.add(index)
                yield result
        finished = True
    finally:
        if not finished or broken:
            _stop_workers(executor)
        executor.shutdown(wait=finished, cancel_futures=True)
    unfinished = [i for batch in batches for i in batch if i not in done]
    reading = {busy[k] for k in range(workers)} & set(unfinished)
    return _Outcome(unfinished, reading, started=counter.value > 0)


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Ends the workers now (the pile was cancelled or a worker died): a worker would otherwise
    finish the file it is reading before it notices."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()


def _failed(item: InputFile, error: Exception) -> ReviewedFile:
    # Its result could not be sent back from the worker: told in Chinese, no class name.
    return ReviewedFile(item.path, item.name, problem=CRASHED)

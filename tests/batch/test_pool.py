"""Reviews in worker processes: the same rows as in one process, every file a row even when
workers die, and nothing left running when the caller stops early."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from editor.batch.inputs import InputFile, collect_inputs
from editor.batch.pool import CRASHED, iter_reviews, worker_count
from editor.batch.review import ReviewedFile
from editor.domain.storage import save_report
from tests.batch.pile import department, write_html, write_txt


@pytest.fixture
def files(tmp_path: Path) -> list[InputFile]:
    for i in range(3):
        save_report(department(i, f"局{i}", broken=i == 1), tmp_path / f"d{i}.nianbao")
    write_txt(department(7, "文本局", broken=True), tmp_path / "t.txt")
    write_html(department(8, "网页局"), tmp_path / "h.html")
    return collect_inputs([tmp_path]).files


def _row(item: ReviewedFile) -> tuple[object, ...]:
    return (item.name, item.organ, item.errors, item.warnings, tuple(item.figures()))


def test_iter_reviews_in_processes_same_rows_as_in_one(files: list[InputFile]) -> None:
    alone = sorted(_row(r) for r in iter_reviews(files, 1))
    pooled = sorted(_row(r) for r in iter_reviews(files, 2, pool_from_seconds=0))
    assert pooled == alone
    assert [r[2] for r in alone] == [0, 3, 0, 0, 3]


def test_iter_reviews_worker_deaths_still_give_every_file_one_row(
    files: list[InputFile],
) -> None:
    stop = threading.Event()

    def kill_every_worker() -> None:  # as a crash in a PDF library would, again and again
        while not stop.is_set():
            for child in multiprocessing.active_children():
                child.kill()
            time.sleep(0.02)

    killer = threading.Thread(target=kill_every_worker)
    killer.start()
    try:
        rows = list(iter_reviews(files, 2, pool_from_seconds=0))
    finally:
        stop.set()
        killer.join()
    assert sorted(r.name for r in rows) == sorted(f.name for f in files)
    assert all(r.readable or r.problem == CRASHED for r in rows)


def test_iter_reviews_one_worker_death_costs_no_file(files: list[InputFile]) -> None:
    rows = []
    for row in iter_reviews(files, 2, pool_from_seconds=0):
        if not rows:
            for child in multiprocessing.active_children():
                child.kill()
        rows.append(row)
    assert sorted(r.name for r in rows) == sorted(f.name for f in files)
    assert all(r.readable for r in rows)


def test_iter_reviews_closed_early_leaves_no_worker(files: list[InputFile]) -> None:
    reviews = iter_reviews(files * 20, 2, pool_from_seconds=0)
    next(reviews)
    reviews.close()
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def test_worker_count_uses_processes_only_for_a_large_pile(tmp_path: Path) -> None:
    reports = [InputFile(tmp_path / f"{i}.nianbao", str(i)) for i in range(1000)]
    pdfs = [InputFile(tmp_path / f"{i}.pdf", str(i)) for i in range(100)]
    assert worker_count(reports, 4) == 1  # read a thousand a second: not worth a process
    assert worker_count(pdfs[:3], 4) == 1
    assert worker_count(pdfs, 4) == 4
    assert worker_count(pdfs, 1) == 1
    assert worker_count(pdfs[:2], 8, pool_from_seconds=0) == 2

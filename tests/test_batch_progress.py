from __future__ import annotations

from types import SimpleNamespace

import pytest

from rhetor.batching.command import worker_count
from rhetor.batching.progress import time_left_column


def time_left(elapsed: float, completed: float, total: float) -> str:
    column = time_left_column()()
    task = SimpleNamespace(elapsed=elapsed, completed=completed, total=total)
    return column.render(task).plain


@pytest.mark.parametrize(
    "elapsed,completed,total",
    [
        (0.0, 0, 1000),  # nothing done
        (1.0, 500, 1000),  # too early to tell, however far along
        (30.0, 10, 1000),  # under 2% of the bytes: one short document says little
    ],
)
def test_batch_progress_no_early_guess(elapsed, completed, total):
    assert time_left(elapsed, completed, total) == "time left: …"


def test_batch_progress_time_left_from_bytes():
    # 100 of 1,000 bytes in 10 s: 900 bytes more at 10 bytes/s
    assert time_left(10.0, 100, 1000) == "0:01:30 left"


@pytest.mark.parametrize(
    "jobs,documents,expected",
    [(200, 2, 1), (4, 9, 3), (2, 100, 2), (1, 0, 1)],
)
def test_batch_progress_workers_capped_by_documents(jobs, documents, expected, monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert worker_count(jobs, documents) == expected


def test_batch_progress_workers_capped_per_core(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    said = []
    assert worker_count(1000, 10_000, said.append) == 8
    assert said == ["warning: --jobs 1000: using 8 (4 per core)"]

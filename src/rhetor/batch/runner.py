"""Runners: documents in, records out.

A record is the small, JSON-ready result for one document: the report
(``Report.to_dict()``) plus ``sha256`` of the file's bytes, ``warnings`` and
``error``. The whole analysis (read, parse, match, attribute, build the
record) happens inside the worker, so only records cross process boundaries;
parsed Docs never do. Records come back in input order.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from rhetor.errors import InputError
from rhetor.options import AnalyseOptions
from rhetor.report import SCHEMA

Record = dict[str, Any]


class Runner(Protocol):
    """What the batch command needs from an executor."""

    def run(self, paths: Iterable[str]) -> Iterator[Record]: ...


def content_hash(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def score_path(path: str, analyser) -> Record:
    """Read and analyse one document; failures become error records, never exceptions."""
    from rhetor.textio import decode, read_bytes

    data = None
    try:
        data = read_bytes(path)
        document = decode(data, path)
        report = analyser.analyse(document.text, source=path, warnings=document.warnings)
    except InputError as exc:
        return error_record(path, content_hash(data), str(exc))
    record = report.to_dict()
    record["sha256"] = content_hash(data)
    record["warnings"] = list(document.warnings)
    record["error"] = None
    return record


def error_record(path: str, sha256: str | None, message: str) -> Record:
    return {"schema": SCHEMA, "source": path, "sha256": sha256, "warnings": [], "error": message}


class LocalRunner:
    """Analyse in ``jobs`` worker processes on this machine (in-process for one job)."""

    def __init__(self, options: AnalyseOptions, jobs: int = 1) -> None:
        self.options = options
        self.jobs = max(1, jobs)

    def run(self, paths: Iterable[str]) -> Iterator[Record]:
        if self.jobs == 1:
            from rhetor.api import get_analyser

            analyser = get_analyser(self.options)
            for path in paths:
                yield score_path(path, analyser)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.jobs, initializer=_init_worker, initargs=(self.options,)) as pool:
            # chunksize 1: speeches are long, and one slow document must not hold others back
            yield from pool.imap(_score_in_worker, paths, chunksize=1)


_worker_analyser = None


def _init_worker(options: AnalyseOptions) -> None:
    """Load the pipeline once per worker; Ctrl-C is the parent's to handle."""
    global _worker_analyser
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rhetor.api import get_analyser

    _worker_analyser = get_analyser(options)


def _score_in_worker(path: str) -> Record:
    return score_path(path, _worker_analyser)

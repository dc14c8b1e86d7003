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
from dataclasses import replace
from typing import Any, Protocol

from rhetor.errors import InputError
from rhetor.options import AnalyseOptions
from rhetor.report.model import SCHEMA

Record = dict[str, Any]
WORKER_GROUP = 4  # documents a worker parses together (spaCy's batch_size counts documents)


class Runner(Protocol):
    """What the batch command needs from an executor."""

    def run(self, paths: Iterable[str]) -> Iterator[Record]: ...


def content_hash(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def score_paths(paths: Iterable[str], analyser) -> Iterator[Record]:
    """Read and analyse documents, in order; failures become error records, never
    exceptions. Texts go through the pipeline in small batches."""
    return score_documents(((path, None) for path in paths), analyser)


def score_documents(items: Iterable[tuple[str, bytes | None]], analyser) -> Iterator[Record]:
    """As :func:`score_paths`, for (path, bytes) pairs whose bytes were read elsewhere
    (None: read the path here)."""
    from rhetor.io.textio import decode, read_bytes, shown

    def load():
        for path, given in items:
            data = given
            try:
                if data is None:
                    data = read_bytes(path)
                document = decode(data, path)
            except InputError as exc:
                # an empty text keeps its place in the stream; its record is the error
                yield "", (path, content_hash(data), None, str(exc))
                continue
            warnings = (*document.warnings, *analyser.check_language(document.text, path))
            yield document.text, (path, content_hash(data), warnings, None)

    for report, (path, sha256, warnings, error) in analyser.analyse_many(load()):
        if error:
            yield error_record(path, sha256, error)
            continue
        record = replace(report, source=shown(path)).to_dict()
        record["sha256"] = sha256
        record["warnings"] = [*warnings, *report.warnings]  # the report's: the parse cache's
        record["error"] = None
        yield record


def error_record(path: str, sha256: str | None, message: str) -> Record:
    from rhetor.io.textio import shown

    return {
        "schema": SCHEMA,
        "source": shown(path),
        "sha256": sha256,
        "warnings": [],
        "error": message,
    }


class LocalRunner:
    """Analyse in ``jobs`` worker processes on this machine (in-process for one job)."""

    def __init__(self, options: AnalyseOptions, jobs: int = 1) -> None:
        self.options = options
        self.jobs = max(1, jobs)  # the batch caps it by the number of documents

    def run(self, paths: Iterable[str]) -> Iterator[Record]:
        if self.jobs == 1:
            from rhetor.api import get_analyser

            yield from score_paths(paths, get_analyser(self.options))
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.jobs, initializer=_init_worker, initargs=(self.options,)) as pool:
            # Small groups: speeches are long, and one slow group must not hold others back.
            for records in pool.imap(_score_in_worker, _groups(paths, WORKER_GROUP)):
                yield from records

    def run_documents(self, items: Iterable[tuple[str, bytes]]) -> Iterator[Record]:
        """As :meth:`run`, for (source name, bytes) pairs read or made elsewhere (the
        texts of :func:`rhetor.batch`)."""
        if self.jobs == 1:
            from rhetor.api import get_analyser

            yield from score_documents(items, get_analyser(self.options))
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.jobs, initializer=_init_worker, initargs=(self.options,)) as pool:
            for records in pool.imap(_score_items_in_worker, _groups(items, WORKER_GROUP)):
                yield from records


_worker_analyser = None


def _init_worker(options: AnalyseOptions) -> None:
    """Load the pipeline once per worker; Ctrl-C and SIGTERM are the parent's to handle,
    and a worker whose parent is gone (killed with SIGKILL) exits at once."""
    global _worker_analyser
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent ends workers with SIGTERM
    _exit_with_parent()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rhetor.api import get_analyser

    _worker_analyser = get_analyser(options)


PARENT_POLL_SECONDS = 0.5


def _exit_with_parent() -> None:
    """A daemon thread that ends this worker when its parent process goes away: a
    SIGKILLed batch must not leave workers parsing for nobody."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="rhetor-parent-watch", daemon=True).start()


def _score_in_worker(paths: list[str]) -> list[Record]:
    return list(score_paths(paths, _worker_analyser))


def _score_items_in_worker(items: list[tuple[str, bytes]]) -> list[Record]:
    return list(score_documents(items, _worker_analyser))


def _groups(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    group: list[Any] = []
    for item in items:
        group.append(item)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group

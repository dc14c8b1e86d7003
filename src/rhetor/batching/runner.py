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
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, NamedTuple, Protocol

from rhetor.errors import InputError
from rhetor.options import AnalyseOptions
from rhetor.report.model import SCHEMA

Record = dict[str, Any]
WORKER_GROUP = 4  # documents a worker parses together (spaCy's batch_size counts documents)


class Document(NamedTuple):
    """One document for a worker: its source name and bytes (None: read the source as
    a path), and how to score it."""

    source: str
    data: bytes | None = None
    author: str | None = None  # the given side that says "we" in it (None: the sides' own)
    check_language: bool = True  # False: the batch has already warned about its language
    government: tuple[str, ...] | None = None  # the given sides that govern (None: --government)


class Runner(Protocol):
    """What the batch command needs from an executor (``run_documents`` too, for
    documents that are not plain files)."""

    def run(self, paths: Iterable[str]) -> Iterator[Record]: ...


def content_hash(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def score_paths(paths: Iterable[str], analyser) -> Iterator[Record]:
    """Read and analyse documents, in order; failures become error records, never
    exceptions. Texts go through the pipeline in small batches."""
    return score_documents(((path, None) for path in paths), analyser)


def score_documents(
    items: Iterable[tuple[str, bytes | None] | Document], analyser
) -> Iterator[Record]:
    """As :func:`score_paths`, for :class:`Document` items or (path, bytes) pairs whose
    bytes were read elsewhere (None: read the path here)."""
    from rhetor.io.textio import decode, read_bytes, shown

    def load():
        for item in items:
            path, data, author, check, government = (
                item if isinstance(item, Document) else Document(*item)
            )
            try:
                if data is None:
                    data = read_bytes(path)
                document = decode(data, path)
            except InputError as exc:
                # an empty text keeps its place in the stream; its record is the error
                yield "", (path, content_hash(data), None, str(exc), (None, None))
                continue
            checked = analyser.check_language(document.text, path) if check else ()
            warnings = (*document.warnings, *checked)
            yield document.text, (path, content_hash(data), warnings, None, (author, government))

    scored = analyser.analyse_many(load(), sides_of=lambda context: context[4])
    for report, (path, sha256, warnings, error, _) in scored:
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
            groups = _groups(paths, WORKER_GROUP)
            yield from in_order(pool, _score_in_worker, groups, IN_FLIGHT_PER_WORKER * self.jobs)

    def run_documents(self, items: Iterable[tuple[str, bytes] | Document]) -> Iterator[Record]:
        """As :meth:`run`, for :class:`Document` items or (source name, bytes) pairs read
        or made elsewhere (the texts of :func:`rhetor.batch`, the rows of a table)."""
        if self.jobs == 1:
            from rhetor.api import get_analyser

            yield from score_documents(items, get_analyser(self.options))
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(self.jobs, initializer=_init_worker, initargs=(self.options,)) as pool:
            groups = _groups(items, WORKER_GROUP)
            window = IN_FLIGHT_PER_WORKER * self.jobs
            yield from in_order(pool, _score_items_in_worker, groups, window)


IN_FLIGHT_PER_WORKER = 2  # groups queued per worker: enough to keep it busy, no more


def in_order(pool, func, groups: Iterable[list[Any]], window: int) -> Iterator[Record]:
    """``pool.imap(func, groups)`` flattened, with at most ``window`` groups in flight:
    ``imap`` reads its whole input ahead, and the rows of a large table must not all
    sit in memory waiting for a worker."""
    pending: deque = deque()
    for group in groups:
        pending.append(pool.apply_async(func, (group,)))
        if len(pending) >= window:
            yield from pending.popleft().get()
    while pending:
        yield from pending.popleft().get()


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


def _score_items_in_worker(items: list[tuple[str, bytes] | Document]) -> list[Record]:
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

"""Run a batch on a Dask cluster (``rhetor batch --scheduler ADDRESS|local:N``).

The same work as the local runner, spread by ``dask.distributed``:

- the client reads the documents and sends them in batches of bounded size
  (or, with ``paths_on_workers``, sends only paths for workers to read from a
  shared file system);
- each worker process builds its pipeline and lexicons once (``get_analyser``
  is cached per process) from *portable* options: the content of the client's
  lexicons, not their paths, and the pipeline's name;
- records come back as batches finish, so output order is completion order;
  a failed batch is split and its documents tried one by one, and a document
  that fails twice gets an error record.

Dask is optional (``pip install "rhetor[dask]"``); nothing here imports it
until a run starts.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rhetor.batching.runner import Document, Record, content_hash, error_record, score_documents
from rhetor.errors import ConfigError, InputError
from rhetor.nlp.chunking import char_batches
from rhetor.options import AnalyseOptions

SCHEDULER_ENV = "RHETOR_SCHEDULER"
BATCH_BYTES = 1_000_000  # per task: big enough to amortise a round trip, small enough to balance
BATCH_DOCS = 4
ATTEMPTS = 2  # a document whose task fails this often gets an error record

Item = Document


def import_dask():
    try:
        import distributed
    except ImportError:
        raise ConfigError(
            '--scheduler needs Dask: pip install -e ".[dask]" in a clone of rhetor, '
            'or pip install "dask[distributed]"'
        ) from None
    return distributed


@dataclass(frozen=True)
class Task:
    """One submitted unit: the documents and how often each has been tried."""

    items: tuple[Item, ...]
    attempt: int = 1


class DaskRunner:
    """Documents in, records out, on a Dask cluster."""

    def __init__(
        self,
        options: AnalyseOptions,
        scheduler: str,
        *,
        paths_on_workers: bool = False,
        in_flight_per_worker: int = 2,
    ) -> None:
        self.options = options.portable()  # validated and read here, on the client
        self.scheduler = scheduler
        self.paths_on_workers = paths_on_workers
        self.in_flight_per_worker = in_flight_per_worker

    def run(self, paths: Iterable[str]) -> Iterator[Record]:
        return self.run_documents(Document(path) for path in paths)

    def run_documents(self, documents: Iterable[Document]) -> Iterator[Record]:
        """As :meth:`run`, for documents whose bytes the client has (the rows of a table,
        the utterances of a ParlaMint sitting) or that carry their side."""
        with self._connect() as client:
            yield from self._stream(client, documents)

    # -- connecting ---------------------------------------------------------------------

    def _connect(self):
        distributed = import_dask()
        if self.scheduler.startswith("local:"):
            import dask

            workers = local_workers(self.scheduler)
            # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers, which turns off
            # glibc's adaptive mmap threshold: every large array spaCy allocates becomes
            # an mmap and its page faults (measured: 6% slower on 58 speeches). Leave malloc be.
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
                cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            try:
                return _Session(distributed.Client(cluster), cluster)
            except BaseException:
                cluster.close()
                raise
        return _Session(connect(distributed, self.scheduler, handshake_seconds()), None)

    # -- streaming ----------------------------------------------------------------------

    def _stream(self, client, documents: Iterable[Document]) -> Iterator[Record]:
        from distributed import as_completed

        # The options travel with every task rather than scattered once: a few hundred
        # kB, and no single copy to lose when the worker holding it dies.
        options = self.options
        finished = as_completed()
        tasks: dict = {}
        retry: list[Task] = []
        batches = self._batches(documents)
        exhausted = False

        def submit(task: Task) -> None:
            future = client.submit(_score_on_worker, options, task.items, pure=False)
            tasks[future] = task
            finished.add(future)

        while True:
            # Workers may join (or leave) during the run: size the queue to the cluster now.
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            while len(tasks) < workers * self.in_flight_per_worker and (retry or not exhausted):
                if retry:
                    submit(retry.pop())
                    continue
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                elif isinstance(batch, dict):
                    yield batch  # the client could not read it: an error record now
                else:
                    submit(Task(tuple(batch)))
            if not tasks:
                return
            future = next(finished)
            task = tasks.pop(future)
            if future.status == "finished":
                yield from future.result()
            else:
                problem = _describe(future)
                yield from after_failure(task, problem, retry)
            future.release()

    def _batches(self, documents: Iterable[Document]) -> Iterator[list[Item] | Record]:
        """Batches of documents with their bytes of at most BATCH_BYTES and BATCH_DOCS,
        or with only their paths when workers read the paths; a document the client
        cannot read becomes an error record, yielded before the batch read after it."""
        unreadable: list[Record] = []
        items = documents if self.paths_on_workers else _read(documents, unreadable)
        for batch in char_batches(items, _size, budget=BATCH_BYTES, max_items=BATCH_DOCS):
            yield from unreadable
            unreadable.clear()
            yield batch
        yield from unreadable


HANDSHAKE_ENV = "RHETOR_SCHEDULER_TIMEOUT"
HANDSHAKE_SECONDS = 30.0


def handshake_seconds() -> float:
    from rhetor.envvars import positive_number

    return positive_number(HANDSHAKE_ENV, HANDSHAKE_SECONDS, "seconds")


def connect(distributed, address: str, seconds: float):
    """A Client for ``address``, within ``seconds`` in all.

    Dask's own timeout covers opening the connection, not the handshake after it: a
    server that accepts and then says nothing (an HTTP server) would hang for ever,
    and one that answers nonsense can make Dask try to allocate exabytes. So the
    client is made on a helper thread that is given up on when the time is out, and
    whatever it raises becomes one clear error."""
    outcome: dict = {}

    def attempt() -> None:
        try:
            outcome["client"] = distributed.Client(address, timeout=f"{seconds}s")
        except BaseException as exc:
            outcome["error"] = exc

    helper = threading.Thread(target=attempt, name="rhetor-dask-connect", daemon=True)
    helper.start()
    helper.join(seconds)
    if helper.is_alive() or not outcome:
        raise ConfigError(
            f"cannot reach Dask scheduler {address}: no scheduler handshake within "
            f"{seconds:g} s (is it a Dask scheduler? {HANDSHAKE_ENV} sets the time limit)"
        )
    error = outcome.get("error")
    if error is not None:
        raise ConfigError(
            f"cannot reach Dask scheduler {address}: {type(error).__name__}: {error}"
        ) from None
    return outcome["client"]


def _size(item: Item) -> int:
    return len(item[1] or b"")  # paths the workers read weigh nothing here


def _read(documents: Iterable[Document], unreadable: list[Record]) -> Iterator[Item]:
    """Each document with its bytes (read here when it came as a path); error records
    for the paths that cannot be read go to ``unreadable``."""
    from rhetor.io.textio import read_bytes

    for document in documents:
        if document.data is not None:
            yield document
            continue
        try:
            yield document._replace(data=read_bytes(document.source))
        except InputError as exc:
            unreadable.append(error_record(document.source, content_hash(None), str(exc)))


def after_failure(task: Task, problem: str, retry: list[Task]) -> Iterator[Record]:
    """Split a failed batch into single documents; give up on a document that failed
    ``ATTEMPTS`` times."""
    if len(task.items) > 1:
        retry.extend(Task((item,), task.attempt + 1) for item in task.items)
        return
    if task.attempt < ATTEMPTS:
        retry.append(Task(task.items, task.attempt + 1))
        return
    path, data = task.items[0][:2]
    yield error_record(path, content_hash(data), f"{path}: failed on the cluster: {problem}")


def _describe(future) -> str:
    try:
        exc = future.exception()
    except Exception as raised:  # a cancelled future raises here
        exc = raised
    return f"{type(exc).__name__}: {exc}"


def local_workers(spec: str) -> int:
    """N of ``local:N``: a whole number of workers, 1 or more (capped by the caller)."""
    count = spec.split(":", 1)[1].strip()
    if not (count.isascii() and count.isdigit()) or len(count) > 18 or int(count) < 1:
        raise ConfigError(f"--scheduler {spec!r}: give local:N with N a number of workers")
    return int(count)


class _Session:
    """Close the client (and the local cluster we started) however the run ends."""

    def __init__(self, client, cluster) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self):
        return self.client

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


_lock = threading.Lock()


def _score_on_worker(options: AnalyseOptions, items: tuple[Item, ...]) -> list[Record]:
    """Runs on a worker: the pipeline is built once per process and options."""
    from rhetor.api import get_analyser

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with _lock:  # a worker with several threads must not build the pipeline twice
        analyser = get_analyser(options)
    return list(score_documents(items, analyser))

"""``rhetor batch``: score many documents, streaming one record per document."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rhetor.batching.inputs import DEFAULT_GLOB, discover
from rhetor.batching.metadata import attach, check_coverage, load_metadata
from rhetor.batching.progress import Progress
from rhetor.batching.runner import WORKER_GROUP, LocalRunner, Record, Runner, content_hash
from rhetor.batching.writers import OTHERS, BatchFormat, RecordWriter, done_keys, writer_columns
from rhetor.errors import ConfigError, InputError
from rhetor.io.output import LockedOutput, is_special, refuse_input_as_output
from rhetor.io.textio import shown
from rhetor.options import AnalyseOptions


@dataclass(frozen=True)
class BatchOptions:
    paths: tuple[str, ...]
    glob: str = DEFAULT_GLOB
    recursive: bool = False
    fmt: BatchFormat = BatchFormat.jsonl
    output: Path | None = None
    jobs: int = 1
    resume: bool = False
    force: bool = False
    quiet: bool = False
    summary_to_stdout: bool = False
    scheduler: str | None = None  # a Dask scheduler address, or local:N
    paths_on_workers: bool = False  # Dask workers read the files from a shared file system
    meta: Path | None = None  # --meta FILE.csv (rhetor.batching.metadata)
    name_pattern: str | None = None  # --name-pattern "{year}_{party}.txt"
    to_stdout: bool = True  # without output, write records to stdout (False: write none)


@dataclass
class Totals:
    """Running totals over the records of a batch."""

    scored: int = 0
    failed: int = 0
    words: int = 0
    mentions: Counter = field(default_factory=Counter)
    stances: defaultdict = field(default_factory=lambda: defaultdict(Counter))

    def add(self, record: Record) -> None:
        if record.get("error"):
            self.failed += 1
            return
        self.scored += 1
        self.words += record["stats"]["words"]
        for row in record["values"]:
            self.mentions[row["value"]] += row["mentions"]
        for claim in record["claims"]:
            if claim["side"] and claim.get("counted") is not False:
                self.stances[claim["side"]][claim["stance"]] += 1


def side_columns(options: AnalyseOptions) -> list[str]:
    from rhetor.attribution.sides import build_sides

    if options.sides:
        return [spec.id for spec in build_sides(dict(options.sides)).specs]
    return ["author", OTHERS]


def batch(
    options: BatchOptions,
    analyse_options: AnalyseOptions,
    *,
    runner: Runner | None = None,
    warn: Callable[[str], None] | None = None,
    show_progress: bool = False,
    texts: Sequence[tuple[str, str]] | None = None,
    on_record: Callable[[Record], None] | None = None,
    record_messages: bool = True,
) -> Totals:
    """Score every document of ``options.paths`` (or ``texts``: (source, text) pairs);
    returns the totals. The output is locked before anything is read from it, so a
    second batch on the same file stops at once, and ``--resume`` reads it only under
    the lock. ``on_record`` sees each record as it is written; ``record_messages=False``
    leaves a record's errors and warnings in the record instead of also warning."""
    from rhetor.lexicon.loading import load_lexicons

    warn = warn or _to_stderr
    _check(options, texts is not None)
    metadata = load_metadata(options.meta, options.name_pattern)
    value_ids = load_lexicons(
        analyse_options.lexicons, builtin=analyse_options.builtin_lexicons
    ).ids
    sides = side_columns(analyse_options)
    writer_columns(options.fmt, value_ids, sides, metadata.fields)  # clashes fail before writing
    settings = settings_fingerprint(analyse_options)
    inputs = _config_inputs(analyse_options)
    given = [p for p in options.paths if p != "-"] if texts is None else []
    refuse_input_as_output(options.output, [*inputs, *given])
    documents = None if texts is None else [(name, text.encode("utf-8")) for name, text in texts]
    with _open_output(options) as handle:
        stream = handle.stream
        if documents is None:
            paths = list(
                discover(
                    options.paths,
                    glob=options.glob,
                    recursive=options.recursive,
                    skip=_is_output(options.output),
                    warn=lambda m: warn(f"warning: {m}"),
                )
            )
            if not paths:
                raise InputError("no documents to score")
            refuse_input_as_output(options.output, paths)
        else:
            paths = [name for name, _ in documents]
        for message in check_coverage(metadata, paths):
            warn(f"warning: {message}")
        fresh = handle.begin()
        writer = None
        if options.output is not None or options.to_stdout:
            writer = handle.writer = RecordWriter(
                stream, options.fmt, value_ids, sides, header=fresh, meta_fields=metadata.fields
            )
        if options.resume and not fresh:
            columns = writer.columns if writer else None
            done = done_keys(options.output, options.fmt, columns=columns, settings=settings)
            before = len(paths)
            if documents is None:
                paths = [p for p in paths if (shown(p), _hash_of(p)) not in done]
            else:
                documents = [d for d in documents if (shown(d[0]), content_hash(d[1])) not in done]
                paths = [name for name, _ in documents]
            warn(f"resuming: {before - len(paths)} already scored, {len(paths)} to go")
        runner = runner or make_runner(options, analyse_options, documents=len(paths), warn=warn)
        if documents is None:
            records, sizes = runner.run(paths), _sizes(paths)
        else:
            records, sizes = runner.run_documents(documents), [len(d) for _, d in documents]
        totals = Totals()
        try:
            with Progress(sizes, show_progress) as tick:
                for record in records:
                    record["settings"] = settings
                    record = attach(record, metadata)
                    if writer is not None:
                        _write(writer, record, options.output)
                    totals.add(record)
                    if on_record is not None:
                        on_record(record)
                    if record_messages and record.get("error"):
                        warn(f"error: {record['error']}")
                    for message in (record.get("warnings") or ()) if record_messages else ():
                        warn(f"warning: {message}")
                    tick(record)
        finally:
            # Also when interrupted: a JSON array is closed, so the file stays valid.
            if writer is not None:
                _close(writer)
    return totals


def _to_stderr(message: str) -> None:
    from rhetor.io.safetext import one_line

    print(f"rhetor: {one_line(message)}", file=sys.stderr)


def settings_fingerprint(options: AnalyseOptions) -> str:
    """A short hash of what decides a record's figures besides the document: lexicon and
    cue-word content, sides and model. Every record carries it, and --resume refuses a
    file whose records were scored with another."""
    import hashlib
    import json

    from rhetor.lexicon.files import builtin_texts, iter_lexicon_texts

    given = options.lexicon_texts
    if given is None:
        given = tuple(iter_lexicon_texts(options.lexicons))
    texts = sorted(text for _, text in given)
    if options.builtin_lexicons:
        texts = [*sorted(text for _, text in builtin_texts()), "--", *texts]
    payload = json.dumps([texts, options.sides, options.model], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _config_inputs(options: AnalyseOptions) -> list[str]:
    """The lexicon files this run reads: an output must not overwrite one of them."""
    from rhetor.lexicon.files import lexicon_files

    files: list[str] = []
    for given in options.lexicons:
        with contextlib.suppress(ConfigError):  # loading them has said what is wrong
            files += [str(f) for f in lexicon_files(given)]
    return files


def _is_output(output: Path | None) -> Callable[[str], bool]:
    """True for the batch's own output file when a folder walk meets it: skipped if it
    is empty or holds rhetor records; refused if it holds anything else, since
    writing there would destroy a document."""
    if output is None:
        return lambda path: False
    import os

    def same(path: str) -> bool:
        try:
            if not os.path.samefile(path, output):
                return False
        except OSError:
            return False
        if not _holds_records(output):
            refuse_input_as_output(output, [path])
        return True

    return same


def _holds_records(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return False
    return not head or head.startswith((b'{"schema": "rhetor.', b"[\n", b"source,"))


def _sizes(paths: list[str]) -> list[int]:
    import os

    sizes = []
    for path in paths:
        try:
            sizes.append(os.stat(path).st_size)
        except (OSError, ValueError):  # ValueError: a NUL byte in a listed path
            sizes.append(0)
    return sizes


def _close(writer: RecordWriter) -> None:
    # The error that stopped the run, if any, has been (or is being) reported.
    with contextlib.suppress(OSError):
        writer.close()


def _write(writer: RecordWriter, record: Record, output: Path | None) -> None:
    """Write one record; a full disk or a vanished target is one clear error."""
    try:
        writer.write(record)
    except BrokenPipeError:
        raise  # the reader of stdout went away: the CLI stops quietly
    except OSError as exc:
        target = output or "<stdout>"
        raise InputError(
            f"{target}: cannot write: {exc.strerror or exc}; "
            "the records written so far are whole lines (use --resume)"
        ) from None


MAX_JOBS_PER_CORE = 4


def make_runner(
    options: BatchOptions,
    analyse_options: AnalyseOptions,
    *,
    documents: int | None = None,
    warn: Callable[[str], None] = lambda m: None,
) -> Runner:
    if options.scheduler:
        from rhetor.batching.dask_runner import DaskRunner, local_workers

        scheduler = options.scheduler
        if scheduler.startswith("local:"):  # worker processes here: capped as --jobs is
            given = local_workers(scheduler)
            workers = worker_count(given, documents, warn, option=f"--scheduler {scheduler}")
            scheduler = f"local:{workers}"
        return DaskRunner(analyse_options, scheduler, paths_on_workers=options.paths_on_workers)
    return LocalRunner(analyse_options, jobs=worker_count(options.jobs, documents, warn))


def worker_count(
    jobs: int,
    documents: int | None,
    warn: Callable[[str], None] = lambda m: None,
    *,
    option: str | None = None,
) -> int:
    """Worker processes for a local run (``--jobs``, or ``--scheduler local:N`` named by
    ``option``): never more than the documents (each group of documents goes to one
    worker), nor more than a few per core (each holds a pipeline in memory)."""
    import os

    most = MAX_JOBS_PER_CORE * (os.cpu_count() or 1)
    if jobs > most:
        option = option or f"--jobs {jobs}"
        warn(f"warning: {option}: using {most} ({MAX_JOBS_PER_CORE} per core)")
        jobs = most
    if documents is not None:
        groups = -(-documents // WORKER_GROUP)
        jobs = min(jobs, max(1, groups))
    return max(1, jobs)


def _check(options: BatchOptions, texts: bool = False) -> None:
    if not options.paths and not texts:
        raise ConfigError("give at least one file or folder, or - to read paths from stdin")
    if options.resume and options.force:
        raise ConfigError("--resume and --force contradict each other")
    if options.resume and options.output is None:
        raise ConfigError("--resume needs -o FILE")
    if options.resume and options.fmt is BatchFormat.json:  # before the file is opened
        raise InputError(
            "--resume works with --format jsonl or csv (a JSON array cannot be appended to)"
        )
    if options.scheduler:  # refused here, before an output file is made
        from rhetor.batching.dask_runner import import_dask, local_workers

        if options.scheduler.startswith("local:"):
            local_workers(options.scheduler)
        import_dask()
    if options.paths_on_workers and not options.scheduler:
        raise ConfigError("--paths-on-workers applies only with --scheduler")
    if texts and options.scheduler:
        raise ConfigError("a Dask scheduler scores files; score texts locally (no scheduler)")
    if options.summary_to_stdout and options.output is None:
        raise ConfigError("--summary prints to stdout, where records go without -o FILE")
    out = options.output
    if out is not None and out.is_dir():
        raise InputError(f"{out}: is a folder; give -o a file name")
    if out is not None:
        if out.exists() and not is_special(out) and not (options.resume or options.force):
            raise InputError(
                f"{out}: already exists; use --resume to add to it or --force to replace it"
            )
        if not out.parent.is_dir():
            raise InputError(f"{out}: cannot write: folder {out.parent} does not exist")


def _hash_of(path: str) -> str | None:
    """The content hash a worker would record for ``path`` (None if it cannot be read)."""
    from rhetor.io.textio import read_bytes

    try:
        return content_hash(read_bytes(path))
    except InputError:
        return None


class _open_output:
    """-o FILE opened and locked, not yet emptied; or stdout."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.output: LockedOutput | None = None
        self.stream = sys.stdout
        self.writer: RecordWriter | None = None

    def __enter__(self) -> _open_output:
        out = self.options.output
        if out is not None:
            self.output = LockedOutput(out, append=self.options.resume).__enter__()
            self.stream = self.output.stream
        return self

    def begin(self) -> bool:
        """Empty the file unless resuming; True if the output starts fresh (a header)."""
        if self.output is None:
            return True
        self.output.begin()
        return self.output.empty

    def __exit__(self, kind, *exc) -> None:
        if self.output is not None:
            if kind is not None and (self.writer is None or not self.writer.count):
                self.output.discard_if_new()  # a run that failed before any record
            self.output.__exit__(kind, *exc)

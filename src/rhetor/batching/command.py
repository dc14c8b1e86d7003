"""``rhetor batch``: score many documents, streaming one record per document."""

from __future__ import annotations

import contextlib
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rhetor.batching.authors import (
    AuthorFrom,
    GovernmentFrom,
    author_from_option,
    check_document_sides,
    check_government,
    default_author,
    government_from_metadata,
)
from rhetor.batching.inputs import DEFAULT_GLOB, discover
from rhetor.batching.metadata import META_KEY, check_coverage, load_metadata
from rhetor.batching.progress import Progress, Totals
from rhetor.batching.runner import WORKER_GROUP, Document, LocalRunner, Record, Runner
from rhetor.batching.units import (
    Plan,
    Unit,
    fields_of,
    files_plan,
    record_fields,
    table_plan,
    take,
    texts_plan,
    to_score,
)
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
    table: Path | None = None  # --table FILE: one document a row (rhetor.batching.table)
    text_column: str | None = None  # --text-column (default: text)
    id_column: str | None = None  # --id-column (default: id when present, else row numbers)
    author_from: str | None = None  # --author-from FIELD (rhetor.batching.authors)
    side_names: object = None  # the SideNames --author-from maps values with (None: side ids)


def side_columns(options: AnalyseOptions) -> list[str]:
    from rhetor.attribution.sides import build_sides

    if options.sides:
        return [spec.id for spec in build_sides(dict(options.sides), options.author).specs]
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
    inform: Callable[[str], None] | None = None,
) -> Totals:
    """Score every document of ``options.paths`` (or ``texts``: (source, text) pairs, or
    the rows of ``options.table``); returns the totals. Everything that can be checked
    (metadata, the table, each document's side) is checked before the output is opened.
    The output is locked before anything is read from it, so a second batch on the same
    file stops at once, and ``--resume`` reads it only under the lock. ``on_record``
    sees each record as it is written; ``record_messages=False`` leaves a record's
    errors and warnings in the record instead of also warning; ``inform`` hears what
    the batch recognised (a table, ParlaMint sittings), for the run summary."""
    from rhetor.lexicon.loading import load_lexicons

    warn = warn or to_stderr
    _check(options, texts is not None)
    metadata = load_metadata(options.meta, options.name_pattern)
    value_ids = load_lexicons(
        analyse_options.lexicons, builtin=analyse_options.builtin_lexicons
    ).ids
    sides = side_columns(analyse_options)
    analyse_options = check_government(analyse_options)
    author_from = author_from_option(options.author_from, analyse_options, options.side_names)
    inputs = _config_inputs(analyse_options)
    given = [p for p in options.paths if p != "-"] if texts is None else []
    refuse_input_as_output(options.output, [*inputs, *given, *_table_path(options)])
    with _open_output(options) as handle:
        # Locked before the documents are read (a path list on stdin can take long), so a
        # second batch on the same output stops at once; nothing is written until begin().
        plan = _plan(options, texts, warn)
        fields = record_fields(metadata, plan)
        writer_columns(options.fmt, value_ids, sides, fields)  # clashes fail before writing
        government_from = government_from_metadata(
            plan.government_field, analyse_options, options.side_names
        )
        settings = settings_fingerprint(analyse_options, author_from, government_from)
        said = []
        if author_from or government_from:  # every value checked before anything is scored
            said = check_document_sides(
                (fields_of(unit, metadata, fields) for unit in plan.units()),
                fields,
                default_author(analyse_options),
                author_from=author_from,
                government_from=government_from,
            )
        for message in check_coverage(metadata, plan.coverage):
            warn(f"warning: {message}")
        for note in plan.notes:
            (inform or (lambda m: None))(note)
        for message in [*plan.warnings, *said]:
            warn(f"warning: {message}")
        fresh = handle.begin()
        writer = None
        if options.output is not None or options.to_stdout:
            writer = handle.writer = RecordWriter(
                stream=handle.stream,
                fmt=options.fmt,
                value_ids=value_ids,
                side_ids=sides,
                header=fresh,
                meta_fields=fields,
            )
        done: set = set()
        if options.resume and not fresh:
            columns = writer.columns if writer else None
            done = done_keys(options.output, options.fmt, columns=columns, settings=settings)
        units, count, size = to_score(plan, done, counted=show_progress or bool(done))
        if done:
            paths = plan.plain_paths
            before = len(paths) if paths is not None else sum(1 for _ in plan.units())
            warn(f"resuming: {before - count} already scored, {count} to go")
        runner = runner or make_runner(options, analyse_options, documents=count, warn=warn)
        pending: defaultdict[str, deque] = defaultdict(deque)

        def feed() -> Iterator[tuple[Unit, dict]]:
            for unit in units:
                found = fields_of(unit, metadata, fields) if fields else {}
                pending[shown(unit.source)].append((unit, found))
                yield unit, found

        if plan.plain_paths is not None and not (author_from or government_from):
            records = runner.run(unit.source for unit, _ in feed())
        else:
            records = runner.run_documents(
                Document(
                    unit.source,
                    unit.data,
                    author_from.side_for(found) if author_from else None,
                    unit.check_language,
                    government_from.sides_for(found) if government_from else None,
                )
                for unit, found in feed()
            )
        totals = Totals()
        try:
            with Progress(size, count or 0, show_progress) as tick:
                for record in records:
                    record["settings"] = settings
                    unit, found = take(pending, record["source"])
                    if fields:
                        record = {**record, META_KEY: found}
                    if writer is not None:
                        _write(writer, record, options.output)
                    totals.add(record)
                    if on_record is not None:
                        on_record(record)
                    if record_messages and record.get("error"):
                        warn(f"error: {record['error']}")
                    for message in (record.get("warnings") or ()) if record_messages else ():
                        warn(f"warning: {message}")
                    tick(record, unit.size() if (unit and show_progress) else 0)
        finally:
            # Also when interrupted: a JSON array is closed, so the file stays valid.
            if writer is not None:
                _close(writer)
    return totals


def _plan(options: BatchOptions, texts: Sequence[tuple[str, str]] | None, warn) -> Plan:
    """What to score: the table's rows, the texts, or the files found (with ParlaMint
    sittings as their utterances)."""
    if options.table is not None:
        from rhetor.batching.table import open_table

        return table_plan(open_table(options.table, options.text_column, options.id_column))
    if texts is not None:
        return texts_plan([(name, text.encode("utf-8")) for name, text in texts])
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
    return files_plan(paths)


def _table_path(options: BatchOptions) -> list[str]:
    return [str(options.table)] if options.table is not None else []


def to_stderr(message: str) -> None:
    from rhetor.io.safetext import one_line

    print(f"rhetor: {one_line(message)}", file=sys.stderr)


def settings_fingerprint(
    options: AnalyseOptions,
    author_from: AuthorFrom | None = None,
    government_from: GovernmentFrom | None = None,
) -> str:
    """A short hash of what decides a record's figures besides the document: lexicon and
    cue-word content, sides (and which side says "we": ``--author``, ``--author-from``
    and the names it maps with; which govern: ``--government``, or the documents'
    metadata) and model. Every record carries it, and --resume refuses a file whose
    records were scored with another."""
    import hashlib
    import json

    from rhetor.lexicon.files import builtin_texts, iter_lexicon_texts

    given = options.lexicon_texts
    if given is None:
        given = tuple(iter_lexicon_texts(options.lexicons))
    texts = sorted(text for _, text in given)
    if options.builtin_lexicons:
        texts = [*sorted(text for _, text in builtin_texts()), "--", *texts]
    given = [texts, options.sides, options.model]
    if options.author is not None or author_from is not None:
        named = [author_from.field, author_from.names.names] if author_from else None
        given.append([options.author, named])
    if options.government or government_from is not None:
        named = [government_from.field, government_from.names.names] if government_from else None
        given.append({"government": [list(options.government), named]})
    payload = json.dumps(given, ensure_ascii=False)
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
    if not options.paths and not texts and options.table is None:
        raise ConfigError(
            "give at least one file or folder, - to read paths from stdin, or --table FILE"
        )
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
    if options.table is not None and (options.paths or texts):
        raise ConfigError("--table is the documents: give no PATH as well")
    if options.table is not None and (options.meta or options.name_pattern):
        raise ConfigError(
            "the rows of --table carry their own metadata: no --meta or --name-pattern"
        )
    if options.table is None and (options.text_column or options.id_column):
        raise ConfigError("--text-column and --id-column choose the columns of --table")
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

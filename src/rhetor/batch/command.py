"""``rhetor batch``: score many documents, streaming one record per document."""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rhetor.batch.inputs import DEFAULT_GLOB, discover
from rhetor.batch.metadata import attach, check_coverage, load_metadata
from rhetor.batch.runner import LocalRunner, Record, Runner, content_hash
from rhetor.batch.writers import OTHERS, BatchFormat, RecordWriter, done_keys, writer_columns
from rhetor.errors import ConfigError, InputError
from rhetor.options import AnalyseOptions
from rhetor.report import STANCES


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
    meta: Path | None = None  # --meta FILE.csv (rhetor.batch.metadata)
    name_pattern: str | None = None  # --name-pattern "{year}_{party}.txt"


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
            if claim["side"]:
                self.stances[claim["side"]][claim["stance"]] += 1


def side_columns(options: AnalyseOptions) -> list[str]:
    from rhetor.sides import build_sides

    if options.sides:
        return [spec.id for spec in build_sides(dict(options.sides)).specs]
    return ["author", OTHERS]


def batch(
    options: BatchOptions,
    analyse_options: AnalyseOptions,
    *,
    runner: Runner | None = None,
    warn: Callable[[str], None] = lambda m: print(f"rhetor: {m}", file=sys.stderr),
    show_progress: bool = False,
) -> Totals:
    """Score every document of ``options.paths``; returns the totals."""
    from rhetor.lexicon import load_lexicons

    _check(options)
    metadata = load_metadata(options.meta, options.name_pattern)
    value_ids = load_lexicons(
        analyse_options.lexicons, builtin=analyse_options.builtin_lexicons
    ).ids
    sides = side_columns(analyse_options)
    writer_columns(options.fmt, value_ids, sides, metadata.fields)  # clashes fail before writing
    paths = list(discover(options.paths, glob=options.glob, recursive=options.recursive))
    for message in check_coverage(metadata, paths):
        warn(f"warning: {message}")
    if options.resume and options.output:
        done = done_keys(options.output, options.fmt)
        paths = [p for p in paths if (p, _hash_of(p)) not in done]
        if done:
            warn(f"resuming: {len(done)} already scored, {len(paths)} to go")
    runner = runner or make_runner(options, analyse_options)
    totals = Totals()
    with _open_output(options) as (stream, fresh):
        writer = RecordWriter(
            stream, options.fmt, value_ids, sides, header=fresh, meta_fields=metadata.fields
        )
        with _progress(len(paths), show_progress) as tick:
            for record in runner.run(paths):
                record = attach(record, metadata)
                _write(writer, record, options.output)
                totals.add(record)
                if record.get("error"):
                    warn(f"error: {record['error']}")
                for message in record.get("warnings") or ():
                    warn(f"warning: {message}")
                tick(record)
        writer.close()
    return totals


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


def make_runner(options: BatchOptions, analyse_options: AnalyseOptions) -> Runner:
    if options.scheduler:
        from rhetor.batch.dask_runner import DaskRunner

        return DaskRunner(
            analyse_options, options.scheduler, paths_on_workers=options.paths_on_workers
        )
    return LocalRunner(analyse_options, jobs=options.jobs)


def _check(options: BatchOptions) -> None:
    if not options.paths:
        raise ConfigError("give at least one file or folder, or - to read paths from stdin")
    if options.resume and options.force:
        raise ConfigError("--resume and --force contradict each other")
    if options.resume and options.output is None:
        raise ConfigError("--resume needs -o FILE")
    if options.paths_on_workers and not options.scheduler:
        raise ConfigError("--paths-on-workers applies only with --scheduler")
    if options.summary_to_stdout and options.output is None:
        raise ConfigError("--summary prints to stdout, where records go without -o FILE")
    out = options.output
    if out is not None:
        if out.exists() and not (options.resume or options.force):
            raise InputError(
                f"{out}: already exists; use --resume to add to it or --force to replace it"
            )
        if not out.parent.is_dir():
            raise InputError(f"{out}: cannot write: folder {out.parent} does not exist")


def _hash_of(path: str) -> str | None:
    """The content hash a worker would record for ``path`` (None if it cannot be read)."""
    from rhetor.textio import read_bytes

    try:
        return content_hash(read_bytes(path))
    except InputError:
        return None


class _open_output:
    """Append to -o FILE (created if missing), or write to stdout."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.stream = None

    def __enter__(self):
        out = self.options.output
        if out is None:
            return sys.stdout, True
        mode = "a" if self.options.resume else "w"
        fresh = not (self.options.resume and out.exists() and out.stat().st_size > 0)
        try:
            self.stream = out.open(mode, encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
        return self.stream, fresh

    def __exit__(self, *exc) -> None:
        if self.stream is not None:
            self.stream.close()


class _progress:
    """A Rich progress bar on stderr, or nothing."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.bar = None

    def __enter__(self):
        if not self.enabled:
            return lambda record: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("scoring"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("scoring", total=self.total, rate="")
        started, words = time.perf_counter(), [0]

        def tick(record: Record) -> None:
            words[0] += (record.get("stats") or {}).get("words", 0)
            rate = words[0] / max(time.perf_counter() - started, 1e-6)
            self.bar.update(task, advance=1, rate=f"{rate:,.0f} words/s")

        return tick

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def summary_tables(totals: Totals):
    """Totals per value and per side, as Rich renderables."""
    from rich.table import Table

    values = Table(title="Values across the batch", title_justify="left")
    values.add_column("value")
    values.add_column("mentions", justify="right")
    values.add_column("per 1,000 words", justify="right")
    for value, count in sorted(totals.mentions.items()):
        rate = count * 1000 / totals.words if totals.words else 0.0
        values.add_row(value, f"{count:,}", f"{rate:.2f}")
    sides = Table(title="Sides across the batch", title_justify="left")
    sides.add_column("side")
    for stance in STANCES:
        sides.add_column(stance, justify="right")
    ranked = sorted(totals.stances.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for side, counts in ranked[:20]:
        sides.add_row(side, *(f"{counts[s]:,}" for s in STANCES))
    return values, sides

"""``rhetor batch``: score many documents, one record per document, streamed."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    CacheOption,
    CountsOption,
    ForceOption,
    LexiconOption,
    ModelOption,
    NoDefaultLexiconsOption,
    ParseAllOption,
    SideOption,
    SidesFileOption,
    build_options,
)
from rhetor.cli.support import run_guarded
from rhetor.errors import ConfigError


@app.command("batch")
def batch_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH...",
            show_default=False,
            help="Files and folders to score; - reads paths from stdin, one a line. A .txt "
            "file beside a -meta.tsv is a ParlaMint sitting: one record per utterance.",
        ),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", "-g", help="Which files to take from folders.")
    ] = "*.txt",
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Walk into subfolders.")
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="jsonl|csv|json|claims",
            help="jsonl: one full report per line; csv: one row per "
            "document (columns in docs/batch.md); json: one array; claims: one CSV row per "
            "claim, a coding sheet for rhetor gold.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write records to FILE (default stdout)."
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            show_default=False,
            help="Worker processes (default: the number of cores).",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Skip documents already in -o FILE (same path and content) and append the rest.",
        ),
    ] = False,
    force: ForceOption = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress bar and no summary table; errors and the final count only.",
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="Print the summary tables on stdout (needs -o) instead of stderr."
        ),
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="RHETOR_SCHEDULER",
            show_envvar=True,
            metavar="ADDRESS|local:N",
            help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or local:N "
            "to start N worker processes here. Needs rhetor[dask]. Records come in "
            "completion order.",
        ),
    ] = None,
    paths_on_workers: Annotated[
        bool,
        typer.Option(
            "--paths-on-workers",
            help="With --scheduler: send paths, and let the workers read the files from a "
            "file system they share with this machine.",
        ),
    ] = False,
    meta: Annotated[
        Path | None,
        typer.Option(
            "--meta",
            metavar="FILE.csv",
            help="Document metadata: a CSV with a 'source' column (file path or name) "
            "and any others, carried into every record.",
        ),
    ] = None,
    name_pattern: Annotated[
        str | None,
        typer.Option(
            "--name-pattern",
            metavar="PATTERN",
            help="Read metadata from file names, e.g. '{year}_{president}_{party}.txt' "
            "({year:d}: digits; *: text to skip).",
        ),
    ] = None,
    table: Annotated[
        Path | None,
        typer.Option(
            "--table",
            metavar="FILE",
            help="Score the rows of a CSV, TSV or JSONL table, one document a row (instead "
            "of PATH); the other columns are metadata.",
        ),
    ] = None,
    text_column: Annotated[
        str | None,
        typer.Option(
            "--text-column",
            metavar="NAME",
            show_default=False,
            help="The column of --table that holds the text (default: text).",
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            metavar="NAME",
            show_default=False,
            help="The column of --table that holds each row's id, the record's source "
            "(default: id if there is one, else the row number).",
        ),
    ] = None,
    author_from: Annotated[
        str | None,
        typer.Option(
            "--author-from",
            metavar="FIELD",
            help="Give each document's 'we' to the side its metadata FIELD names (a side's "
            "id, label: or codes: in --sides), e.g. party; a value no side names is an error.",
        ),
    ] = None,
    government: Annotated[
        str | None,
        typer.Option(
            "--government",
            metavar="SIDE[,SIDE]",
            help='Debate: the sides that govern. The first holds "the Government", "the '
            'Minister" and the other offices; the speaker\'s side is also "my hon. Friend". '
            "Without it, each utterance of a ParlaMint sitting is spoken under its "
            "Coalition parties (mapped to sides as --author-from maps values). Needs --side "
            "or --sides.",
        ),
    ] = None,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
    counts: CountsOption = False,
    cache: CacheOption = None,
    parse_all: ParseAllOption = False,
) -> None:
    """Score many documents: one record per document, streamed as each finishes."""

    def run() -> None:
        from rhetor.batching.command import BatchOptions
        from rhetor.batching.writers import BatchFormat

        try:
            chosen = BatchFormat(fmt.lower())
        except ValueError:
            raise ConfigError(f"--format {fmt!r}: choose jsonl, csv, json or claims") from None
        if scheduler and jobs:
            raise ConfigError("--jobs is for local runs; with --scheduler, size the cluster")
        from rhetor.io.output import refuse_input_as_output

        refuse_input_as_output(output, [p for p in (sides_file, meta) if p])
        analyse_options = build_options(
            model,
            lexicon,
            no_default_lexicons,
            side,
            sides_file,
            cache=cache,
            counts=counts,
            government=government,
            parse_all=parse_all,
        )
        names = None
        if analyse_options.sides:  # what --author-from and a sitting's government map with
            from rhetor.attribution.sides import side_names

            names = side_names(dict(analyse_options.sides), sides_file)
        options = BatchOptions(
            paths=tuple(paths or ()),
            glob=glob,
            recursive=recursive,
            fmt=chosen,
            output=output,
            jobs=jobs or os.cpu_count() or 1,
            resume=resume,
            force=force,
            quiet=quiet,
            summary_to_stdout=summary,
            scheduler=scheduler or None,
            paths_on_workers=paths_on_workers,
            meta=meta,
            name_pattern=name_pattern,
            table=table,
            text_column=text_column,
            id_column=id_column,
            author_from=author_from,
            side_names=names,
        )
        code = batch(options, analyse_options)
        raise typer.Exit(code)

    run_guarded(run)


def batch(options, analyse_options) -> int:
    """Run a batch; returns the exit code (1 if any document failed)."""
    from rich.console import Console

    from rhetor.batching.command import batch as run_batch
    from rhetor.batching.command import to_stderr as say
    from rhetor.batching.progress import summary_tables

    show_progress = not options.quiet and sys.stderr.isatty()
    notes: list[str] = []

    def inform(note: str) -> None:
        notes.append(note)
        if not options.quiet:
            say(note)

    totals = run_batch(options, analyse_options, show_progress=show_progress, inform=inform)
    if options.summary_to_stdout or not options.quiet:
        console = Console(stderr=not options.summary_to_stdout, highlight=False)
        for table in summary_tables(totals):
            console.print(table)
    if notes:
        say(notes[-1])  # what was scored: a table's rows, ParlaMint's utterances
    print(f"{totals.scored} scored, {totals.failed} failed", file=sys.stderr)
    return 1 if totals.failed else 0

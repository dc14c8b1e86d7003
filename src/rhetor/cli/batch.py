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
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Files and folders to score; - reads paths from stdin, one a line.",
        ),
    ],
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
        options = BatchOptions(
            paths=tuple(paths),
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
        )
        analyse_options = build_options(
            model,
            lexicon,
            no_default_lexicons,
            side,
            sides_file,
            cache=cache,
            counts=counts,
            parse_all=parse_all,
        )
        code = batch(options, analyse_options)
        raise typer.Exit(code)

    run_guarded(run)


def batch(options, analyse_options) -> int:
    """Run a batch; returns the exit code (1 if any document failed)."""
    from rich.console import Console

    from rhetor.batching.command import batch as run_batch
    from rhetor.batching.command import summary_tables

    show_progress = not options.quiet and sys.stderr.isatty()
    totals = run_batch(options, analyse_options, show_progress=show_progress)
    if options.summary_to_stdout or not options.quiet:
        console = Console(stderr=not options.summary_to_stdout, highlight=False)
        for table in summary_tables(totals):
            console.print(table)
    print(f"{totals.scored} scored, {totals.failed} failed", file=sys.stderr)
    return 1 if totals.failed else 0

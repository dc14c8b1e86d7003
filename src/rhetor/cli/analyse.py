"""``rhetor analyse``: one document's report in the terminal, JSON, Markdown or HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    CacheOption,
    CountsOption,
    GovernmentOption,
    LexiconOption,
    MinConfidenceOption,
    ModelOption,
    NoDefaultLexiconsOption,
    ParseAllOption,
    SideOption,
    SidesFileOption,
    build_options,
)
from rhetor.cli.support import (
    run_guarded,
    stdout_is_terminal,
    terminal_width,
    warn,
    write_output,
)
from rhetor.errors import ConfigError
from rhetor.formats import OutputFormat, RenderContext


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
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="The terminal report without the evidence: the values, who holds them "
            "and what is contested, on one screen.",
        ),
    ] = False,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            metavar="SIDE",
            help="The side that says 'we' in this document (its id, label: or codes: in "
            "--sides), e.g. the speaker's party; no claim then goes to 'author'.",
        ),
    ] = None,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
    counts: CountsOption = False,
    cache: CacheOption = None,
    min_confidence: MinConfidenceOption = None,
    government: GovernmentOption = None,
    parse_all: ParseAllOption = False,
) -> None:
    """Report the values a document invokes, which side holds each, and the evidence."""
    chosen = OutputFormat.json if json_output else fmt

    def run() -> None:
        if summary and chosen is not OutputFormat.terminal:
            raise ConfigError("--summary is a view of the terminal report; drop --format/--json")
        from rhetor.io.output import refuse_input_as_output

        refuse_input_as_output(output, [sides_file] if sides_file else [])
        options = build_options(
            model,
            lexicon,
            no_default_lexicons,
            side,
            sides_file,
            cache=cache,
            counts=counts,
            min_confidence=min_confidence,
            government=government,
            author=author,
            parse_all=parse_all,
        )
        analyse(file, options, chosen, output, summary=summary, side_styles=_styles(sides_file))

    run_guarded(run)


# US spelling, hidden from --help so the command list stays short.
app.command("analyze", hidden=True)(analyse_command)


def _styles(sides_file: Path | None):
    """Colours and labels of the sides file, for the HTML report."""
    if sides_file is None:
        return None
    from rhetor.attribution.sides import load_side_styles

    return load_side_styles(sides_file)


def analyse(
    file: str,
    options,
    fmt: OutputFormat,
    output: Path | None,
    *,
    summary: bool = False,
    side_styles=None,
) -> None:
    """Read ``file``, analyse it and write the report in ``fmt``."""
    from rhetor.api import get_analyser
    from rhetor.formats import get_formatter
    from rhetor.io.output import refuse_input_as_output
    from rhetor.io.textio import read_document

    refuse_input_as_output(output, [file, *options.lexicons])
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
        summary=summary,
        side_styles=side_styles,
    )
    write_output(get_formatter(fmt).render(report, context), output)

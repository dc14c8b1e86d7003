"""``rhetor kwic``: keyword-in-context lines for every value mention."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    LexiconOption,
    ModelOption,
    NoDefaultLexiconsOption,
    SideOption,
    SidesFileOption,
    build_options,
    check_one_format,
)
from rhetor.cli.support import run_guarded, stdout_is_terminal, terminal_width, warn, write_output
from rhetor.errors import ConfigError
from rhetor.formats import RenderContext


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
        check_one_format(json_output, csv_output)
        options = build_options(model, lexicon, no_default_lexicons, side, sides_file)
        fmt = "json" if json_output else "csv" if csv_output else "table"
        kwic(file, options, value or [], only_side or [], window, fmt)

    run_guarded(run)


def kwic(file: str, options, values: list[str], sides: list[str], window: int, fmt: str) -> None:
    import json

    from rhetor.api import get_analyser
    from rhetor.corpus.kwic import kwic_lines, to_csv, to_records
    from rhetor.io.textio import read_document

    document = read_document(file)
    analyser = get_analyser(options)
    unknown = [v for v in values if v not in analyser.value_ids]
    if unknown:
        raise ConfigError(f"--value {unknown[0]!r}: values are {', '.join(analyser.value_ids)}")
    report = analyser.analyse(document.text, source=document.source, warnings=document.warnings)
    for message in report.warnings:
        warn(message)
    known = [s.id for s in report.sides]
    missing = [s for s in sides if s not in known]
    if missing:
        raise ConfigError(
            f"--only-side {missing[0]!r}: the sides here are {', '.join(known) or 'none'}"
        )
    lines = kwic_lines(report, document.text, values=values, sides=sides, window=window)
    if fmt == "json":
        write_output(json.dumps(to_records(lines), ensure_ascii=False, indent=2) + "\n", None)
    elif fmt == "csv":
        write_output(to_csv(lines), None)
    else:
        from rhetor.formats import render_to_text
        from rhetor.formats.kwic_view import kwic_table

        # Piped output is as wide as COLUMNS says, or 140 columns when it says nothing.
        given = sys.stdout.isatty() or os.environ.get("COLUMNS", "").strip().isdigit()
        width = terminal_width() if given else 140
        color = stdout_is_terminal()
        context = RenderContext(color=color, width=width)
        text = render_to_text(context, kwic_table(lines, width, plain=not color))
        if not color:  # no padding to the width at the end of a piped line
            text = "".join(line.rstrip() + "\n" for line in text.splitlines())
        write_output(text, None)

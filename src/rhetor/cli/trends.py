"""``rhetor trends``: rates of values and side-stances over a metadata field, with a chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    AuthorFromOption,
    BinOption,
    CsvFlag,
    JsonFlag,
    LabelOption,
    OnlyOption,
    RecordSidesOption,
    check_one_format,
)
from rhetor.cli.support import run_guarded, terminal_context, write_output


@app.command("trends")
def trends_command(
    records: Annotated[
        list[Path],
        typer.Argument(metavar="RECORDS...", help="Batch records (.jsonl or per-document .csv)."),
    ],
    by: Annotated[
        str, typer.Option("--by", metavar="FIELD", help="The metadata field along x, e.g. year.")
    ],
    group: Annotated[
        str | None,
        typer.Option("--group", metavar="FIELD", help="One line per value of this field."),
    ] = None,
    value: Annotated[
        list[str] | None,
        typer.Option("--value", metavar="VALUE", help="Only this value (repeatable)."),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            metavar="OUT.png|OUT.svg",
            help="Draw the trends: one panel per value, one line per group. Needs rhetor[plot].",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The chart's title.")
    ] = None,
    only: OnlyOption = None,
    label: LabelOption = None,
    bin_width: BinOption = None,
    author_from: AuthorFromOption = None,
    sides_file: RecordSidesOption = None,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
) -> None:
    """Rate per 1,000 words of each value (and each side's stances) over a metadata field."""

    def run() -> None:
        check_one_format(json_output, csv_output)
        from rhetor.corpus.api import trends_result

        found = trends_result(
            records,
            by=by,
            group=group,
            value=value,
            plot=plot,
            title=title,
            only=only,
            label=label,
            bin_width=bin_width,
            author_from=author_from,
            sides_file=sides_file,
        )
        from rhetor.formats.corpus import corpus_text, render_trends

        text = corpus_text(
            found, render_trends, terminal_context(), json_output=json_output, csv_output=csv_output
        )
        write_output(text, None)

    run_guarded(run)

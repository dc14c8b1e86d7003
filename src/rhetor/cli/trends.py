"""``rhetor trends``: rates of values and side-stances over a metadata field, with a chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    AuthorAsOption,
    AuthorFromOption,
    BinOption,
    CsvFlag,
    JsonFlag,
    LabelOption,
    OnlyOption,
    RecordSidesOption,
    check_one_format,
    check_table,
)
from rhetor.cli.support import run_guarded, terminal_context, warn, write_output


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
            metavar="OUT.png|OUT.svg|OUT.pdf",
            help="Draw the trends: one panel per value, one line per group, the format "
            "from the extension. Needs rhetor[plot].",
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", metavar="TEXT", help="The chart's title.")
    ] = None,
    width: Annotated[
        float | None,
        typer.Option(
            "--width",
            metavar="INCHES",
            help="The chart's width (default: 3.6 inches per panel column).",
        ),
    ] = None,
    height: Annotated[
        float | None,
        typer.Option(
            "--height",
            metavar="INCHES",
            help="The chart's height (default: 2.6 inches per panel row, plus the legend).",
        ),
    ] = None,
    dpi: Annotated[
        int | None,
        typer.Option("--dpi", metavar="N", help="Dots per inch of a PNG (default: 96)."),
    ] = None,
    free_y: Annotated[
        bool,
        typer.Option(
            "--free-y",
            help="Give each panel its own y-scale. By default all panels share one, so "
            "their heights compare.",
        ),
    ] = False,
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            metavar="values|claims",
            help="With --csv: which tidy table to write (default: values). values: a row "
            "per point, group and value. claims: a row per point, group, side and stance.",
        ),
    ] = None,
    only: OnlyOption = None,
    label: LabelOption = None,
    bin_width: BinOption = None,
    author_from: AuthorFromOption = None,
    author_as: AuthorAsOption = None,
    sides_file: RecordSidesOption = None,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
) -> None:
    """Rate per 1,000 words of each value (and each side's stances) over a metadata field,
    with 95% Wilson intervals."""

    def run() -> None:
        from rhetor.corpus.trends import TABLES

        check_one_format(json_output, csv_output)
        check_table(table, csv_output, TABLES)
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
            author_as=author_as,
            sides_file=sides_file,
            width=width,
            height=height,
            dpi=dpi,
            free_y=free_y,
            warn=warn,
        )
        from rhetor.formats.corpus import corpus_text, render_trends

        text = corpus_text(
            found,
            render_trends,
            terminal_context(),
            json_output=json_output,
            csv_output=csv_output,
            table=table,
        )
        write_output(text, None)

    run_guarded(run)

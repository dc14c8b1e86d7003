"""``rhetor network``: a two-mode side-value network as GraphML or an edge list."""

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
    ForceOption,
    OnlyOption,
    RecordSidesOption,
)
from rhetor.cli.support import run_guarded, write_output
from rhetor.errors import ConfigError


@app.command("network")
def network_command(
    records: Annotated[
        list[Path],
        typer.Argument(metavar="RECORDS...", help="Batch records (.jsonl or per-document .csv)."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="NET.graphml",
            help="Write GraphML (Gephi, visone, networkx). Needs rhetor[network].",
        ),
    ] = None,
    csv_output: CsvFlag = False,
    slice_by: Annotated[
        str | None,
        typer.Option(
            "--slice",
            metavar="FIELD",
            help="One edge per value of this metadata field too (time slices, e.g. year).",
        ),
    ] = None,
    min_weight: Annotated[
        int,
        typer.Option("--min-weight", min=1, metavar="N", help="Leave out edges with fewer claims."),
    ] = 1,
    force: ForceOption = False,
    only: OnlyOption = None,
    bin_width: BinOption = None,
    author_from: AuthorFromOption = None,
    author_as: AuthorAsOption = None,
    sides_file: RecordSidesOption = None,
) -> None:
    """Side-value network: one edge per (side, value, stance), weighted by claims."""

    def run() -> None:
        if (output is None) == (not csv_output):
            raise ConfigError("choose -o NET.graphml or --csv (an edge list on stdout)")
        from rhetor.corpus.network_api import network_result

        edges = network_result(
            records,
            output=output,
            slice_by=slice_by,
            min_weight=min_weight,
            force=force,
            only=only,
            bin_width=bin_width,
            author_from=author_from,
            author_as=author_as,
            sides_file=sides_file,
        )
        if csv_output:
            from rhetor.corpus.network import csv_columns, edge_rows
            from rhetor.formats.corpus import csv_text

            write_output(csv_text(csv_columns(edges), edge_rows(edges)), None)
            return
        sides = len({e.side for e in edges})
        values = len({e.value for e in edges})
        from rhetor.io.safetext import one_line
        from rhetor.io.textio import shown

        target = one_line(shown(str(output)))
        typer.echo(f"{sides} sides, {values} values, {len(edges)} edges -> {target}", err=True)

    run_guarded(run)

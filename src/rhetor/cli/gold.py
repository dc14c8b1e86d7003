"""``rhetor gold``: a hand-corrected claims sheet back into a gold file for evaluate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import ForceOption, SideOption, SidesFileOption, refuse_existing
from rhetor.cli.support import run_guarded, write_output


@app.command("gold")
def gold_command(
    sheet: Annotated[
        Path,
        typer.Argument(
            metavar="SHEET.csv",
            help="A claims sheet (rhetor batch --format claims) with correct_side, "
            "correct_stance or wrong filled in by hand.",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="GOLD.yaml", help="Write the gold file here."),
    ] = None,
    force: ForceOption = False,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
) -> None:
    """Turn a corrected claims sheet into a gold file: score, export, correct, evaluate.

    Give the sides the batch was run with (--side/--sides); without them each passage
    is evaluated with sides found in the text, as the batch found them."""

    def run() -> None:
        from rhetor.cli.options import given_sides
        from rhetor.corpus.sheet import gold_yaml, read_sheet
        from rhetor.io.output import refuse_input_as_output

        refuse_existing(output, force)
        refuse_input_as_output(output, [p for p in (sheet, sides_file) if p])
        sides = given_sides(side, sides_file)
        passages, summary = read_sheet(sheet)
        folder = output.parent if output is not None else None
        write_output(gold_yaml(passages, sides, sheet=sheet.name, folder=folder), output)
        typer.echo(
            f"{len(passages)} passages from {summary.rows} rows: {summary.confirmed} confirmed, "
            f"{summary.corrected} corrected, {summary.wrong} wrong, {summary.no_side} right "
            f"value with no side, {summary.not_value} not a value, {summary.added} added; "
            f"{summary.documents} whole documents scored in place",
            err=True,
        )

    run_guarded(run)

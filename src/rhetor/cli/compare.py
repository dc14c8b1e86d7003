"""``rhetor compare``: values, claims and keyness across documents or groups of records."""

from __future__ import annotations

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
    ModelOption,
    OnlyOption,
    SideOption,
    SidesFileOption,
    check_one_format,
    check_table,
)
from rhetor.cli.support import run_guarded, terminal_context, write_output


@app.command("compare")
def compare_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="A B [C...]",
            help="Text files (each analysed, each a group), or batch records "
            "(.jsonl/.csv; each file a group, or grouped with --by).",
        ),
    ],
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="FIELD", help="Group the records by a metadata field."),
    ] = None,
    only: OnlyOption = None,
    label: LabelOption = None,
    bin_width: BinOption = None,
    author_from: AuthorFromOption = None,
    author_as: AuthorAsOption = None,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            metavar="keyness|values|claims|documents",
            help="With --csv: which tidy table to write (default: keyness). keyness: "
            "each group against the rest, with the document that may drive it. values: "
            "pooled and document-level rates per group and value. claims: claims per "
            "group, side, value and stance. documents: mentions per document and value.",
        ),
    ] = None,
    correction: Annotated[
        str,
        typer.Option(
            "--correction",
            metavar="williams|yates|none",
            help="The correction of G²: williams (the default, as quanteda's "
            'correction = "williams"), yates (quanteda\'s default for lr) or none '
            "(the plain G-test).",
        ),
    ] = "williams",
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    model: ModelOption = None,
) -> None:
    """Compare groups: values and claims per side, rates per 1,000 words, document by
    document too, and the values each group uses distinctively (keyness: G² with Log
    Ratio)."""

    def run() -> None:
        from rhetor.corpus.compare import TABLES

        check_one_format(json_output, csv_output)
        check_table(table, csv_output, TABLES)
        from rhetor.corpus.api import compare_result

        comparison = compare_result(
            inputs,
            by=by,
            only=only,
            label=label,
            bin_width=bin_width,
            author_from=author_from,
            author_as=author_as,
            sides=side,
            sides_file=sides_file,
            model=model,
            correction=correction,
        )
        from rhetor.formats.corpus import corpus_text, render_comparison

        text = corpus_text(
            comparison,
            render_comparison,
            terminal_context(),
            json_output=json_output,
            csv_output=csv_output,
            table=table,
        )
        write_output(text, None)

    run_guarded(run)

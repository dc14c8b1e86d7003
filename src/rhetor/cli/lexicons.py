"""``rhetor lexicons``: list, show, validate, import and export value lexicons.

As in the other command modules, each command is a thin Typer wrapper around a plain
function of the same name; YAML and Rich load only inside the commands.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.options import JsonFlag, LexiconOption, NoDefaultLexiconsOption
from rhetor.cli.support import run_guarded, warn, write_output
from rhetor.errors import ConfigError, InputError, LexiconError

lexicons_app = typer.Typer(
    help="List, inspect, validate, import and export value lexicons.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_PROBLEMS = 1


class ForeignFormat(str, Enum):
    dic = "dic"
    quanteda = "quanteda"


def _load(lexicon: list[Path] | None, no_default_lexicons: bool):
    from rhetor.lexicon.loading import load_lexicons

    return load_lexicons([str(p) for p in lexicon or ()], builtin=not no_default_lexicons)


def _print_tables(*tables) -> None:
    from rhetor.cli.support import stdout_is_terminal, terminal_width
    from rhetor.formats import RenderContext, render_to_text

    context = RenderContext(color=stdout_is_terminal(), width=terminal_width())
    write_output(render_to_text(context, *tables), None)


# -- list -----------------------------------------------------------------------------------------


@lexicons_app.command("list")
def list_command(
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    json_output: JsonFlag = False,
) -> None:
    """The values in force: term counts, source file and version."""
    run_guarded(lambda: list_lexicons(_load(lexicon, no_default_lexicons), json_output))


def summary_row(lex) -> dict:
    return {
        "value": lex.id,
        "virtue": len(lex.virtue),
        "vice": len(lex.vice),
        "exclude": len(lex.exclude),
        "lemmas": lex.lemmas,
        "version": lex.version,
        "source": lex.source,
    }


def list_lexicons(lexicons, json_output: bool) -> None:
    rows = [summary_row(lex) for lex in lexicons.lexicons]
    if json_output:
        write_output(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", None)
        return
    from rich.table import Table

    table = Table(title="Value lexicons", title_justify="left")
    for name in ("value", "virtue", "vice", "exclude", "version", "source"):
        table.add_column(name, justify="right" if name in {"virtue", "vice", "exclude"} else "left")
    for row in rows:
        table.add_row(*(str(row[c.header]) for c in table.columns))
    _print_tables(table)


# -- show -----------------------------------------------------------------------------------------


@lexicons_app.command("show")
def show_command(
    value: Annotated[str, typer.Argument(help="Value id, as `rhetor lexicons list` shows it.")],
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    json_output: JsonFlag = False,
) -> None:
    """One value's terms by polarity, its excludes and part-of-speech limits."""
    run_guarded(lambda: show(_load(lexicon, no_default_lexicons), value, json_output))


def find_value(lexicons, value: str):
    found = lexicons.get(value)
    if found is None:
        raise ConfigError(f"no value {value!r}; values: {', '.join(lexicons.ids)}")
    return found


def show(lexicons, value: str, json_output: bool) -> None:
    lex = find_value(lexicons, value)
    kinds = {"virtue": lex.virtue, "vice": lex.vice, "exclude": lex.exclude}
    if json_output:
        document = {
            **summary_row(lex),
            "description": lex.description,
            "terms": {
                kind: [
                    {
                        "term": t.text,
                        "glob": t.glob,
                        "pos": list(t.pos),
                        "forms": t.forms or lex.forms,
                        "unless": [c.data for c in t.unless],
                    }
                    for t in terms
                ]
                for kind, terms in kinds.items()
            },
        }
        write_output(json.dumps(document, ensure_ascii=False, indent=2) + "\n", None)
        return
    from rich.table import Table

    tables = []
    for kind, terms in kinds.items():
        table = Table(title=f"{lex.id} · {kind} ({len(terms)})", title_justify="left")
        table.add_column("term")
        table.add_column("part of speech")
        table.add_column("forms")
        table.add_column("unless", justify="right")
        table.add_column("line", justify="right")
        for term in terms:
            table.add_row(
                term.text,
                ", ".join(term.pos) or "any",
                "-" if term.glob else term.forms or lex.forms,
                str(len(term.unless) or ""),
                str(term.line or ""),
            )
        tables.append(table)
    header = f"{lex.id} (version {lex.version}, {lex.source})\n{lex.description}".rstrip()
    if not lex.lemmas:
        header += "\nTerms match word forms as written only (lemmas: false)."
    _print_tables(header, *tables)


# -- validate -------------------------------------------------------------------------------------


@lexicons_app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH...", help="Lexicon files or folders to check.")
    ],
) -> None:
    """Check lexicon files; print `file:line: message` for every problem (exit 1 if any)."""

    def run() -> None:
        raise typer.Exit(validate(paths))

    run_guarded(run)


def validate(paths: list[Path]) -> int:
    """Print every problem found in ``paths``; returns the exit code."""
    from rhetor.attribution.cues import parse_cues
    from rhetor.lexicon.files import is_cue_file, lexicon_files, read_lexicon_file
    from rhetor.lexicon.loading import parse_lexicon

    problems: list[LexiconError] = []
    files = values = 0
    defined: dict[str, str] = {}
    for given in paths:
        try:
            found = lexicon_files(given)
        except LexiconError as exc:
            problems.append(exc)
            continue
        for file in found:  # one unreadable file must not hide the others' problems
            files += 1
            try:
                text = read_lexicon_file(file)
                if is_cue_file(text):
                    parse_cues(text, str(file))
                    continue
                lex = parse_lexicon(text, str(file), problems)
            except LexiconError as exc:
                problems.append(exc)
                continue
            values += 1
            if lex.id in defined:
                problems.append(
                    LexiconError(
                        f"value {lex.id!r} is already defined in {defined[lex.id]}",
                        source=str(file),
                        key="id",
                    )
                )
            defined.setdefault(lex.id, str(file))
    for problem in problems:
        print(problem, file=sys.stdout)
    from rhetor.formats.terminal import plural

    verdict = plural(len(problems), "problem") if problems else "ok"
    print(f"{plural(files, 'file')}, {plural(values, 'value')}: {verdict}", file=sys.stderr)
    return EXIT_PROBLEMS if problems else 0


# -- import ---------------------------------------------------------------------------------------


@lexicons_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A LIWC-style .dic or a quanteda YAML dictionary.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Folder for the YAML lexicons.")
    ],
    source_format: Annotated[
        ForeignFormat | None,
        typer.Option(
            "--from", help="The file's format (default: dic for .dic, quanteda for .yaml/.yml)."
        ),
    ] = None,
    lemmas: Annotated[
        bool,
        typer.Option(
            "--lemmas/--word-forms",
            help="Let terms also match inflections through lemmas, as rhetor's own lexicons "
            "do; the default matches word forms as written, as LIWC and quanteda count.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace lexicon files already in DIR.")
    ] = False,
) -> None:
    """Turn a LIWC-style or quanteda dictionary into rhetor lexicons, one file per value."""
    run_guarded(lambda: import_lexicons(file, output, source_format, lemmas, force))


def guess_format(file: Path) -> ForeignFormat:
    suffix = file.suffix.lower()
    if suffix == ".dic":
        return ForeignFormat.dic
    if suffix in {".yaml", ".yml"}:
        return ForeignFormat.quanteda
    raise ConfigError(f"{file}: cannot tell the format from the name; give --from dic|quanteda")


def import_lexicons(
    file: Path, output: Path, source_format: ForeignFormat | None, lemmas: bool, force: bool
) -> list[Path]:
    from rhetor.io.textio import read_document
    from rhetor.lexicon.interop import dump_lexicon, parse_dic, parse_quanteda
    from rhetor.lexicon.loading import parse_lexicon

    chosen = source_format or guess_format(file)
    document = read_document(str(file))
    for message in document.warnings:  # LIWC files are often Latin-1
        warn(message)
    text = document.text
    parse = parse_dic if chosen is ForeignFormat.dic else parse_quanteda
    lexicons = parse(text, str(file), lemmas=lemmas)
    if output.exists() and not output.is_dir():
        raise ConfigError(f"{output}: exists and is not a folder")
    targets = {lex.id: output / f"{lex.id}.yaml" for lex in lexicons}
    clashes = [str(t) for t in targets.values() if t.exists()]
    if clashes and not force:
        raise ConfigError(f"{clashes[0]} exists; use --force to replace it")
    from rhetor.io.output import refuse_input_as_output

    for target in targets.values():
        refuse_input_as_output(target, [file])
    # Check every file loads back before writing any, so a failure leaves nothing behind.
    texts = {lex.id: dump_lexicon(lex) for lex in lexicons}
    for lex in lexicons:
        parse_lexicon(texts[lex.id], str(targets[lex.id]))
    from rhetor.io.output import write_outputs

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    # All files or none: a full disk part way must not leave half a dictionary imported.
    write_outputs({targets[lex.id]: texts[lex.id] for lex in lexicons})
    for lex in lexicons:
        print(
            f"wrote {targets[lex.id]}: {len(lex.virtue)} virtue, {len(lex.vice)} vice, "
            f"{len(lex.exclude)} exclude",
            file=sys.stderr,
        )
    return list(targets.values())


# -- export ---------------------------------------------------------------------------------------


@lexicons_app.command("export")
def export_command(
    values: Annotated[
        list[str] | None,
        typer.Argument(metavar="[VALUE]...", help="Values to export (default: all)."),
    ] = None,
    target_format: Annotated[
        ForeignFormat, typer.Option("--to", help="dic (LIWC-style) or quanteda (YAML).")
    ] = ForeignFormat.dic,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    rhetor_categories: Annotated[
        bool,
        typer.Option(
            "--rhetor-categories",
            help="Keep excludes and part-of-speech limited terms as categories of their own "
            "(V.exclude, V.virtue.ADJ), for a trip back into rhetor. Without it they are "
            "left out, each named in a warning: another tool would count them as ordinary "
            "entries.",
        ),
    ] = False,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
) -> None:
    """Write values as a LIWC-style .dic or a quanteda dictionary."""

    def run() -> None:
        from rhetor.io.output import refuse_input_as_output
        from rhetor.lexicon.files import lexicon_files

        lexicons = _load(lexicon, no_default_lexicons)  # a missing path is reported here
        refuse_input_as_output(output, [f for given in lexicon or () for f in lexicon_files(given)])
        export(
            lexicons,
            values or [],
            target_format,
            output,
            rhetor_categories=rhetor_categories,
        )

    run_guarded(run)


def export(
    lexicons,
    values: list[str],
    target_format: ForeignFormat,
    output: Path | None,
    *,
    rhetor_categories: bool = False,
) -> None:
    from rhetor.lexicon.interop import export_dic, export_quanteda, left_out

    chosen = [find_value(lexicons, v) for v in values] if values else list(lexicons.lexicons)
    render = export_dic if target_format is ForeignFormat.dic else export_quanteda
    text = render(chosen, rhetor_categories=rhetor_categories)
    dropped: dict[str, list] = {}
    for entry in left_out(chosen, rhetor_categories=rhetor_categories):
        dropped.setdefault(entry.value, []).append(entry)
    for value, entries in dropped.items():
        excludes = [str(e) for e in entries if e.kind == "exclude"]
        limited = [str(e) for e in entries if e.kind != "exclude"]
        parts = []
        if excludes:
            parts.append(f"{len(excludes)} exclude phrases ({', '.join(excludes)})")
        if limited:
            parts.append(f"{len(limited)} part-of-speech limited terms ({', '.join(limited)})")
        warn(
            f"{value}: left out of the {target_format.value} file, which cannot limit a term "
            f"to a part of speech or exclude a phrase: {'; '.join(parts)}. "
            "Use --rhetor-categories to keep them for rhetor"
        )
    if rhetor_categories:
        warn(
            "--rhetor-categories: the .exclude and part-of-speech categories are rhetor's; "
            "another tool counts their entries as words of those categories"
        )
    with_lemmas = [lex.id for lex in chosen if lex.lemmas]
    if with_lemmas:
        warn(
            f"{', '.join(with_lemmas)}: {target_format.value} files cannot say that terms "
            "match through lemmas; import with --lemmas to keep rhetor's matching"
        )
    with_senses = [
        lex.id
        for lex in chosen
        if lex.forms != "none" or lex.names == "skip" or any(t.unless for _, t in lex.terms())
    ]
    if with_senses:
        warn(
            f"{', '.join(with_senses)}: {target_format.value} files cannot hold word forms, "
            "sense conditions (unless) or the rule for names; they are left out"
        )
    write_output(text, output)

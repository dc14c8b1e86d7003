"""``rhetor.batch``: the ``rhetor batch`` command as a Python function.

Keyword arguments mirror the command's options; records come back as the same
dicts a JSONL line holds. Writing a file is optional (``output=``). Errors a user
can cause raise :class:`rhetor.errors.RhetorError` subclasses; a document that
cannot be read is an error record, as in the command's output.

Nothing heavy is imported here: spaCy loads when the first document is parsed.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rhetor.errors import ConfigError

Record = dict[str, Any]
PathLike = str | os.PathLike
SidesArg = Mapping[str, Sequence[str] | str] | Sequence[str] | str | None


def analyse_options(
    *,
    sides: SidesArg = None,
    sides_file: PathLike | None = None,
    lexicons: Sequence[PathLike] | PathLike | None = None,
    no_default_lexicons: bool = False,
    model: str | None = None,
    cache: PathLike | None = None,
    counts: bool = False,
    government: Sequence[str] | str | None = None,
    min_confidence: float | None = None,
    author: str | None = None,
    parse_all: bool = False,
):
    """The :class:`~rhetor.options.AnalyseOptions` for the options the commands share
    (``--side``, ``--sides``, ``--lexicon``, ``--no-default-lexicons``, ``--model``,
    ``--cache``, ``--counts``, ``--government``, ``--min-confidence``, ``--author``,
    ``--parse-all``), checked as the command line checks them: the command line builds
    its options here too.

    ``sides``: a mapping of side name to aliases (``{"labour": ["we", "Labour"]}``), or
    ``--side`` strings (``["labour=we,Labour"]``); merged with ``sides_file``.
    ``government``: side names, or one ``"SIDE[,SIDE]"`` string.

    Example:
        >>> analyse_options(sides={"labour": ["we"]}, model="blank:en").sides
        (('labour', ('we',)),)
    """
    from rhetor.options import AnalyseOptions

    given = given_sides(sides, sides_file)
    if counts and given:
        raise ConfigError("--counts reports no sides: leave out --side and --sides")
    if counts and cache:
        raise ConfigError("--counts parses nothing, so there is nothing to --cache")
    if author is not None:  # --author SIDE: a side's id, label or code
        from rhetor.api import author_side
        from rhetor.attribution.sides import side_names

        if counts:
            raise ConfigError("--counts reports no sides, so no --author")
        names = side_names(given, sides_file) if given else None
        author = author_side(given, author, "--author", names)
    return AnalyseOptions(
        model=model,
        lexicons=tuple(str(p) for p in _paths(lexicons)),
        builtin_lexicons=not no_default_lexicons,
        sides=AnalyseOptions.freeze_sides(given),
        cache=os.fspath(cache) if cache else None,
        counts=counts,
        min_confidence=min_confidence,
        government=_government(government),
        author=author,
        parse_all=parse_all,
    )


def _government(given: Sequence[str] | str | None) -> tuple[str, ...]:
    """``--government SIDE[,SIDE]`` as side names: a string of names or a sequence."""
    if not given:
        return ()
    items = given.split(",") if isinstance(given, str) else [str(g) for g in given]
    return tuple(g.strip() for g in items if g.strip())


def given_sides(sides: SidesArg, sides_file: PathLike | None) -> dict[str, list[str]]:
    """The sides of a sides file and of ``sides`` (a mapping or ``--side`` strings),
    merged and checked (empty: none given)."""
    from rhetor.attribution.sides import build_sides, load_sides_file, merge_side_options

    given: dict[str, list[str]] = {}
    if sides_file:
        given.update(load_sides_file(sides_file))
    if isinstance(sides, Mapping):
        extra = {}
        for name, aliases in sides.items():
            extra[str(name)] = [aliases] if isinstance(aliases, str) else [*aliases]
    else:
        extra = merge_side_options([sides] if isinstance(sides, str) else (sides or ()))
    for name, aliases in extra.items():
        given.setdefault(name, []).extend(aliases)
    if given:
        build_sides(given)  # validate now, so errors name the options, not a later stage
    return given


def _paths(given: Sequence[PathLike] | PathLike | None) -> list[PathLike]:
    if given is None:
        return []
    if isinstance(given, str | os.PathLike):
        return [given]
    return list(given)


def batch(
    paths_or_texts: Iterable[PathLike] | Mapping[str, str] | PathLike | None = None,
    *,
    table: PathLike | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    author_from: str | None = None,
    government: Sequence[str] | str | None = None,
    glob: str = "*.txt",
    recursive: bool = False,
    output: PathLike | None = None,
    format: str = "jsonl",  # the command's --format
    jobs: int | None = 1,
    resume: bool = False,
    force: bool = False,
    scheduler: str | None = None,
    paths_on_workers: bool = False,
    meta: PathLike | None = None,
    name_pattern: str | None = None,
    sides: SidesArg = None,
    sides_file: PathLike | None = None,
    lexicons: Sequence[PathLike] | PathLike | None = None,
    no_default_lexicons: bool = False,
    model: str | None = None,
    counts: bool = False,
    cache: PathLike | None = None,
) -> list[Record]:
    """Score many documents: one record per document, as ``rhetor batch`` writes them.

    ``paths_or_texts``: files and folders (a folder gives its files matching ``glob``,
    with ``recursive`` its subfolders' too; a ParlaMint sitting, a ``.txt`` file beside
    its ``-meta.tsv``, gives one record per utterance), or a mapping of source name to
    text for texts held in memory. A string is always a path, never a text. ``table``:
    instead, a CSV, TSV or JSONL file with one document a row, the text in
    ``text_column`` (default ``text``), the id (the record's source) in ``id_column``
    (default ``id`` when present, else the row number), every other column metadata.

    ``author_from``: a metadata field whose value names each document's side, the one
    that says "we" (a side's id, ``label:`` or ``codes:`` in ``sides_file``, ignoring
    case); a value that no side names is a :class:`~rhetor.errors.ConfigError`.
    ``government``: in debate, the sides that govern (``["conservatives"]``, or
    ``"SIDE[,SIDE]"``; the first holds "the Government", "the Minister"); without it,
    each utterance of a ParlaMint sitting is spoken under its Coalition parties, mapped
    to the sides as ``author_from`` maps values (see :mod:`rhetor.batching.authors`).

    Returns the records in input order (with ``scheduler``, in completion order): the
    dicts of the JSONL output, each with ``source``, ``stats``, ``values``, ``sides``,
    ``claims``, ``sha256``, ``settings``, ``warnings`` and ``error`` (and ``meta`` with
    ``meta=`` or ``name_pattern=``). A document that cannot be read is a record with
    ``error`` set, not an exception. ``output``: also write the records to this file in
    ``format`` (jsonl, csv, json or claims); an existing file needs ``resume`` (score
    only what it lacks; the records returned are the new ones) or ``force``.

    ``jobs``: worker processes (None: one per core, as the command does; more than one
    starts processes, so call it under ``if __name__ == "__main__":`` in a script).
    The other options are those of ``rhetor batch --help``; ``sides`` takes a mapping
    of side name to aliases, or ``--side`` strings (``"labour=we,Labour"``).

    Batch-wide notices (a folder with no matching file, documents without metadata)
    are Python warnings; a record's own warnings are in its ``warnings`` list.

    Example:
        >>> import rhetor
        >>> records = rhetor.batch(
        ...     {"a": "We stand for fairness.", "b": "They attack our solidarity."},
        ...     sides={"us": ["we", "our"], "them": ["they"]},
        ... )
        >>> [(r["source"], [c["value"] for c in r["claims"]]) for r in records]
        [('a', ['fairness']), ('b', ['solidarity'])]
    """
    from rhetor.batching.command import BatchOptions
    from rhetor.batching.command import batch as run_batch
    from rhetor.batching.writers import BatchFormat

    try:
        chosen = BatchFormat(str(format).lower())
    except ValueError:
        raise ConfigError(f"format {format!r}: choose jsonl, csv, json or claims") from None
    if scheduler and jobs and jobs != 1:
        raise ConfigError("jobs is for local runs; with a scheduler, size the cluster")
    if jobs is not None and jobs < 1:
        raise ConfigError(f"jobs {jobs}: give 1 or more")
    texts = _texts(paths_or_texts)
    paths = () if texts is not None else tuple(os.fspath(p) for p in _paths(paths_or_texts))
    table_path = Path(table) if table is not None else None
    out = Path(output) if output is not None else None
    meta_path = Path(meta) if meta is not None else None
    from rhetor.io.output import refuse_input_as_output

    refuse_input_as_output(out, [Path(p) for p in (sides_file, meta_path) if p])
    chosen_options = analyse_options(
        sides=sides,
        sides_file=sides_file,
        lexicons=lexicons,
        no_default_lexicons=no_default_lexicons,
        model=model,
        cache=cache,
        counts=counts,
        government=government,
    )
    options = BatchOptions(
        paths=paths,
        glob=glob,
        recursive=recursive,
        fmt=chosen,
        output=out,
        jobs=jobs or os.cpu_count() or 1,
        resume=resume,
        force=force,
        quiet=True,
        scheduler=scheduler or None,
        paths_on_workers=paths_on_workers,
        meta=meta_path,
        name_pattern=name_pattern,
        to_stdout=False,
        table=table_path,
        text_column=text_column,
        id_column=id_column,
        author_from=author_from,
        side_names=_names(chosen_options, sides_file),
    )
    records: list[Record] = []
    run_batch(
        options,
        chosen_options,
        warn=_warn,
        texts=texts,
        on_record=records.append,
        record_messages=False,
    )
    return records


def _names(options, sides_file):
    """The names --author-from and a sitting's government map values with: side ids,
    and a sides file's labels and codes."""
    if not options.sides:
        return None
    from rhetor.attribution.sides import side_names

    return side_names(dict(options.sides), sides_file)


def _texts(given) -> list[tuple[str, str]] | None:
    """(name, text) pairs when ``given`` is a mapping of texts; None for paths."""
    from rhetor.errors import InputError

    if given is None or not isinstance(given, Mapping):
        return None
    texts = []
    for name, text in given.items():
        if not isinstance(text, str):
            raise InputError(f"{name}: a text must be a str, not {type(text).__name__}")
        texts.append((str(name), text))
    if not texts:
        raise InputError("no documents to score")
    return texts


def _warn(message: str) -> None:
    warnings.warn(f"rhetor: {message}", UserWarning, stacklevel=4)

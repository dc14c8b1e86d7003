"""``rhetor.compare``, ``rhetor.trends`` and ``rhetor.network``: the corpus commands as
Python functions.

Each takes batch records, as files (``.jsonl``, ``.json``, per-document ``.csv``) or
as the record dicts :func:`rhetor.batch` returns, with keyword arguments that mirror
the command's options. Each returns plain data: what the command prints with
``--json`` (network: nodes and edges), or with ``rows=True`` the tidy rows it prints
with ``--csv``. Errors a user can cause raise :class:`rhetor.errors.RhetorError`
subclasses.

The ``*_result`` functions return the objects the commands format (a
:class:`~rhetor.corpus.compare.Comparison`, a :class:`~rhetor.corpus.trends.Trends`,
a list of :class:`~rhetor.corpus.network.Edge`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rhetor.corpus.inputs import (
    FilterArg,
    LabelArg,
    PathLike,
    Records,
    csv_values,
    load_documents,
    parse_labels,
    record_items,
)
from rhetor.errors import ConfigError

RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv")


# -- compare --------------------------------------------------------------------------------


def compare_result(
    inputs: Records | Mapping[str, Records],
    *,
    by: str | None = None,
    only: FilterArg = None,
    label: LabelArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    sides=None,
    sides_file: PathLike | None = None,
    model: str | None = None,
    correction: str = "williams",
    author_from: str | None = None,
):
    """The :class:`~rhetor.corpus.compare.Comparison` :func:`compare` returns as data."""
    from rhetor.corpus.authors import author_field
    from rhetor.corpus.compare import compare as compare_groups
    from rhetor.corpus.keyness import CORRECTIONS

    if correction not in CORRECTIONS:
        raise ConfigError(f"--correction {correction}: choose one of {', '.join(CORRECTIONS)}")

    groups = compare_groups_of(
        inputs,
        by=by,
        only=only,
        bin_width=bin_width,
        author_as=author_field(author_from, author_as),
        sides=sides,
        sides_file=sides_file,
        model=model,
    )
    labels = parse_labels(label)
    groups = {labels.get(name, name): docs for name, docs in groups.items()}
    return compare_groups(groups, correction=correction)


def compare(
    inputs: Records | Mapping[str, Records],
    *,
    by: str | None = None,
    only: FilterArg = None,
    label: LabelArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    sides=None,
    sides_file: PathLike | None = None,
    model: str | None = None,
    author_from: str | None = None,
    correction: str = "williams",
    rows: bool = False,
    table: str = "keyness",
) -> dict[str, Any] | list[dict[str, Any]]:
    """Compare groups of documents, as ``rhetor compare`` does: values and claims per
    side, rates per 1,000 words, the document-level view, and keyness (G² with Log
    Ratio) of each group against the rest.

    ``inputs``: text files (each analysed, each a group; ``sides``, ``sides_file`` and
    ``model`` apply to them), or batch records: record files (each file a group, or
    grouped with ``by``), record dicts from :func:`rhetor.batch` (grouped with ``by``),
    or a mapping of group name to records. ``only`` ({field: values} or
    ``"FIELD=A,B"``), ``label`` ({group: name} or ``"GROUP=TEXT"``), ``bin_width`` and
    ``author_from`` are the command's ``--only``, ``--label``, ``--bin`` and
    ``--author-from`` (``author_as``, its old name, still works); with records,
    ``sides_file`` gives the labels and codes ``author_from`` maps with;
    ``correction`` is ``--correction`` (``"williams"``, the default, ``"yates"`` or
    ``"none"``).

    Returns what ``rhetor compare --json`` prints: ``{"schema", "measure",
    "correction", "groups", "keyness", "values"}``, each group with ``documents``,
    ``words``, ``values`` ({value: {"mentions", "per_1000_words"}}) and ``sides``
    ({side: {stance: claims}}); ``keyness`` and ``values`` are the rows of those
    tables. With ``rows=True``, the rows of one tidy table, as ``--csv --table``
    prints it: ``table="keyness"`` (the default), ``"values"``, ``"claims"`` or
    ``"documents"``, with numbers as numbers and empty cells as None.

    Example:
        >>> import rhetor
        >>> records = rhetor.batch(
        ...     {"a": "We stand for fairness and fairness.", "b": "Solidarity matters."},
        ...     sides={"us": ["we"]},
        ... )
        >>> result = rhetor.compare({"a": records[:1], "b": records[1:]})
        >>> [(g["name"], g["values"]["fairness"]["mentions"]) for g in result["groups"]]
        [('a', 2), ('b', 0)]
    """
    from rhetor.corpus.compare import TABLES

    if table not in TABLES:
        raise ConfigError(f"--table {table}: choose one of {', '.join(TABLES)}")
    comparison = compare_result(
        inputs,
        by=by,
        only=only,
        label=label,
        bin_width=bin_width,
        author_as=author_as,
        author_from=author_from,
        sides=sides,
        sides_file=sides_file,
        model=model,
        correction=correction,
    )
    if rows:
        return csv_values(comparison.rows(table), comparison.columns(table))
    return comparison.to_dict()


def compare_groups_of(
    inputs,
    *,
    by=None,
    only=None,
    bin_width=None,
    author_as=None,
    sides=None,
    sides_file=None,
    model=None,
) -> dict[str, list]:
    """The groups ``rhetor compare`` compares, by group name (at least two)."""
    from rhetor.corpus.records import file_group_name, group_documents

    if isinstance(inputs, Mapping) and not _is_record(inputs):
        if by or bin_width:
            raise ConfigError("by and bin_width group records; give a list of records with by")
        _no_text_options(sides, model)
        groups = {
            str(name): load_documents(
                records, only=only, author_as=author_as, sides_file=sides_file
            )
            for name, records in inputs.items()
        }
        return _at_least_two(groups)
    items = record_items(inputs)
    _each_once([p for p in items if not isinstance(p, Mapping)])
    given_records = [p for p in items if _is_record(p) or _is_records_file(p)]
    if given_records and len(given_records) != len(items):
        raise ConfigError("give either text files or batch records, not both")
    if not given_records:
        if by or only or author_as or bin_width:
            raise ConfigError("--by, --only, --bin and --author-from work on batch records")
        from rhetor.batching.api import analyse_options
        from rhetor.corpus.records import analyse_documents

        paths = [os.fspath(p) for p in items]
        options = analyse_options(sides=sides, sides_file=sides_file, model=model)
        documents = analyse_documents(paths, options)
        groups = {file_group_name(p, paths): [d] for p, d in zip(paths, documents, strict=True)}
        return _at_least_two(groups)
    _no_text_options(sides, model)
    if by:
        documents = load_documents(items, only=only, author_as=author_as, sides_file=sides_file)
        groups = group_documents(documents, by, bin_width=bin_width)
    else:
        if bin_width:
            raise ConfigError("--bin needs --by")
        if any(_is_record(p) for p in items):
            raise ConfigError(
                "record dicts need by=FIELD to be grouped, or give a mapping of group "
                "name to records"
            )
        paths = [os.fspath(p) for p in items]
        groups = {
            file_group_name(p, paths): load_documents(
                [p], only=only, author_as=author_as, sides_file=sides_file
            )
            for p in paths
        }
    return _at_least_two(groups)


def _each_once(paths: Sequence[PathLike]) -> None:
    """Refuse a file given twice (by the same name or another): it would be compared
    with itself, or counted twice."""
    seen: dict[tuple, PathLike] = {}
    for path in paths:
        try:
            info = os.stat(path)
            key: tuple = (info.st_dev, info.st_ino)
        except (OSError, ValueError):
            key = (os.path.normpath(os.fspath(path)),)
        if key in seen:
            from rhetor.io.textio import shown

            first, again = shown(os.fspath(seen[key])), shown(os.fspath(path))
            same = (
                f"{again}: given twice" if first == again else f"{again}: the same file as {first}"
            )
            raise ConfigError(
                f"{same}; compare needs two different files (or one records file and --by FIELD)"
            )
        seen[key] = path


def _at_least_two(groups: dict[str, list]) -> dict[str, list]:
    if len(groups) < 2:
        raise ConfigError(f"compare needs two groups or more; found {', '.join(groups)}")
    return groups


def _no_text_options(sides, model) -> None:
    if sides or model:
        raise ConfigError("--side and --model apply to text files, not to records")


def _is_record(item) -> bool:
    return isinstance(item, Mapping) and "source" in item


def _is_records_file(item) -> bool:
    return not isinstance(item, Mapping) and Path(item).suffix.lower() in RECORD_SUFFIXES


# -- trends ---------------------------------------------------------------------------------


def trends_result(
    records: Records,
    *,
    by: str,
    group: str | None = None,
    value: Sequence[str] | str | None = None,
    plot: PathLike | None = None,
    title: str | None = None,
    only: FilterArg = None,
    label: LabelArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    author_from: str | None = None,
    sides_file: PathLike | None = None,
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
    free_y: bool = False,
    warn=None,
):
    """The :class:`~rhetor.corpus.trends.Trends` :func:`trends` returns as data (and the
    chart drawn, with ``plot``; ``warn`` is told what a crowded chart leaves out)."""
    from rhetor.corpus.trends import trends as find_trends

    records = record_items(records)  # a generator is read once
    if plot is not None:
        from rhetor.formats.charts import ChartSize, check_chart_target
        from rhetor.io.output import refuse_input_as_output

        check_chart_target(Path(plot))
        refuse_input_as_output(Path(plot), [r for r in records if not isinstance(r, Mapping)])
        size = ChartSize.checked(width, height, dpi)
    documents = load_documents(
        records, only=only, author_as=author_as, author_from=author_from, sides_file=sides_file
    )
    values = [value] if isinstance(value, str) else value
    try:
        found = find_trends(
            documents,
            by,
            group=group,
            values=values,
            bin_width=bin_width,
            labels=parse_labels(label),
        )
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if plot is not None:
        from rhetor.formats.charts import plot_trends

        plot_trends(found, Path(plot), title=title, size=size, free_y=free_y, warn=warn)
    return found


def trends(
    records: Records,
    *,
    by: str,
    group: str | None = None,
    value: Sequence[str] | str | None = None,
    plot: PathLike | None = None,
    title: str | None = None,
    only: FilterArg = None,
    label: LabelArg = None,
    bin_width: int | None = None,
    author_as: str | None = None,
    author_from: str | None = None,
    sides_file: PathLike | None = None,
    rows: bool = False,
    table: str = "values",
    width: float | None = None,
    height: float | None = None,
    dpi: int | None = None,
    free_y: bool = False,
) -> dict[str, Any] | list[dict[str, Any]]:
    """Rate per 1,000 words of each value (and of each side's stances) over a metadata
    field, as ``rhetor trends`` computes it: pooled per point (all mentions over all
    words), x in natural order.

    ``records``: record files or record dicts from :func:`rhetor.batch` (with
    metadata: ``meta=`` or ``name_pattern=``). ``by``: the field along x; ``group``:
    one series per value of this field; ``value``: only these values; ``plot``: also
    draw the chart to a .png, .svg or .pdf file (needs matplotlib), titled ``title``,
    ``width`` by ``height`` inches at ``dpi``, panels on one y-scale unless
    ``free_y`` (at most 24 values and 12 groups, the heaviest; a ``UserWarning`` names
    what was left out). ``only``, ``label``, ``bin_width``, ``author_from`` and
    ``sides_file`` are ``--only``, ``--label``, ``--bin``, ``--author-from``
    (``author_as``, its old name, still works) and ``--sides``.

    Returns what ``rhetor trends --json`` prints: ``{"schema", "by", "group", "bin",
    "interval", "values", "claims"}``: the rows of the two tidy tables, a row per (x,
    group, value) with ``documents``, ``words``, ``mentions``,
    ``documents_with_value``, ``per_1000_words`` and its 95% Wilson interval
    (``ci_low``, ``ci_high``), and a row per (x, group, side, stance) with
    ``claims``. With ``rows=True``, the rows of one table (``table="values"``, the
    default, or ``"claims"``), as ``--csv --table`` prints them.

    Example:
        >>> import rhetor
        >>> records = rhetor.batch(
        ...     {"1990_a.txt": "Fairness for all.", "2000_b.txt": "Solidarity."},
        ...     name_pattern="{year}_*.txt",
        ... )
        >>> points = rhetor.trends(records, by="year", value="fairness", rows=True)
        >>> [(p["x"], p["mentions"]) for p in points]
        [(1990, 1), (2000, 0)]
    """
    from rhetor.corpus.trends import TABLES

    if table not in TABLES:
        raise ConfigError(f"--table {table}: choose one of {', '.join(TABLES)}")
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
        author_as=author_as,
        author_from=author_from,
        sides_file=sides_file,
        width=width,
        height=height,
        dpi=dpi,
        free_y=free_y,
    )
    return found.rows(table) if rows else found.to_dict()


# -- network --------------------------------------------------------------------------------

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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rhetor.errors import ConfigError, InputError

PathLike = str | os.PathLike
Records = Iterable[PathLike | Mapping[str, Any]] | PathLike
FilterArg = Mapping[str, str | Sequence[str]] | Sequence[str] | str | None
LabelArg = Mapping[str, str] | Sequence[str] | str | None
RECORD_SUFFIXES = (".jsonl", ".json", ".ndjson", ".csv")


# -- reading records ------------------------------------------------------------------------


def load_documents(
    records: Records,
    *,
    only: FilterArg = None,
    author_as: str | None = None,
    author_from: str | None = None,
    sides_file: PathLike | None = None,
):
    """The scored documents of record files and record dicts, in order, as
    :class:`~rhetor.corpus.records.DocumentCounts`, filtered by ``only`` and with each
    document's "we" given to the side its ``author_from`` field names (``--only`` and
    ``--author-from``, whose old name ``author_as`` still works; see
    :mod:`rhetor.corpus.authors`; ``sides_file`` gives the sides' labels and codes)."""
    from rhetor.corpus.authors import author_field, give_author_claims
    from rhetor.corpus.records import from_record, keep_only, read_records

    items = _items(records)
    documents = []
    files: list[PathLike] = []

    def flush() -> None:
        if files:
            documents.extend(read_records(files))
            files.clear()

    for item in items:
        if isinstance(item, Mapping):
            flush()
            if not item.get("error"):
                documents.append(from_record(item))
        else:
            files.append(item)
    flush()
    if not documents:
        raise InputError("no scored documents in the records given")
    field_name = author_field(author_from, author_as)
    if field_name:
        give_author_claims(documents, field_name, sides_file)
    elif sides_file:
        raise ConfigError("--sides with records names the sides of --author-from; add it")
    filters = only_filters(only)
    return keep_only(documents, filters) if filters else documents


def _items(records: Records) -> list:
    if isinstance(records, str | os.PathLike | Mapping):
        return [records]
    items = list(records)
    if not items:
        raise ConfigError("give at least one records file or record")
    for item in items:
        if not isinstance(item, str | os.PathLike | Mapping):
            raise ConfigError(f"records: expected paths or record dicts, not {type(item).__name__}")
    return items


def only_filters(only: FilterArg) -> dict[str, set[str]]:
    """``only`` as {field: allowed values}: a mapping (``{"party": ["lab", "con"]}``) or
    ``--only`` strings (``"party=lab,con"``)."""
    from rhetor.corpus.records import parse_only

    if not only:
        return {}
    if isinstance(only, Mapping):
        chosen: dict[str, set[str]] = {}
        for name, values in only.items():
            values = [values] if isinstance(values, str) else values
            chosen.setdefault(str(name), set()).update(str(v) for v in values)
        return chosen
    return parse_only([only] if isinstance(only, str) else only)


def parse_labels(labels: LabelArg) -> dict[str, str]:
    """``labels`` as {group: shown name}: a mapping, or ``--label GROUP=TEXT`` strings."""
    if not labels:
        return {}
    if isinstance(labels, Mapping):
        return {str(k): str(v) for k, v in labels.items()}
    found = {}
    for text in [labels] if isinstance(labels, str) else labels:
        group, sep, label = text.partition("=")
        if not sep or not group.strip() or not label.strip():
            raise ConfigError(f"--label {text!r}: expected GROUP=TEXT")
        found[group.strip()] = label.strip()
    return found


def csv_values(rows: list[dict[str, Any]], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows with every column, blanks as None (the CSV writes them as empty cells)."""
    return [{c: (None if row.get(c, "") == "" else row[c]) for c in columns} for row in rows]


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
    author_from: str | None = None,
):
    """The :class:`~rhetor.corpus.compare.Comparison` :func:`compare` returns as data."""
    from rhetor.corpus.compare import compare as compare_groups

    groups = compare_groups_of(
        inputs,
        by=by,
        only=only,
        bin_width=bin_width,
        author_as=author_from or author_as,
        sides=sides,
        sides_file=sides_file,
        model=model,
    )
    labels = parse_labels(label)
    groups = {labels.get(name, name): docs for name, docs in groups.items()}
    return compare_groups(groups)


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
    rows: bool = False,
) -> dict[str, Any] | list[dict[str, Any]]:
    """Compare groups of documents, as ``rhetor compare`` does: values and claims per
    side, rates per 1,000 words, and keyness (G² with Log Ratio) of each group against
    the rest.

    ``inputs``: text files (each analysed, each a group; ``sides``, ``sides_file`` and
    ``model`` apply to them), or batch records: record files (each file a group, or
    grouped with ``by``), record dicts from :func:`rhetor.batch` (grouped with ``by``),
    or a mapping of group name to records. ``only`` ({field: values} or
    ``"FIELD=A,B"``), ``label`` ({group: name} or ``"GROUP=TEXT"``), ``bin_width`` and
    ``author_from`` are the command's ``--only``, ``--label``, ``--bin`` and
    ``--author-from`` (``author_as``, its old name, still works); with records,
    ``sides_file`` gives the labels and codes ``author_from`` maps with.

    Returns what ``rhetor compare --json`` prints: ``{"schema", "groups", "keyness"}``,
    each group with ``documents``, ``words``, ``values`` ({value: {"mentions",
    "per_1000_words"}}) and ``sides`` ({side: {stance: claims}}). With ``rows=True``,
    the tidy rows of ``--csv`` (one per group and value, then one per group, side,
    value and stance), with numbers as numbers and empty cells as None.

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
    comparison = compare_result(
        inputs,
        by=by,
        only=only,
        label=label,
        bin_width=bin_width,
        author_as=author_from or author_as,
        sides=sides,
        sides_file=sides_file,
        model=model,
    )
    if rows:
        found = comparison.csv_rows()
        for row in found:
            if row.get("p", "") != "":
                row["p"] = float(row["p"])
        return csv_values(found, comparison.CSV_COLUMNS)
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
    items = _items(inputs)
    record_items = [p for p in items if _is_record(p) or _is_records_file(p)]
    if record_items and len(record_items) != len(items):
        raise ConfigError("give either text files or batch records, not both")
    if not record_items:
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
):
    """The :class:`~rhetor.corpus.trends.Trends` :func:`trends` returns as data (and the
    chart drawn, with ``plot``)."""
    from rhetor.corpus.trends import trends as find_trends

    if plot is not None:
        from rhetor.formats.charts import check_chart_target

        check_chart_target(Path(plot))
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

        plot_trends(found, Path(plot), title=title)
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
) -> dict[str, Any] | list[dict[str, Any]]:
    """Rate per 1,000 words of each value (and of each side's stances) over a metadata
    field, as ``rhetor trends`` computes it: pooled per point (all mentions over all
    words), x in natural order.

    ``records``: record files or record dicts from :func:`rhetor.batch` (with
    metadata: ``meta=`` or ``name_pattern=``). ``by``: the field along x; ``group``:
    one series per value of this field; ``value``: only these values; ``plot``: also
    draw the chart to a .png or .svg file (needs matplotlib), titled ``title``.
    ``only``, ``label``, ``bin_width``, ``author_from`` and ``sides_file`` are
    ``--only``, ``--label``, ``--bin``, ``--author-from`` (``author_as``, its old name,
    still works) and ``--sides``.

    Returns what ``rhetor trends --json`` prints: ``{"schema", "by", "group", "bin",
    "points"}``, a point per (x, group, kind, series) with ``documents``, ``words``,
    ``count`` and ``per_1000_words``; with ``rows=True``, the points alone (the rows of
    ``--csv``).

    Example:
        >>> import rhetor
        >>> records = rhetor.batch(
        ...     {"1990_a.txt": "Fairness for all.", "2000_b.txt": "Solidarity."},
        ...     name_pattern="{year}_*.txt",
        ... )
        >>> points = rhetor.trends(records, by="year", value="fairness", rows=True)
        >>> [(p["x"], p["count"]) for p in points if p["kind"] == "value"]
        [('1990', 1), ('2000', 0)]
    """
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
    )
    return found.csv_rows() if rows else found.to_dict()


# -- network --------------------------------------------------------------------------------

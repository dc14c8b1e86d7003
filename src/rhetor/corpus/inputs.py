"""What the corpus views take, read the same way by :mod:`rhetor.corpus.api` (compare,
trends) and :mod:`rhetor.corpus.network_api`: records (files or the dicts
:func:`rhetor.batch` returns) read into documents with ``--only`` and
``--author-from`` applied, ``--label`` names, and the rows ``rows=True`` returns.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rhetor.errors import ConfigError, InputError

PathLike = str | os.PathLike
Records = Iterable[PathLike | Mapping[str, Any]] | PathLike
FilterArg = Mapping[str, str | Sequence[str]] | Sequence[str] | str | None
LabelArg = Mapping[str, str] | Sequence[str] | str | None


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

    items = record_items(records)
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


def record_items(records: Records) -> list:
    """``records`` as a list of paths and record dicts (a generator is read once)."""
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

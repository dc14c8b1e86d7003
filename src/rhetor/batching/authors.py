"""``--author-from FIELD``: each document's "we" goes to the side its metadata names.

The value of FIELD names a given side by the side's id, its ``label:`` or one of its
``codes:`` in the sides file, ignoring case
(:class:`rhetor.attribution.sides.SideNames`). Every document's value is checked
before anything is scored: a value that names no side is an error that lists the
unknown values, and nothing is made up for them. A document with no value (an empty
cell, or ParlaMint's ``-``) keeps the sides' own "we" (the side that lists it, else
``author``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rhetor.attribution.sides import NO_VALUE, SideNames
from rhetor.errors import ConfigError

SHOWN_VALUES = 10  # unknown values named in the error, then a count
SHOWN_CHARS = 40


@dataclass(frozen=True)
class AuthorFrom:
    """The metadata field that names each document's side, and the names of the sides."""

    field: str
    names: SideNames

    def value_of(self, fields: Mapping[str, Any]) -> str | None:
        """The document's value of the field; None when it has none."""
        return value_text(fields.get(self.field))

    def side_for(self, fields: Mapping[str, Any]) -> str | None:
        """The side the document's value names (None: no value, or a value no side has)."""
        value = self.value_of(fields)
        return None if value is None else self.names.side_for(value)


def value_text(value: Any) -> str | None:
    """A metadata value as text; None for no value (empty, or ParlaMint's ``-``)."""
    if value is None:
        return None
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value).strip()
    return None if text in NO_VALUE else text


def check_authors(
    author_from: AuthorFrom,
    fields_of_documents: Iterable[Mapping[str, Any]],
    known_fields: Iterable[str],
    default_author: str,
) -> list[str]:
    """Check every document's value before anything is scored; returns notes for the
    run summary (documents with no value). A field no document has, or values that name
    no side, are a :class:`ConfigError`."""
    name = author_from.field
    known = list(dict.fromkeys(known_fields))
    if name not in known:
        hint = f"fields: {', '.join(known)}" if known else "the documents have no metadata"
        raise ConfigError(f"--author-from {name}: no such metadata field ({hint})")
    unknown: Counter = Counter()
    empty = total = 0
    for fields in fields_of_documents:
        total += 1
        value = author_from.value_of(fields)
        if value is None:
            empty += 1
        elif author_from.names.side_for(value) is None:
            unknown[value] += 1
    if unknown:
        raise ConfigError(unknown_message(name, unknown, author_from.names))
    if empty:
        return [
            f"--author-from {name}: {empty} of {total} documents have no {name}; "
            f"their 'we' stays with {default_author!r}"
        ]
    return []


def unknown_message(
    option_field: str, unknown: Counter, names: SideNames, where: str = "the sides file"
) -> str:
    def show(value: str) -> str:
        short = value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
        count = unknown[value]
        return f"{short!r} ({count} document{'s' if count != 1 else ''})"

    listed = [show(v) for v, _ in unknown.most_common(SHOWN_VALUES)]
    if len(unknown) > SHOWN_VALUES:
        listed.append(f"and {len(unknown) - SHOWN_VALUES} more")
    return (
        f"--author-from {option_field}: no side is named by {', '.join(listed)}; "
        f"list them under a side's codes: in {where} (sides: {names.describe()})"
    )

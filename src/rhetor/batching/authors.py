"""Each document's sides from its metadata: whose "we" it is (``--author-from FIELD``)
and, in a ParlaMint sitting, who governs as it is spoken.

The value of FIELD names a given side by the side's id, its ``label:`` or one of its
``codes:`` in the sides file, ignoring case
(:class:`rhetor.attribution.sides.SideNames`). Every document's value is checked
before anything is scored: a value that names no side is an error that lists the
unknown values, and nothing is made up for them. A document with no value (an empty
cell, or ParlaMint's ``-``) keeps the sides' own "we" (the side that lists it, else
``author``).

The government works the same way. ``--government SIDE[,SIDE]`` names it for the whole
batch; without it, each utterance of a ParlaMint sitting is spoken under the parties
its metadata lists as ``government`` (those whose ``Party_status`` is ``Coalition``),
mapped to the given sides as ``--author-from`` maps values, the first holding "the
Government" and the other titles (:mod:`rhetor.attribution.parliament`). A party no
side names is the same error, before anything is scored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rhetor.attribution.sides import NO_VALUE, SideNames
from rhetor.errors import ConfigError
from rhetor.options import AnalyseOptions

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


@dataclass(frozen=True)
class GovernmentFrom:
    """The metadata field that lists the parties governing as each document is spoken
    (ParlaMint's ``government``), and the names of the sides."""

    field: str
    names: SideNames

    def values_of(self, fields: Mapping[str, Any]) -> tuple[str, ...]:
        """The parties the document's field lists (a list, or text joined by ';')."""
        value = fields.get(self.field)
        if value is None:
            return ()
        items = value if isinstance(value, list | tuple) else str(value).split(";")
        found = (str(item).strip() for item in items)
        return tuple(dict.fromkeys(v for v in found if v not in NO_VALUE))

    def sides_for(self, fields: Mapping[str, Any]) -> tuple[str, ...] | None:
        """The sides that govern, in the field's order (None: it lists nobody)."""
        sides = [self.names.side_for(value) for value in self.values_of(fields)]
        return tuple(dict.fromkeys(s for s in sides if s is not None)) or None


def value_text(value: Any) -> str | None:
    """A metadata value as text; None for no value (empty, or ParlaMint's ``-``)."""
    if value is None:
        return None
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value).strip()
    return None if text in NO_VALUE else text


def author_from_option(
    field: str | None, options: AnalyseOptions, names: SideNames | None = None
) -> AuthorFrom | None:
    """``--author-from FIELD`` checked against the analysis options; ``names``: the
    side names it maps with (None: the given sides' ids)."""
    if not field:
        return None
    if options.counts:
        raise ConfigError("--counts reports no sides, so no --author-from")
    if not options.sides:
        raise ConfigError(
            f"--author-from {field}: name the sides its values can be "
            "(--sides FILE, whose sides may list codes:, or --side)"
        )
    return AuthorFrom(field, names or SideNames.build(dict(options.sides)))


def government_from_metadata(
    field: str | None, options: AnalyseOptions, names: SideNames | None = None
) -> GovernmentFrom | None:
    """Each document's government from its metadata ``field`` (None: the documents
    bring none): only with given sides, and not when ``--government`` names it."""
    if not field or options.government or options.counts or not options.sides:
        return None
    return GovernmentFrom(field, names or SideNames.build(dict(options.sides)))


def check_government(options: AnalyseOptions) -> AnalyseOptions:
    """``options`` with ``--government`` checked (given sides, each named by its id,
    ignoring case) and written as the sides' ids, so that ``Tories`` and ``tories`` are
    one setting."""
    if not options.government:
        return options
    if options.counts:
        raise ConfigError("--counts reports no sides, so no --government")
    if not options.sides:
        raise ConfigError("--government names sides: give them with --side or --sides")
    from dataclasses import replace

    from rhetor.attribution.parliament import government_sides

    ids = government_sides(dict(options.sides), options.government)
    return replace(options, government=tuple(dict.fromkeys(ids)))


def default_author(options: AnalyseOptions) -> str:
    """The side that says "we" in a document whose metadata names none."""
    from rhetor.attribution.sides import build_sides

    return build_sides(dict(options.sides or {}), options.author).author


def check_document_sides(
    fields_of_documents: Iterable[Mapping[str, Any]],
    known_fields: Iterable[str],
    default: str,
    *,
    author_from: AuthorFrom | None = None,
    government_from: GovernmentFrom | None = None,
) -> list[str]:
    """Check every document's values before anything is scored; returns notes for the
    run summary (documents with no author). A field no document has, or values that
    name no side, are a :class:`ConfigError`."""
    known = list(dict.fromkeys(known_fields))
    if author_from is not None and author_from.field not in known:
        hint = f"fields: {', '.join(known)}" if known else "the documents have no metadata"
        raise ConfigError(f"--author-from {author_from.field}: no such metadata field ({hint})")
    unknown: Counter = Counter()
    unknown_government: Counter = Counter()
    empty = total = 0
    for fields in fields_of_documents:
        total += 1
        if government_from is not None:
            for party in government_from.values_of(fields):
                if government_from.names.side_for(party) is None:
                    unknown_government[party] += 1
        if author_from is None:
            continue
        value = author_from.value_of(fields)
        if value is None:
            empty += 1
        elif author_from.names.side_for(value) is None:
            unknown[value] += 1
    if unknown:
        raise ConfigError(unknown_message(author_from.field, unknown, author_from.names))
    if unknown_government:
        lead = (
            f"the government of the ParlaMint sittings ({government_from.field}: the "
            "parties whose Party_status is Coalition)"
        )
        where = "the sides file, or name the government with --government"
        message = unknown_message(
            government_from.field, unknown_government, government_from.names, where, lead=lead
        )
        raise ConfigError(message)
    if empty:
        name = author_from.field
        return [
            f"--author-from {name}: {empty} of {total} documents have no {name}; "
            f"their 'we' stays with {default!r}"
        ]
    return []


def unknown_message(
    option_field: str,
    unknown: Counter,
    names: SideNames,
    where: str = "the sides file",
    *,
    lead: str | None = None,
) -> str:
    """The one-line error for metadata values that name no side: ``lead`` (default:
    ``--author-from FIELD``), the values with their counts, and the sides."""

    def show(value: str) -> str:
        short = value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
        count = unknown[value]
        return f"{short!r} ({count} document{'s' if count != 1 else ''})"

    listed = [show(v) for v, _ in unknown.most_common(SHOWN_VALUES)]
    if len(unknown) > SHOWN_VALUES:
        listed.append(f"and {len(unknown) - SHOWN_VALUES} more")
    return (
        f"{lead or f'--author-from {option_field}'}: no side is named by {', '.join(listed)}; "
        f"list them under a side's codes: in {where} (sides: {names.describe()})"
    )

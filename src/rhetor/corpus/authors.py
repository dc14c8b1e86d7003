"""``--author-from FIELD`` in the corpus views (compare, trends, network): each
document's "we" counts for the side its metadata names.

The mapping is batch's (:mod:`rhetor.batching.authors`): a value names a side by its id
(any side of the records), or by its ``label:`` or one of its ``codes:`` in the sides
file given with ``--sides``, ignoring case, so ``Lab``, ``labour`` and ``51320`` are one
side and one network node. Records scored with ``rhetor batch --author-from`` already
give their "we" to the party: they have no ``author`` claims to move. A document whose
"we" is still the built-in ``author`` side moves its claims to the side its value
names; a value that names no side is an error listing the unknown values (nothing is
made up). With sides found in the text there is no list of sides to name, and the
side is called after the value itself (``d``, ``r``), as ``--author-as`` always did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from os import PathLike

from rhetor.corpus.records import AUTHOR, DocumentCounts, check_field
from rhetor.errors import ConfigError


def author_field(author_from: str | None, author_as: str | None) -> str | None:
    """The field of ``--author-from``, or of its old name ``--author-as``."""
    if author_from and author_as and author_from != author_as:
        raise ConfigError("--author-from and --author-as are one option: give it once")
    return author_from or author_as or None


def give_author_claims(
    documents: Sequence[DocumentCounts],
    field_name: str,
    sides_file: str | PathLike | None = None,
    option: str = "--author-from",
) -> None:
    """Move each document's ``author`` claims to the side its ``field_name`` names."""
    from rhetor.attribution.sides import SideNames, parse_sides_file
    from rhetor.batching.authors import unknown_message, value_text

    check_field(documents, field_name, option)
    ids: dict[str, None] = {}
    labels, codes = {}, {}
    if sides_file:
        parsed = parse_sides_file(sides_file)
        ids.update(dict.fromkeys(parsed.aliases))
        labels = {k: v.label for k, v in parsed.styles.items() if v.label}
        codes = parsed.codes
    for doc in documents:
        if doc.sides_given:
            ids.update(dict.fromkeys(s for s in doc.side_ids if s != AUTHOR))
            ids.update(dict.fromkeys(s for s, _, _ in doc.claims if s != AUTHOR))
    names = SideNames.build(ids, labels, codes)
    owners: list[str | None] = []
    unknown: Counter = Counter()
    for doc in documents:
        value = value_text(doc.meta.get(field_name))
        owner = None
        if value is not None:
            owner = names.side_for(value) if doc.sides_given else value
            moving = any(side == AUTHOR for side, _, _ in doc.claims)
            if owner is None and moving:
                unknown[value] += 1
        owners.append(owner)
    if unknown:
        where = "the sides file" if sides_file else "a sides file given with --sides"
        message = unknown_message(field_name, unknown, names, where)
        raise ConfigError(message.replace("--author-from", option, 1))
    for doc, owner in zip(documents, owners, strict=True):
        if owner is None:
            continue
        moved: Counter = Counter()
        for (side, value, stance), n in doc.claims.items():
            moved[(owner if side == AUTHOR else side, value, stance)] += n
        doc.claims = moved
        doc.author = owner

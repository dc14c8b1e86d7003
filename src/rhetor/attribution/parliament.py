"""Sides in debate: the government and a member's own party, named as parliament names them.

In a parliament the sides are seldom named by party. "The Government", "the Minister"
and "the Secretary of State" are the governing side; "my hon. Friend" is the speaker's
own party. :func:`debate_sides` adds those names (the ``parliament`` section of the cue
words) to the sides given: the government's titles to the first side named by
``--government``, a member's names for their own party to the author's side (the side
that lists "we"). Only token text is read: no spaCy import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rhetor.attribution.cueschema import Parliament
from rhetor.errors import ConfigError


def debate_sides(
    sides: Mapping[str, Sequence[str]],
    government: Sequence[str],
    words: Parliament,
    first_person: Sequence[str] = ("we", "us", "our"),
    *,
    author: str | None = None,
) -> dict[str, list[str]]:
    """The sides with parliament's names for the government and the author's side added.

    ``government``: side names, the first of which holds the government's titles (the
    senior partner of a coalition). A name that is no side is a :class:`ConfigError`.
    ``author``: the side the speaker belongs to (``--author``, ``--author-from``), which
    a member calls "my hon. Friend"; None: the side that lists "we"."""
    out = {name: list(aliases) for name, aliases in sides.items()}
    if government:
        _add(out[government_sides(out, government)[0]], words.government_titles)
    if author is not None:
        author = _find(out, author)
    else:
        lowered = {f.lower() for f in first_person}
        author = next(
            (name for name, aliases in out.items() if lowered & {a.lower() for a in aliases}),
            None,
        )
    if author is not None:
        _add(out[author], words.own_side_titles)
    return out


def government_sides(sides: Mapping[str, Sequence[str]], government: Sequence[str]) -> list[str]:
    """The ids of the sides ``government`` names (ignoring case), in its order; a name
    that is no side is a :class:`ConfigError`."""
    unknown = [g for g in government if _find(sides, g) is None]
    if unknown:
        raise ConfigError(
            f"--government names no side: {', '.join(unknown)} (the sides are {', '.join(sides)})"
        )
    return [_find(sides, g) for g in government]


def _find(sides: Mapping[str, Sequence[str]], name: str) -> str | None:
    """The side called ``name``, ignoring case."""
    return next((s for s in sides if s.lower() == name.strip().lower()), None)


def _add(aliases: list[str], titles: Sequence[str]) -> None:
    have = {a.lower() for a in aliases}
    aliases.extend(t for t in titles if t.lower() not in have)

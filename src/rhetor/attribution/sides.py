"""Sides of an argument: who can hold a value.

Sides are given (``--side NAME=ALIAS,...``, ``--sides FILE.yaml``, or the
``sides`` argument of :func:`rhetor.analyse`) or found in the text
(:mod:`rhetor.attribution.autosides`). First-person plural forms always belong to one
side: the side a document's metadata names (``--author-from``, ``--author``), else the
given side that lists any of them, else the built-in ``author``.

A side in a sides file may list ``codes:``, the metadata values that name it
(``labour: {aliases: [Labour], codes: [Lab, LAB, 51320]}``); its id and its ``label:``
name it too, ignoring case (:class:`SideNames`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rhetor.errors import SidesError
from rhetor.lexicon.model import normalise

AUTHOR = "author"
_SIDE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class SideSpec:
    """A side and the words that name it."""

    id: str
    aliases: tuple[str, ...]
    label: str = ""
    auto: bool = False

    @property
    def display(self) -> str:
        return self.label or self.id


@dataclass(frozen=True)
class Sides:
    """The sides in force; exactly one of them is the author's."""

    specs: tuple[SideSpec, ...]
    author: str

    def get(self, side_id: str) -> SideSpec | None:
        return next((s for s in self.specs if s.id == side_id), None)


def first_person_plural() -> tuple[str, ...]:
    """The forms of "we" (``english.first_person_plural`` in the built-in cues)."""
    from rhetor.attribution.cues import builtin_cues

    return builtin_cues().english.first_person_plural


def build_sides(
    given: Mapping[str, Iterable[str]],
    author: str | None = None,
    *,
    first_person: Iterable[str] | None = None,
) -> Sides:
    """Validate given sides and attach the first-person plural (``first_person``, by
    default the built-in forms of "we") to one of them: to ``author`` when given (a side
    id; the forms move there from any side that lists them), else to the side that
    lists them, else to a built-in ``author`` side."""
    we = tuple(first_person) if first_person is not None else first_person_plural()
    if author is not None:
        return _with_author(build_sides(given, first_person=we), author, we)
    specs: list[SideSpec] = []
    owner_of: dict[str, str] = {}
    for side_id, aliases in given.items():
        if not _SIDE_ID.match(side_id or ""):
            raise SidesError(
                f"side name {side_id!r} is not a valid name "
                "(letters, digits, '_' or '-', not starting with a digit)"
            )
        cleaned = []
        for alias in aliases:
            alias = str(alias).strip()
            if not normalise(alias):
                raise SidesError(f"side {side_id!r} has an empty alias")
            key = normalise(alias)
            if key in owner_of and owner_of[key] != side_id:
                raise SidesError(
                    f"alias {alias!r} is given to both {owner_of[key]!r} and {side_id!r}"
                )
            owner_of[key] = side_id
            cleaned.append(alias)
        if not cleaned:
            raise SidesError(f"side {side_id!r} has no aliases")
        specs.append(SideSpec(side_id, tuple(dict.fromkeys(cleaned)), label=side_id))
    owners = {owner_of[w] for w in we if w in owner_of}
    if len(owners) > 1:
        raise SidesError(
            f"first-person plural forms are split between sides "
            f"{', '.join(sorted(owners))}; give them to one side"
        )
    if owners:
        author = owners.pop()
        specs = [_with_first_person(s, we) if s.id == author else s for s in specs]
    else:
        author = AUTHOR
        if any(s.id == AUTHOR for s in specs):
            raise SidesError("a side named 'author' must list we/us/our")
        specs.append(SideSpec(AUTHOR, we, label=AUTHOR))
    return Sides(tuple(specs), author)


def _with_author(sides: Sides, author: str, we: tuple[str, ...]) -> Sides:
    """``sides`` with the first-person plural ``we`` held by ``author`` (and no built-in
    ``author`` side unless it is the one named)."""
    if author == sides.author:
        return sides
    if sides.get(author) is None:
        known = ", ".join(s.id for s in sides.specs if s.id != AUTHOR or sides.author != AUTHOR)
        raise SidesError(f"no side {author!r} to hold we/us/our (sides: {known})")
    forms = {normalise(w) for w in we}
    specs = []
    for spec in sides.specs:
        if spec.id == AUTHOR and sides.author == AUTHOR:
            continue  # the built-in side, added only because no given side said "we"
        if spec.id == author:
            specs.append(_with_first_person(spec, we))
        else:
            rest = tuple(a for a in spec.aliases if normalise(a) not in forms)
            specs.append(SideSpec(spec.id, rest, spec.label, spec.auto))
    return Sides(tuple(specs), author)


def _with_first_person(spec: SideSpec, we: tuple[str, ...]) -> SideSpec:
    return SideSpec(spec.id, tuple(dict.fromkeys((*spec.aliases, *we))), spec.label, spec.auto)


def parse_side_option(text: str) -> tuple[str, list[str]]:
    """``NAME=ALIAS[,ALIAS...]`` as given to ``--side``."""
    name, sep, aliases = text.partition("=")
    if not sep:
        raise SidesError(f"--side {text!r}: expected NAME=ALIAS[,ALIAS...]")
    return name.strip(), [a for a in aliases.split(",")]


def merge_side_options(options: Iterable[str]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for text in options:
        name, aliases = parse_side_option(text)
        merged.setdefault(name, []).extend(aliases)
    return merged


@dataclass(frozen=True)
class SideStyle:
    """How a report shows a side: ``colour:`` (CSS hex or name) and ``label:`` from the
    sides file."""

    colour: str | None = None
    label: str | None = None


_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$")


def load_sides_file(path: str | Path) -> dict[str, list[str]]:
    """A YAML mapping of side name to a list of aliases (or one alias), or to a mapping
    with ``aliases`` and, for reports, ``colour`` and ``label``, and ``codes`` (the
    metadata values that name the side)."""
    return read_sides_file(path)[0]


def load_side_styles(path: str | Path) -> dict[str, SideStyle]:
    """The ``colour:`` and ``label:`` of each side in a sides file that sets them."""
    return read_sides_file(path)[1]


def load_side_codes(path: str | Path) -> dict[str, tuple[str, ...]]:
    """The ``codes:`` of each side in a sides file that lists them."""
    return parse_sides_file(path).codes


def read_sides_file(path: str | Path) -> tuple[dict[str, list[str]], dict[str, SideStyle]]:
    """(aliases, styles) of a sides file."""
    parsed = parse_sides_file(path)
    return parsed.aliases, parsed.styles


@dataclass(frozen=True)
class SidesFile:
    """What a sides file says: each side's aliases, styles and codes."""

    aliases: dict[str, list[str]]
    styles: dict[str, SideStyle]
    codes: dict[str, tuple[str, ...]]


def parse_sides_file(path: str | Path) -> SidesFile:
    """Read and check a sides file."""
    from rhetor.errors import InputError, LexiconError
    from rhetor.io.safeyaml import load_yaml
    from rhetor.io.textio import read_text

    try:
        data = load_yaml(read_text(str(path)), str(path))
    except InputError as exc:
        raise SidesError(f"cannot read sides file: {exc}") from None
    except LexiconError as exc:
        raise SidesError(f"{exc} (sides file)") from None
    if not isinstance(data, dict):
        raise SidesError(f"{path}: expected a mapping of side name to aliases")
    result: dict[str, list[str]] = {}
    styles: dict[str, SideStyle] = {}
    codes: dict[str, tuple[str, ...]] = {}
    for name, entry in data.items():
        aliases = entry.get("aliases") if isinstance(entry, dict) else entry
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise SidesError(f"{path}: side {name!r}: expected a list of aliases")
        result[str(name)] = aliases
        if isinstance(entry, dict):
            styles[str(name)] = _side_style(path, name, entry)
            if "codes" in entry:
                codes[str(name)] = _side_codes(path, name, entry["codes"])
    return SidesFile(result, styles, codes)


def _side_codes(path: str | Path, name: object, given: object) -> tuple[str, ...]:
    """``codes:``: a list of metadata values (text or numbers), or one value."""
    if isinstance(given, str | int) and not isinstance(given, bool):
        given = [given]
    if not isinstance(given, list) or not all(
        isinstance(c, str | int) and not isinstance(c, bool) for c in given
    ):
        raise SidesError(
            f"{path}: side {name!r}: codes must be a list of metadata values, e.g. [Lab, 51320]"
        )
    codes = tuple(str(c).strip() for c in given)
    if not all(codes):
        raise SidesError(f"{path}: side {name!r}: an empty code")
    return codes


def _side_style(path: str | Path, name: object, entry: dict) -> SideStyle:
    unknown = sorted(str(k) for k in set(entry) - {"aliases", "colour", "color", "label", "codes"})
    if unknown:
        raise SidesError(
            f"{path}: side {name!r}: unknown key {unknown[0]!r} (use aliases, codes, colour, label)"
        )
    colour = entry.get("colour", entry.get("color"))
    if colour is not None and not (isinstance(colour, str) and _COLOUR.match(colour)):
        raise SidesError(
            f"{path}: side {name!r}: colour {colour!r} is not a CSS colour like '#d50000' or 'red'"
        )
    label = entry.get("label")
    if label is not None and not isinstance(label, str):
        raise SidesError(f"{path}: side {name!r}: label must be text")
    return SideStyle(colour, label)


# -- which side a metadata value names ---------------------------------------------------------

NO_VALUE = ("", "-")  # an empty metadata value, or ParlaMint's "-": nobody named


def name_key(value: object) -> str:
    """A metadata value or side name as compared: trimmed and case-folded."""
    return str(value).strip().casefold()


@dataclass(frozen=True)
class SideNames:
    """Which side a metadata value names: a side's id, its ``label:`` or one of its
    ``codes:``, ignoring case (``Lab``, ``LAB`` and ``lab`` alike)."""

    names: tuple[tuple[str, str], ...]  # (name key, side id)
    sides: tuple[str, ...]  # the side ids, in order
    codes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (side id, codes), for messages

    @classmethod
    def build(
        cls,
        side_ids: Iterable[str],
        labels: Mapping[str, str] | None = None,
        codes: Mapping[str, Iterable[str]] | None = None,
    ) -> SideNames:
        """The names of ``side_ids``; a name given to two sides is a :class:`SidesError`."""
        owner: dict[str, str] = {}
        ids = list(dict.fromkeys(side_ids))

        def add(name: str, side_id: str, what: str) -> None:
            key = name_key(name)
            if not key:
                return
            if owner.setdefault(key, side_id) != side_id:
                raise SidesError(
                    f"{what} {name!r} of side {side_id!r} already names side {owner[key]!r}"
                )

        for side_id in ids:
            add(side_id, side_id, "id")
        for side_id, label in (labels or {}).items():
            if side_id in ids and label:
                add(label, side_id, "label")
        listed = {}
        for side_id, side_codes in (codes or {}).items():
            if side_id not in ids:
                continue
            listed[side_id] = tuple(side_codes)
            for code in listed[side_id]:
                add(code, side_id, "code")
        return cls(tuple(owner.items()), tuple(ids), tuple(listed.items()))

    def side_for(self, value: object) -> str | None:
        """The side ``value`` names, or None."""
        key = name_key(value)
        return next((side for name, side in self.names if name == key), None)

    def describe(self) -> str:
        """The sides and their codes, for a message: ``labour (Lab, 51320), tories``."""
        codes = dict(self.codes)
        return ", ".join(f"{s} ({', '.join(codes[s])})" if codes.get(s) else s for s in self.sides)


def side_names(
    given: Mapping[str, Iterable[str]], sides_file: str | Path | None = None
) -> SideNames:
    """The names of the given sides: their ids, and the labels and codes of
    ``sides_file`` (the file they were read from, if any)."""
    labels: dict[str, str] = {}
    codes: dict[str, tuple[str, ...]] = {}
    if sides_file:
        parsed = parse_sides_file(sides_file)
        labels = {k: v.label for k, v in parsed.styles.items() if v.label}
        codes = parsed.codes
    return SideNames.build(given, labels, codes)

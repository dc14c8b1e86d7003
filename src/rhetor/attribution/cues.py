"""Cue-word lexicons (``kind: cues``): the words rhetor reads mentions by.

Cue files are data like the value lexicons. Every section is a mapping of
word lists; lists from a user's file are merged with the built-in ones, so a
user can add words without copying ours, and its ``remove:`` section, laid out
like the others, takes words out of the lists in force. Entries are stored as matching keys
(see :func:`cue_key`), so "co-opt", "co opt" and "coopt" are one cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from rhetor.attribution.cueschema import (  # the schema, re-exported
    STEPS,
    Actors,
    Cues,
    English,
    Forms,
    Negation,
    Parliament,
    Stance,
    Words,
)
from rhetor.errors import LexiconError
from rhetor.io.safeyaml import compose_yaml
from rhetor.lexicon.files import builtin_texts, is_cue_file, iter_lexicon_texts
from rhetor.lexicon.model import normalise
from rhetor.lexicon.yamlnodes import mapping_items, sequence_items

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.IGNORECASE)


def cue_key(phrase: str) -> str:
    """Articles, case, hyphens and spaces do not matter in cue phrases."""
    return normalise(_ARTICLES.sub(" ", phrase))


__all__ = [
    "STEPS",
    "Actors",
    "Cues",
    "English",
    "Forms",
    "Negation",
    "Parliament",
    "Stance",
    "Words",
]


_SECTIONS = {f.name: f.default_factory for f in fields(Cues)}
# Entity labels are matched as written (upper case); everything else by cue key.
_VERBATIM = {"entity_types"}


def _word_list(node, source: str, key: str) -> Words | Forms:
    import yaml

    if key.startswith("english."):
        return tuple(dict.fromkeys(_forms(node, source, key)))
    if key.startswith("parliament."):  # aliases: written as a reader would, case kept
        return tuple(dict.fromkeys(_forms(node, source, key, lower=False)))
    words = set()
    for item in sequence_items(node, source, key):
        text = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
        if not text:
            raise LexiconError(
                "expected a word or phrase", source=source, key=key, line=item.start_mark.line + 1
            )
        if key.endswith(tuple(_VERBATIM)):
            words.add(text.upper())
        else:
            words.add(cue_key(text))
            _SPELLING.setdefault(cue_key(text), " ".join(text.lower().split()))
    return frozenset(words)


def _forms(node, source: str, key: str, *, lower: bool = True):
    """The closed-class words of a list, as written (lower case unless ``lower`` is
    false)."""
    import yaml

    for item in sequence_items(node, source, key):
        text = str(item.value).strip() if isinstance(item, yaml.ScalarNode) else ""
        if not text:
            raise LexiconError(
                "expected a word or mark", source=source, key=key, line=item.start_mark.line + 1
            )
        yield text.lower() if lower else " ".join(text.split())


# Cue keys drop spaces ("believe in" -> "believein"); claims show the phrase as a cue
# file writes it. Filled as cue files are parsed; a key never seen stays as it is.
_SPELLING: dict[str, str] = {}


def spell_cue(cue: str | None) -> str | None:
    """A claim's cue ("not believein", "refuse ... take") with each key spelt as written."""
    if not cue:
        return cue
    return " ".join(_SPELLING.get(part, part) for part in cue.split(" "))


def parse_cues(text: str, source: str, *, trusted: bool = False) -> Cues:
    """The words a cue file adds (see :func:`parse_cue_file` for the words it removes)."""
    return parse_cue_file(text, source, trusted=trusted)[0]


def parse_cue_file(text: str, source: str, *, trusted: bool = False) -> tuple[Cues, Cues]:
    """(the words a cue file adds, the words its ``remove:`` section takes out)."""
    root = compose_yaml(text, source, trusted=trusted)
    if root is None:
        raise LexiconError("file is empty", source=source)
    added, removed = {}, Cues()
    for name, node in mapping_items(root, source):
        if name in {"kind", "version", "description"}:
            continue
        if name == "remove":  # remove: {section: {list: [words]}}
            sections = mapping_items(node, source, name)
            removed = Cues(**{sub: _section(sub, n, source, "remove.") for sub, n in sections})
            continue
        added[name] = _section(name, node, source)
    return Cues(**added), removed


def _section(name: str, node, source: str, prefix: str = ""):
    """One section of a cue file (``prefix``: where it stands, for messages)."""
    if name not in _SECTIONS:
        raise LexiconError(
            f"unknown cue section (allowed: {', '.join(_SECTIONS)}, remove)",
            source=source,
            key=prefix + name,
            line=node.start_mark.line + 1,
        )
    cls = _SECTIONS[name]
    allowed = {f.name for f in fields(cls)}
    values = {}
    for sub, sub_node in mapping_items(node, source, prefix + name):
        if sub not in allowed:
            raise LexiconError(
                f"unknown key (allowed: {', '.join(sorted(allowed))})",
                source=source,
                key=f"{prefix}{name}.{sub}",
                line=sub_node.start_mark.line + 1,
            )
        values[sub] = _word_list(sub_node, source, f"{name}.{sub}")
    return cls(**values)


@lru_cache(maxsize=1)
def builtin_cues() -> Cues:
    """The built-in cue words alone, parsed once (for the closed-class English words of
    code that is given no cues)."""
    return cues_from_texts([])


def load_cues(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Cues:
    return cues_from_texts(list(iter_lexicon_texts(paths)), builtin=builtin)


def cues_from_texts(texts: Sequence[tuple[str, str]], *, builtin: bool = True) -> Cues:
    """The built-in cues merged with the cue files among (source, text) pairs."""
    cues = Cues()
    shipped = [(s, t, True) for s, t in builtin_texts()] if builtin else []
    for source, text, trusted in [*shipped, *((s, t, False) for s, t in texts)]:
        if is_cue_file(text):
            added, removed = parse_cue_file(text, source, trusted=trusted)
            cues = cues.merged(added).without(removed)
    return cues


def dump_cues(cues: Cues) -> str:
    """The cues as a ``kind: cues`` YAML file that loads back to the same cues."""
    import yaml

    document: dict = {"kind": "cues"}
    for section in fields(cues):
        words = getattr(cues, section.name)
        lists = {f.name: _listed(getattr(words, f.name)) for f in fields(words)}
        document[section.name] = {name: items for name, items in lists.items() if items}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)


def _listed(words) -> list[str]:
    return list(words) if isinstance(words, tuple) else sorted(words)

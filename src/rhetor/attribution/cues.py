"""Cue-word lexicons (``kind: cues``): the words rhetor reads mentions by.

Cue files are data like the value lexicons. Every section is a mapping of
word lists; lists from a user's file are merged with the built-in ones, so a
user can add words without copying ours. Entries are stored as matching keys
(see :func:`cue_key`), so "co-opt", "co opt" and "coopt" are one cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from rhetor.errors import LexiconError
from rhetor.io.safeyaml import compose_yaml
from rhetor.lexicon.files import builtin_texts, is_cue_file, iter_lexicon_texts
from rhetor.lexicon.model import normalise
from rhetor.lexicon.yamlnodes import mapping_items, sequence_items

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.IGNORECASE)


def cue_key(phrase: str) -> str:
    """Articles, case, hyphens and spaces do not matter in cue phrases."""
    return normalise(_ARTICLES.sub(" ", phrase))


Words = frozenset[str]


@dataclass(frozen=True)
class Negation:
    words: Words = frozenset()
    nouns: Words = frozenset()
    except_before: Words = frozenset()
    except_after: Words = frozenset()
    quantifiers: Words = frozenset()


@dataclass(frozen=True)
class Stance:
    claims: Words = frozenset()
    appropriates: Words = frozenset()
    opposes: Words = frozenset()
    flips: Words = frozenset()
    speech: Words = frozenset()
    hypocrisy_markers: Words = frozenset()
    hollow_nouns: Words = frozenset()
    hollow_modifiers: Words = frozenset()
    derisive_modifiers: Words = frozenset()
    frame_nouns: Words = frozenset()
    holder_preps: Words = frozenset()
    self_claims: Words = frozenset()
    contrast_markers: Words = frozenset()
    time_lapses: Words = frozenset()
    time_units: Words = frozenset()
    counter_acts: Words = frozenset()
    report_verbs: Words = frozenset()
    hypothetical_markers: Words = frozenset()
    counterfactual_modals: Words = frozenset()
    claim_nouns: Words = frozenset()
    oppose_nouns: Words = frozenset()
    appropriate_nouns: Words = frozenset()
    against_preps: Words = frozenset()
    damning: Words = frozenset()
    source_preps: Words = frozenset()
    causes: Words = frozenset()
    means_preps: Words = frozenset()
    insistence: Words = frozenset()
    factive_verbs: Words = frozenset()
    inclusive_quantifiers: Words = frozenset()
    standing_nouns: Words = frozenset()
    agreement: Words = frozenset()
    rebuttals: Words = frozenset()

    # Unions the engine reads for every mention, made once per cue set.
    @cached_property
    def hollow_words(self) -> Words:
        return self.hollow_nouns | self.hollow_modifiers

    @cached_property
    def contrast_words(self) -> Words:
        return self.contrast_markers | self.hypocrisy_markers


@dataclass(frozen=True)
class Actors:
    nouns: Words = frozenset()
    entity_types: Words = frozenset()
    partitives: Words = frozenset()
    other_body_modifiers: Words = frozenset()
    persons: Words = frozenset()
    documents: Words = frozenset()


@dataclass(frozen=True)
class Cues:
    negation: Negation = field(default_factory=Negation)
    stance: Stance = field(default_factory=Stance)
    actors: Actors = field(default_factory=Actors)

    def merged(self, other: Cues) -> Cues:
        return Cues(
            **{s.name: _union(getattr(self, s.name), getattr(other, s.name)) for s in fields(self)}
        )


def _union(a, b):
    return type(a)(**{f.name: getattr(a, f.name) | getattr(b, f.name) for f in fields(a)})


_SECTIONS = {f.name: f.default_factory for f in fields(Cues)}
# Entity labels are matched as written (upper case); everything else by cue key.
_VERBATIM = {"entity_types"}


def _word_list(node, source: str, key: str) -> Words:
    import yaml

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


# Cue keys drop spaces ("believe in" -> "believein"); claims show the phrase as a cue
# file writes it. Filled as cue files are parsed; a key never seen stays as it is.
_SPELLING: dict[str, str] = {}


def spell_cue(cue: str | None) -> str | None:
    """A claim's cue ("not believein", "refuse ... take") with each key spelt as written."""
    if not cue:
        return cue
    return " ".join(_SPELLING.get(part, part) for part in cue.split(" "))


def parse_cues(text: str, source: str, *, trusted: bool = False) -> Cues:
    root = compose_yaml(text, source, trusted=trusted)
    if root is None:
        raise LexiconError("file is empty", source=source)
    sections = {}
    for name, node in mapping_items(root, source):
        if name in {"kind", "version", "description"}:
            continue
        if name not in _SECTIONS:
            raise LexiconError(
                f"unknown cue section (allowed: {', '.join(_SECTIONS)})",
                source=source,
                key=name,
                line=node.start_mark.line + 1,
            )
        cls = _SECTIONS[name]
        allowed = {f.name for f in fields(cls)}
        values = {}
        for sub, sub_node in mapping_items(node, source, name):
            if sub not in allowed:
                raise LexiconError(
                    f"unknown key (allowed: {', '.join(sorted(allowed))})",
                    source=source,
                    key=f"{name}.{sub}",
                    line=sub_node.start_mark.line + 1,
                )
            values[sub] = _word_list(sub_node, source, f"{name}.{sub}")
        sections[name] = cls(**values)
    return Cues(**sections)


def load_cues(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> Cues:
    return cues_from_texts(list(iter_lexicon_texts(paths)), builtin=builtin)


def cues_from_texts(texts: Sequence[tuple[str, str]], *, builtin: bool = True) -> Cues:
    """The built-in cues merged with the cue files among (source, text) pairs."""
    cues = Cues()
    shipped = [(s, t, True) for s, t in builtin_texts()] if builtin else []
    for source, text, trusted in [*shipped, *((s, t, False) for s, t in texts)]:
        if is_cue_file(text):
            cues = cues.merged(parse_cues(text, source, trusted=trusted))
    return cues


def dump_cues(cues: Cues) -> str:
    """The cues as a ``kind: cues`` YAML file that loads back to the same cues."""
    import yaml

    document: dict = {"kind": "cues"}
    for section in fields(cues):
        words = getattr(cues, section.name)
        lists = {f.name: sorted(getattr(words, f.name)) for f in fields(words)}
        document[section.name] = {name: items for name, items in lists.items() if items}
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1000)

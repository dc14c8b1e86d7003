"""Cue-word lexicons (``kind: cues``): the words rhetor reads mentions by.

Cue files are data like the value lexicons. Lists from a user's file are
merged with the built-in ones, so a user can add words without copying ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from rhetor.errors import LexiconError
from rhetor.lexicon import (
    builtin_texts,
    compose_yaml,
    is_cue_file,
    iter_lexicon_texts,
    mapping_items,
    sequence_items,
)


@dataclass(frozen=True)
class Negation:
    words: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    except_before: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cues:
    negation: Negation = field(default_factory=Negation)

    def merged(self, other: Cues) -> Cues:
        return Cues(
            negation=Negation(
                words=self.negation.words | other.negation.words,
                nouns=self.negation.nouns | other.negation.nouns,
                except_before=self.negation.except_before | other.negation.except_before,
            )
        )


_SECTIONS = {"negation": Negation}


def _word_list(node, source: str, key: str) -> frozenset[str]:
    import yaml

    words = set()
    for item in sequence_items(node, source, key):
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise LexiconError(
                "expected a word", source=source, key=key, line=item.start_mark.line + 1
            )
        words.add(str(item.value).strip().casefold())
    return frozenset(words)


def parse_cues(text: str, source: str) -> Cues:
    root = compose_yaml(text, source)
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
    cues = Cues()
    sources = list(builtin_texts()) if builtin else []
    sources += list(iter_lexicon_texts(paths))
    for source, text in sources:
        if is_cue_file(text):
            cues = cues.merged(parse_cues(text, source))
    return cues

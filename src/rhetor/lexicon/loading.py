"""Parsing and validating value lexicon files, and loading the set in force.

Loading never trusts a file: YAML is composed with the safe loader into nodes
(:mod:`rhetor.lexicon.yamlnodes`), so every problem can be reported with the file, the
key and the line. :func:`parse_lexicon` reads one file's text into a
:class:`rhetor.lexicon.model.Lexicon`; :func:`load_lexicons` and
:func:`lexicons_from_texts` put the built-in and the user's lexicons together.

This module imports PyYAML (when parsing) but never spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rhetor.errors import LexiconError
from rhetor.io.safeyaml import compose_yaml
from rhetor.lexicon.files import builtin_texts, is_cue_file, iter_lexicon_texts
from rhetor.lexicon.forms import FORM_CHOICES, UPOS
from rhetor.lexicon.model import Lexicon, LexiconSet, Term
from rhetor.lexicon.yamlnodes import (
    choice,
    flag,
    line_of,
    mapping_items,
    plain_value,
    scalar,
    sequence_items,
)

_VALUE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_KEYS = {
    "id",
    "kind",
    "description",
    "version",
    "lemmas",
    "forms",
    "names",
    "virtue",
    "vice",
    "exclude",
}
TERM_KEYS = {"term", "pos", "forms", "unless"}
NAME_CHOICES = ("skip", "match")


def _parse_pos(node, source: str, key: str) -> tuple[str, ...]:
    import yaml

    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    tags = tuple(scalar(n, source, key).upper() for n in nodes)
    unknown = [t for t in tags if t not in UPOS]
    if not tags or unknown:
        raise LexiconError(
            f"unknown part of speech {', '.join(unknown) or '(none)'}; use Universal POS tags "
            f"such as ADJ, NOUN, VERB",
            source=source,
            key=key,
            line=line_of(node),
        )
    return tags


def parse_term(node, source: str, key: str) -> Term:
    """A term is a string, or a mapping ``{term: ..., pos: ...}``."""
    import yaml

    pos: tuple[str, ...] = ()
    forms: str | None = None
    unless: tuple = ()
    if isinstance(node, yaml.MappingNode):
        fields = dict(mapping_items(node, source, key))
        unknown = sorted(set(fields) - TERM_KEYS)
        if unknown:
            raise LexiconError(
                f"unknown key {unknown[0]!r} in term (allowed: {', '.join(sorted(TERM_KEYS))})",
                source=source,
                key=key,
                line=line_of(fields[unknown[0]]),
            )
        if "term" not in fields:
            raise LexiconError(
                "term entry needs a 'term'", source=source, key=key, line=line_of(node)
            )
        text = scalar(fields["term"], source, key)
        if "pos" in fields:
            pos = _parse_pos(fields["pos"], source, f"{key}.pos")
        if "forms" in fields:
            forms = choice(fields["forms"], source, f"{key}.forms", FORM_CHOICES)
        if "unless" in fields:
            unless = _conditions(fields["unless"], source, f"{key}.unless")
    else:
        text = scalar(node, source, key)
    try:
        return Term.parse(text, pos, line=line_of(node), forms=forms, unless=unless)
    except ValueError as exc:
        raise LexiconError(str(exc), source=source, key=key, line=line_of(node)) from None


def _conditions(node, source: str, key: str) -> tuple:
    """``unless``: a list of condition mappings (rhetor.lexicon.senses)."""
    from rhetor.lexicon.senses import parse_condition

    conditions = []
    for item in sequence_items(node, source, key):
        data = {
            name: plain_value(value, source, f"{key}.{name}")
            for name, value in mapping_items(item, source, key)
        }
        try:
            conditions.append(parse_condition(data))
        except ValueError as exc:
            raise LexiconError(str(exc), source=source, key=key, line=line_of(item)) from None
    return tuple(conditions)


def _terms(node, source: str, key: str, problems: list | None) -> tuple[Term, ...]:
    terms = []
    for item in sequence_items(node, source, key):
        try:
            terms.append(parse_term(item, source, key))
        except LexiconError as exc:
            if problems is None:
                raise
            problems.append(exc)  # report every bad term, then go on with the rest
    return tuple(terms)


def parse_lexicon(
    text: str,
    source: str,
    problems: list[LexiconError] | None = None,
    *,
    trusted: bool = False,
) -> Lexicon:
    """Parse and validate the text of one value lexicon file.

    With ``problems`` (a list), problems in single terms are appended to it and
    parsing goes on, so a validator can report them all; a problem with the
    file's structure is still raised. ``trusted``: a file shipped with rhetor (see
    :func:`rhetor.io.safeyaml.compose_yaml`)."""
    root = compose_yaml(text, source, trusted=trusted)
    if root is None:
        raise LexiconError("file is empty", source=source)
    fields = dict(mapping_items(root, source))
    unknown = sorted(set(fields) - VALUE_KEYS)
    if unknown:
        name = unknown[0]
        raise LexiconError(
            f"unknown key (allowed: {', '.join(sorted(VALUE_KEYS))})",
            source=source,
            key=name,
            line=line_of(fields[name]),
        )
    if "id" not in fields:
        raise LexiconError("missing required key 'id'", source=source, line=line_of(root))
    value_id = scalar(fields["id"], source, "id")
    if not _VALUE_ID.match(value_id):
        raise LexiconError(
            f"{value_id!r} is not a valid value id (lower-case letters, digits, underscores)",
            source=source,
            key="id",
            line=line_of(fields["id"]),
        )
    if "kind" in fields and scalar(fields["kind"], source, "kind") != "value":
        raise LexiconError(
            "this loader reads value lexicons (kind: value)",
            source=source,
            key="kind",
            line=line_of(fields["kind"]),
        )
    if "virtue" not in fields and "vice" not in fields:
        raise LexiconError(
            "a value needs a 'virtue' or 'vice' list", source=source, line=line_of(root)
        )
    lemmas = flag(fields["lemmas"], source, "lemmas") if "lemmas" in fields else True
    lexicon = Lexicon(
        id=value_id,
        description=scalar(fields["description"], source, "description").strip()
        if "description" in fields
        else "",
        version=scalar(fields["version"], source, "version") if "version" in fields else "1",
        virtue=_terms(fields["virtue"], source, "virtue", problems) if "virtue" in fields else (),
        vice=_terms(fields["vice"], source, "vice", problems) if "vice" in fields else (),
        exclude=_terms(fields["exclude"], source, "exclude", problems)
        if "exclude" in fields
        else (),
        source=source,
        lemmas=lemmas,
        # As LIWC and quanteda count, a lexicon without lemmas matches words as written.
        forms=choice(fields["forms"], source, "forms", FORM_CHOICES)
        if "forms" in fields
        else ("all" if lemmas else "none"),
        names=choice(fields["names"], source, "names", NAME_CHOICES)
        if "names" in fields
        else "skip",
    )
    _check_duplicates(lexicon, problems)
    return lexicon


def _check_duplicates(lexicon: Lexicon, problems: list | None = None) -> None:
    """The same key (after normalisation) may appear once per lexicon."""
    seen: dict[tuple[str, bool], tuple[str, Term]] = {}
    entries = [*lexicon.terms(), *(("exclude", t) for t in lexicon.exclude)]
    for polarity, term in entries:
        mark = (term.key, term.glob)
        if mark in seen:
            first_key, first = seen[mark]
            problem = LexiconError(
                f"duplicate term {term.text!r} (same as {first.text!r} in {first_key}, "
                f"line {first.line})",
                source=lexicon.source,
                key=polarity,
                line=term.line,
            )
            if problems is None:
                raise problem
            problems.append(problem)
            continue
        seen[mark] = (polarity, term)


def load_lexicons(paths: Sequence[str | Path] = (), *, builtin: bool = True) -> LexiconSet:
    """Load the built-in value lexicons, then ``paths`` (files or folders).

    A user lexicon with the id of a built-in one replaces it; two user files
    defining the same id are an error, because neither can be preferred.
    """
    return lexicons_from_texts(list(iter_lexicon_texts(paths)), builtin=builtin)


def lexicons_from_texts(texts: Sequence[tuple[str, str]], *, builtin: bool = True) -> LexiconSet:
    """As :func:`load_lexicons`, from (source, text) pairs already read: what a
    remote worker gets, since the client's paths may not exist there."""
    by_id: dict[str, Lexicon] = {}
    if builtin:
        for source, text in builtin_texts():
            if not is_cue_file(text):
                lexicon = parse_lexicon(text, source, trusted=True)
                by_id[lexicon.id] = lexicon
    user: dict[str, Lexicon] = {}
    for source, text in texts:
        if is_cue_file(text):
            continue
        lexicon = parse_lexicon(text, source)
        if lexicon.id in user:
            raise LexiconError(
                f"value {lexicon.id!r} is already defined in {user[lexicon.id].source}",
                source=source,
                key="id",
            )
        user[lexicon.id] = lexicon
    by_id.update(user)
    if not by_id:
        sources = ", ".join(source for source, _ in texts) or None
        raise LexiconError("no value lexicons to match with", source=sources)
    return LexiconSet(tuple(sorted(by_id.values(), key=lambda lex: lex.id)))

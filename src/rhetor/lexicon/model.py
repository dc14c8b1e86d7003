"""Value lexicons: the YAML data model, its loader and its validation.

A value lexicon is one YAML file (format in ``docs/lexicons.md``). Loading
never trusts the file: YAML is parsed with the safe loader into nodes, so
every problem can be reported with the file, the key and the line.

This module imports PyYAML but never spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rhetor.errors import LexiconError
from rhetor.io.safeyaml import compose_yaml
from rhetor.io.textnorm import normalise
from rhetor.lexicon.forms import FORM_CHOICES, UPOS

if TYPE_CHECKING:
    from rhetor.lexicon.senses import Condition

Polarity = Literal["virtue", "vice"]
POLARITIES: tuple[Polarity, ...] = ("virtue", "vice")

_VALUE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_MIN_GLOB_PREFIX = 3
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


@dataclass(frozen=True)
class Term:
    """One entry of a lexicon: a word, phrase or trailing-``*`` glob."""

    text: str
    key: str
    glob: bool = False
    pos: tuple[str, ...] = ()
    line: int | None = None
    # Which word forms match: "all", "inflections" or "none"; None takes the lexicon's.
    forms: str | None = None
    # Contexts in which a match is not the value (rhetor.lexicon.senses).
    unless: tuple[Condition, ...] = ()

    @property
    def has_capitals(self) -> bool:
        """Written with capitals ("Big Society"): the author means the name itself."""
        return any(ch.isupper() for ch in self.text)

    @classmethod
    def parse(
        cls,
        text: str,
        pos: Sequence[str] = (),
        line: int | None = None,
        forms: str | None = None,
        unless: tuple[Condition, ...] = (),
    ) -> Term:
        """Build a term from its written form; raises ``ValueError`` if unusable."""
        stripped = text.strip()
        glob = stripped.endswith("*")
        body = stripped[:-1] if glob else stripped
        if "*" in body:
            raise ValueError(f"'*' is allowed only at the end of a term: {text!r}")
        if "?" in body or "[" in body:
            raise ValueError(f"only trailing '*' globs are supported: {text!r}")
        key = normalise(body)
        if not key:
            raise ValueError(f"term {text!r} has no letters to match")
        if glob and len(key) < _MIN_GLOB_PREFIX:
            raise ValueError(
                f"glob {text!r} would match too much: give at least "
                f"{_MIN_GLOB_PREFIX} letters before '*'"
            )
        return cls(
            text=stripped,
            key=key,
            glob=glob,
            pos=tuple(pos),
            line=line,
            forms=forms,
            unless=tuple(unless),
        )


@dataclass(frozen=True)
class Lexicon:
    """One value: its virtue and vice terms and the phrases that veto a match."""

    id: str
    description: str = ""
    version: str = "1"
    virtue: tuple[Term, ...] = ()
    vice: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    source: str = "<memory>"
    # False: terms match only the word forms as written (LIWC and quanteda semantics);
    # True: a term also matches text whose lemmas spell it ("injustice" -> "injustices").
    lemmas: bool = True
    # The word forms a term matches unless it says otherwise (rhetor.lexicon.forms). Built in
    # code (side aliases, imports) a lexicon matches as written; parse_lexicon makes
    # "all" the default of a YAML value lexicon that matches lemmas.
    forms: str = "none"
    # "skip": a match inside a capitalised name or title is not a mention (rhetor.lexicon.senses).
    names: str = "match"

    def terms(self) -> Iterator[tuple[Polarity, Term]]:
        for polarity in POLARITIES:
            for term in getattr(self, polarity):
                yield polarity, term


@dataclass(frozen=True)
class LexiconSet:
    """The value lexicons in force for one analysis, sorted by value id."""

    lexicons: tuple[Lexicon, ...] = field(default_factory=tuple)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(lexicon.id for lexicon in self.lexicons)

    def get(self, value_id: str) -> Lexicon | None:
        return next((lex for lex in self.lexicons if lex.id == value_id), None)


# -- YAML parsing with line numbers ---------------------------------------------------------------


def _line(node) -> int:
    return node.start_mark.line + 1


def _scalar(node, source: str, key: str) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag not in _PLAIN_TAGS:
        raise LexiconError("expected a plain text value", source=source, key=key, line=_line(node))
    return str(node.value)


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
}


def mapping_items(node, source: str, key: str | None = None) -> list[tuple[str, object]]:
    """The (key, value node) pairs of a mapping node, keys checked to be text."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise LexiconError("expected a mapping", source=source, key=key, line=_line(node))
    items = []
    seen: set[str] = set()
    for key_node, value_node in node.value:
        name = _scalar(key_node, source, key or "key")
        if name in seen:
            raise LexiconError("key given twice", source=source, key=name, line=_line(key_node))
        seen.add(name)
        items.append((name, value_node))
    return items


def sequence_items(node, source: str, key: str) -> list:
    import yaml

    if not isinstance(node, yaml.SequenceNode):
        raise LexiconError("expected a list", source=source, key=key, line=_line(node))
    if not node.value:
        raise LexiconError("list is empty", source=source, key=key, line=_line(node))
    return list(node.value)


def _parse_pos(node, source: str, key: str) -> tuple[str, ...]:
    import yaml

    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    tags = tuple(_scalar(n, source, key).upper() for n in nodes)
    unknown = [t for t in tags if t not in UPOS]
    if not tags or unknown:
        raise LexiconError(
            f"unknown part of speech {', '.join(unknown) or '(none)'}; use Universal POS tags "
            f"such as ADJ, NOUN, VERB",
            source=source,
            key=key,
            line=_line(node),
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
                line=_line(fields[unknown[0]]),
            )
        if "term" not in fields:
            raise LexiconError(
                "term entry needs a 'term'", source=source, key=key, line=_line(node)
            )
        text = _scalar(fields["term"], source, key)
        if "pos" in fields:
            pos = _parse_pos(fields["pos"], source, f"{key}.pos")
        if "forms" in fields:
            forms = _choice(fields["forms"], source, f"{key}.forms", FORM_CHOICES)
        if "unless" in fields:
            unless = _conditions(fields["unless"], source, f"{key}.unless")
    else:
        text = _scalar(node, source, key)
    try:
        return Term.parse(text, pos, line=_line(node), forms=forms, unless=unless)
    except ValueError as exc:
        raise LexiconError(str(exc), source=source, key=key, line=_line(node)) from None


def _choice(node, source: str, key: str, choices: Sequence[str]) -> str:
    text = _scalar(node, source, key)
    if text not in choices:
        raise LexiconError(
            f"{text!r} is not one of: {', '.join(choices)}",
            source=source,
            key=key,
            line=_line(node),
        )
    return text


def _plain(node, source: str, key: str):
    """A condition's value: text, a whole number, or a list of texts."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return [_scalar(item, source, key) for item in node.value]
    if node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    return _scalar(node, source, key)


def _conditions(node, source: str, key: str) -> tuple:
    """``unless``: a list of condition mappings (rhetor.lexicon.senses)."""
    from rhetor.lexicon.senses import parse_condition

    conditions = []
    for item in sequence_items(node, source, key):
        data = {
            name: _plain(value, source, f"{key}.{name}")
            for name, value in mapping_items(item, source, key)
        }
        try:
            conditions.append(parse_condition(data))
        except ValueError as exc:
            raise LexiconError(str(exc), source=source, key=key, line=_line(item)) from None
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


def _flag(node, source: str, key: str) -> bool:
    text = _scalar(node, source, key).lower()
    if text not in {"true", "false"}:
        raise LexiconError("expected true or false", source=source, key=key, line=_line(node))
    return text == "true"


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
            line=_line(fields[name]),
        )
    if "id" not in fields:
        raise LexiconError("missing required key 'id'", source=source, line=_line(root))
    value_id = _scalar(fields["id"], source, "id")
    if not _VALUE_ID.match(value_id):
        raise LexiconError(
            f"{value_id!r} is not a valid value id (lower-case letters, digits, underscores)",
            source=source,
            key="id",
            line=_line(fields["id"]),
        )
    if "kind" in fields and _scalar(fields["kind"], source, "kind") != "value":
        raise LexiconError(
            "this loader reads value lexicons (kind: value)",
            source=source,
            key="kind",
            line=_line(fields["kind"]),
        )
    if "virtue" not in fields and "vice" not in fields:
        raise LexiconError(
            "a value needs a 'virtue' or 'vice' list", source=source, line=_line(root)
        )
    lemmas = _flag(fields["lemmas"], source, "lemmas") if "lemmas" in fields else True
    lexicon = Lexicon(
        id=value_id,
        description=_scalar(fields["description"], source, "description").strip()
        if "description" in fields
        else "",
        version=_scalar(fields["version"], source, "version") if "version" in fields else "1",
        virtue=_terms(fields["virtue"], source, "virtue", problems) if "virtue" in fields else (),
        vice=_terms(fields["vice"], source, "vice", problems) if "vice" in fields else (),
        exclude=_terms(fields["exclude"], source, "exclude", problems)
        if "exclude" in fields
        else (),
        source=source,
        lemmas=lemmas,
        # As LIWC and quanteda count, a lexicon without lemmas matches words as written.
        forms=_choice(fields["forms"], source, "forms", FORM_CHOICES)
        if "forms" in fields
        else ("all" if lemmas else "none"),
        names=_choice(fields["names"], source, "names", NAME_CHOICES)
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


# -- Finding and loading files --------------------------------------------------------------------


def builtin_lexicon_dir():
    """The lexicons shipped inside the package (found through importlib.resources)."""
    return resources.files("rhetor") / "lexicons"


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            # is_file: a FIFO or device in a lexicon folder is no lexicon (and would block)
            if p.suffix in {".yaml", ".yml"} and not p.name.startswith(".") and p.is_file()
        )
    return [path]


def _read(path, source: str) -> str:
    from rhetor.errors import InputError
    from rhetor.io.textio import read_text, shown

    if not isinstance(path, Path):  # a packaged resource, not a file a user named
        return path.read_text(encoding="utf-8")
    try:
        return read_text(str(path))
    except InputError as exc:
        reason = str(exc).removeprefix(f"{shown(str(path))}: ")  # we name the file ourselves
        raise LexiconError(reason, source=source) from None


def is_cue_file(text: str) -> bool:
    """Cue lexicons declare ``kind: cues``; everything else is a value lexicon."""
    return re.search(r"^kind:\s*['\"]?cues['\"]?\s*$", text, flags=re.MULTILINE) is not None


def lexicon_files(given: str | Path) -> list[Path]:
    """The YAML files a path names: itself, or a folder's ``*.yaml``/``*.yml``."""
    path = Path(given)
    if not path.exists():
        raise LexiconError("no such file or folder", source=str(given))
    return _yaml_files(path)


def read_lexicon_file(file: Path) -> str:
    return _read(file, str(file))


def iter_lexicon_texts(paths: Iterable[str | Path]) -> Iterator[tuple[str, str]]:
    """(source, text) for every YAML file named by ``paths`` (files or folders)."""
    for given in paths:
        for file in lexicon_files(given):
            yield str(file), read_lexicon_file(file)


def builtin_texts() -> Iterator[tuple[str, str]]:
    folder = builtin_lexicon_dir()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield f"lexicons/{entry.name}", entry.read_text(encoding="utf-8")


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

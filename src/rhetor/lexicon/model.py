"""Value lexicons: the data model (a term, a value's lexicon, the set in force).

A value lexicon is one YAML file (format in ``docs/lexicons.md``);
:mod:`rhetor.lexicon.loading` parses and validates it into these objects, and
:mod:`rhetor.lexicon.files` finds the files. This module imports neither PyYAML
nor spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from rhetor.io.textnorm import normalise

if TYPE_CHECKING:
    from rhetor.lexicon.senses import Condition

Polarity = Literal["virtue", "vice"]
POLARITIES: tuple[Polarity, ...] = ("virtue", "vice")

_MIN_GLOB_PREFIX = 3


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

"""Sense conditions: when a lexicon word is not the value.

"Duty" is an obligation, except in "fuel duty"; "responsible" is the value,
except in "responsible for promoting competition"; "Justice" is the value,
except in "Justice Secretary". A lexicon entry says so in YAML with ``unless``,
a list of conditions, any one of which vetoes a match (see docs/lexicons.md):

    - term: duty
      unless:
        - before: [fuel, excise, stamp]       # the words just before the match
        - after: [on, free]                   # the words just after it
    - term: responsible
      pos: ADJ
      unless:
        - after: "for <VERB>"                 # a slot: any word tagged VERB
        - child: "for <VERB>"                 # or the same in the parse
    - term: democracy
      unless:
        - entity: [ORG, GPE]                  # when the pipeline has entities

The keys of one condition must all hold. Besides ``unless``, one rule holds
for every value: a value word inside a proper name or a title ("Department of
Justice", "Office for Budget Responsibility") is not a mention. It reads
capital letters, so it needs no entity recogniser (see :func:`inside_name`).

This module reads token attributes only; it imports no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rhetor.io.textnorm import normalise
from rhetor.lexicon.forms import UPOS
from rhetor.sentindex import sent_bounds, sent_span

CONDITION_KEYS = ("before", "after", "near", "window", "head", "child", "dep", "entity")
_SLOT = re.compile(r"^<([A-Za-z]+)>$")
DEFAULT_WINDOW = 4


@dataclass(frozen=True)
class Step:
    """One word of a condition's phrase or path: a word (trailing ``*`` allowed) or a
    ``<POS>`` slot."""

    key: str = ""
    glob: bool = False
    pos: str = ""

    @classmethod
    def parse(cls, text: str) -> Step:
        slot = _SLOT.match(text)
        if slot:
            tag = slot.group(1).upper()
            if tag not in UPOS and tag != "ANY":
                raise ValueError(f"unknown slot <{slot.group(1)}>; use a Universal POS tag")
            return cls(pos=tag)
        glob = text.endswith("*")
        key = normalise(text[:-1] if glob else text)
        if not key or "*" in text[:-1]:
            raise ValueError(f"cannot match the word {text!r}")
        return cls(key=key, glob=glob)

    def fits(self, token) -> bool:
        if self.pos:
            return self.pos == "ANY" or token.pos_ == self.pos
        for form in (token.text, token.lemma_):
            key = normalise(form)
            if key == self.key or (self.glob and key.startswith(self.key)):
                return True
        return False


Phrase = tuple[Step, ...]


def parse_phrase(text: str) -> Phrase:
    words = text.split()
    if not words:
        raise ValueError("an empty phrase matches nothing")
    return tuple(Step.parse(word) for word in words)


@dataclass(frozen=True)
class Lookup:
    """The phrases of one key of a condition, split for speed: the one-word phrases as a
    set of keys, looked up at once (a condition may list dozens), the others as written."""

    words: frozenset[str]
    phrases: tuple[Phrase, ...]

    @classmethod
    def of(cls, phrases: tuple[Phrase, ...]) -> Lookup:
        plain = [p for p in phrases if len(p) == 1 and p[0].key and not p[0].glob]
        return cls(frozenset(p[0].key for p in plain), tuple(p for p in phrases if p not in plain))

    def has_word(self, token) -> bool:
        """Is the token (its text or its lemma) one of the one-word phrases?"""
        return not self.words.isdisjoint((normalise(token.text), normalise(token.lemma_)))


@dataclass(frozen=True)
class Condition:
    """Context in which a match is not the value; every given key must hold."""

    before: tuple[Phrase, ...] = ()
    after: tuple[Phrase, ...] = ()
    near: tuple[Phrase, ...] = ()
    window: int = DEFAULT_WINDOW
    head: tuple[Phrase, ...] = ()
    child: tuple[Phrase, ...] = ()
    dep: tuple[str, ...] = ()
    entity: tuple[str, ...] = ()
    # The mapping as written, so that a saved pipeline writes the same YAML back.
    data: dict = field(default_factory=dict, compare=False, hash=False)
    # ``before``, ``after`` and ``near`` as lookups.
    lookups: dict[str, Lookup] = field(init=False, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        lookups = {key: Lookup.of(getattr(self, key)) for key in ("before", "after", "near")}
        object.__setattr__(self, "lookups", lookups)

    @property
    def needs_parse(self) -> bool:
        return bool(self.head or self.child or self.dep)

    def holds(self, doc, start: int, end: int, has_parse: bool, has_ents: bool) -> bool:
        """Does the context of the match ``doc[start:end]`` meet every key?

        A key that needs annotation the Doc lacks (a parse, entities) does not
        hold, so that a missing parse never vetoes a match. The keys are read in
        turn, and the first that fails settles it: most matches fail the first."""
        if (self.needs_parse and not has_parse) or (self.entity and not has_ents):
            return False
        if self.before and not _ends_before(doc, start, self.lookups["before"]):
            return False
        if self.after and not _starts_after(doc, end, self.lookups["after"]):
            return False
        if self.near and not _near(doc, start, end, self.lookups["near"], self.window):
            return False
        if self.head and not any(_head_path(doc, start, end, p) for p in self.head):
            return False
        if self.child and not any(_child_path(doc, start, end, p) for p in self.child):
            return False
        if self.dep and _root(doc, start, end).dep_ not in self.dep:
            return False
        return not self.entity or any(doc[i].ent_type_ in self.entity for i in range(start, end))


# -- phrases around the match ----------------------------------------------------------------------


def _words(doc, indices, limit: int) -> list[int]:
    """The first ``limit`` token indices that carry a word: joiners (hyphens,
    apostrophes) are skipped."""
    found: list[int] = []
    for i in indices:
        if len(found) == limit:
            break
        if normalise(doc[i].text):
            found.append(i)
    return found


def _ends_before(doc, start: int, lookup: Lookup) -> bool:
    """One of the phrases ends just before the match, in its sentence."""
    sentence_start = sent_bounds(doc[start])[0] if doc.has_annotation("SENT_START") else 0
    going_back = range(start - 1, sentence_start - 1, -1)
    if lookup.words:
        previous = _words(doc, going_back, 1)
        if previous and lookup.has_word(doc[previous[0]]):
            return True
    for phrase in lookup.phrases:
        before = _words(doc, going_back, len(phrase))
        if len(before) == len(phrase) and all(
            step.fits(doc[i]) for step, i in zip(reversed(phrase), before, strict=True)
        ):
            return True
    return False


def _starts_after(doc, end: int, lookup: Lookup) -> bool:
    """One of the phrases begins just after the match, in its sentence."""
    sentence_end = sent_bounds(doc[end - 1])[1] if doc.has_annotation("SENT_START") else len(doc)
    if lookup.words:
        following = _words(doc, range(end, sentence_end), 1)
        if following and lookup.has_word(doc[following[0]]):
            return True
    return any(_phrase_at(doc, end, sentence_end, phrase) for phrase in lookup.phrases)


def _phrase_at(doc, first: int, sentence_end: int, phrase: Phrase) -> bool:
    """Does the phrase begin at token ``first``, joiners skipped, within the sentence?"""
    words = _words(doc, range(first, sentence_end), len(phrase))
    return len(words) == len(phrase) and all(
        step.fits(doc[i]) for step, i in zip(phrase, words, strict=True)
    )


def _near(doc, start: int, end: int, lookup: Lookup, window: int) -> bool:
    """One of the phrases begins within ``window`` words of the match, on either side."""
    sentence = sent_span(doc[start]) if doc.has_annotation("SENT_START") else doc[:]
    left = _words(doc, range(start - 1, sentence.start - 1, -1), window)
    right = _words(doc, range(end, sentence.end), window)
    for first in left + right:
        if lookup.words and lookup.has_word(doc[first]):
            return True
        if any(_phrase_at(doc, first, sentence.end, phrase) for phrase in lookup.phrases):
            return True
    return False


# -- the parse ------------------------------------------------------------------------------------


def _root(doc, start: int, end: int):
    """The token of the match whose head lies outside it (the last one, failing that)."""
    for i in range(start, end):
        head = doc[i].head.i
        if head < start or head >= end or head == i:
            return doc[i]
    return doc[end - 1]


def _head_path(doc, start: int, end: int, path: Phrase) -> bool:
    """The match's head fits the first step, that word's head the next, and so on."""
    token = _root(doc, start, end)
    for step in path:
        if token.head.i == token.i:
            return False
        token = token.head
        if not step.fits(token):
            return False
    return True


def _child_path(doc, start: int, end: int, path: Phrase) -> bool:
    """Some dependent of the match fits the first step, one of its dependents the next..."""
    frontier = [_root(doc, start, end)]
    for step in path:
        frontier = [c for token in frontier for c in token.children if step.fits(c)]
        if not frontier:
            return False
    return True


# -- the general rule for names --------------------------------------------------------------------

# Small words that may stand inside a name: "Department of Justice", "Office for
# Budget Responsibility", "Organisation for Security and Co-operation in Europe".
NAME_JOINERS = frozenset({"of", "for", "and", "the", "in", "on", "&", "-", "'s", "de"})


def _capitalised(token) -> bool:
    return (token.text[:1].isupper() and not token.text.isupper()) or _initialism(token)


def _initialism(token) -> bool:
    return token.text.isupper() and len(token.text) > 1 and token.is_alpha


def _lowercase_word(token) -> bool:
    return token.is_alpha and token.text.islower() and token.lower_ not in NAME_JOINERS


def inside_name(doc, start: int, end: int) -> bool:
    """Is the match part of a capitalised multi-word name or title?

    The match must be capitalised and belong to a run of two or more capitalised
    words (small words such as "of" and "for" may join them) in a sentence
    that also has words in lower case: "the Justice Secretary", "Justice
    Kavanaugh", "the Department of Justice", or a capitalised phrase of two or
    more words inside a sentence ("the Social Contract"). A sentence
    without lower-case words is a heading ("Fair Pay For All"), where capitals
    say nothing, and a single capitalised word is the start of a sentence.
    """
    if not all(_capitalised(doc[i]) for i in range(start, end) if doc[i].is_alpha):
        return False
    if all(doc[i].text.isupper() for i in range(start, end) if doc[i].is_alpha):
        return False  # a word in capitals is a heading or emphasis ("MUTUAL AID"), not a name
    sentence = sent_span(doc[start]) if doc.has_annotation("SENT_START") else doc[:]
    if not any(_lowercase_word(t) for t in sentence):
        return False
    left = start
    while left > sentence.start and _name_part(doc, left - 1, sentence.start, end):
        left -= 1
    right = end
    while right < sentence.end and _name_part(doc, right, sentence.start, sentence.end):
        right += 1
    # A capitalised word beside the match makes a name; so does a match of two or more
    # capitalised words that does not open the sentence ("the Social Contract"). A
    # single word split into tokens ("Co-Operative") is still one word.
    beside = any(_capitalised(doc[i]) for i in [*range(left, start), *range(end, right)])
    words = sum(1 for i in range(start, end) if doc[i].is_alpha and not _joined(doc, i))
    return beside or (words >= 2 and start > sentence.start)


def _joined(doc, i: int) -> bool:
    """Does token ``i`` continue the word before it ("Co" "-" "Operative")?"""
    return i >= 2 and doc[i - 1].text in {"-", "‐", "‑"}


def _name_part(doc, i: int, low: int, high: int) -> bool:
    """A capitalised word, or a joiner with capitalised words on both sides."""
    token = doc[i]
    if _capitalised(token):
        return True
    if token.lower_ in NAME_JOINERS:
        return low < i < high - 1 and _capitalised(doc[i - 1]) and _capitalised(doc[i + 1])
    return False


def parse_condition(data: dict) -> Condition:
    """Build a condition from its YAML mapping; raises ``ValueError`` if unusable."""
    unknown = sorted(set(data) - set(CONDITION_KEYS))
    if unknown:
        raise ValueError(
            f"unknown condition key {unknown[0]!r} (allowed: {', '.join(CONDITION_KEYS)})"
        )
    if not set(data) - {"window"}:
        raise ValueError("a condition needs at least one of " + ", ".join(CONDITION_KEYS[:-1]))
    fields: dict = {"data": dict(data)}
    for key in ("before", "after", "near", "head", "child"):
        if key in data:
            fields[key] = tuple(parse_phrase(text) for text in _texts(data[key], key))
    if "window" in data:
        window = data["window"]
        if not isinstance(window, int) or isinstance(window, bool) or window < 1:
            raise ValueError("window must be a whole number of words, 1 or more")
        fields["window"] = window
    if "dep" in data:
        fields["dep"] = tuple(_texts(data["dep"], "dep"))
    if "entity" in data:
        fields["entity"] = tuple(label.upper() for label in _texts(data["entity"], "entity"))
    return Condition(**fields)


def _texts(value, key: str) -> Sequence[str]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(item, str) and item.strip() for item in items):
        raise ValueError(f"{key} takes a phrase or a list of phrases")
    return [item.strip() for item in items]

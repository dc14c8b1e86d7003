"""The pipeline's attribute ruler, with its one-token rules looked up in a table.

spaCy's ``attribute_ruler`` (English pipelines map fine tags to parts of speech and
morphology with it, and fix a few lemmas) runs every one of its rules as a
:class:`~spacy.matcher.Matcher` pattern over every token: a fifth of the parse of
the sentences rhetor reads. Nearly all its rules test one token for equal attributes
(``{"TAG": "NNS"}``, ``{"LOWER": "us", "TAG": "PRP"}``), and a token's matches for
those depend only on the values of the attributes tested. So
:class:`IndexedAttributeRuler` finds them by looking up each token's values (tag,
lowercase form, dependency label, ...; remembered per combination of values), and
leaves the other rules (several tokens, regular expressions, operators) to a matcher
of their own. Its matches are spaCy's, in spaCy's order, and spaCy's own
``set_annotations`` applies them: the annotations are the same, token for token.

:func:`index_attribute_ruler` puts it in place of a pipeline's ``attribute_ruler``,
under the same name, with the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id

FACTORY = "rhetor_attribute_ruler"
# Token attributes a rule's token may test and stay in the table: those whose values
# Doc.to_array gives as a string's id, a part of speech's symbol or a flag.
_STRINGS = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE"})
_SYMBOLS = frozenset({"POS"})
_FLAGS = frozenset({"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_STOP", "LIKE_NUM"})
_PREFERENCE = {"ORTH": 0, "LOWER": 1, "NORM": 2, "LEMMA": 3, "DEP": 4, "TAG": 5, "POS": 6}


@dataclass(frozen=True)
class _Check:
    """What one token attribute must be: among ``allowed``, not among ``excluded``,
    matching ``regex`` (on the attribute's string, as the Matcher reads it)."""

    allowed: frozenset | None = None
    excluded: frozenset | None = None
    regex: re.Pattern | None = None


class IndexedAttributeRuler(AttributeRuler):
    """An :class:`AttributeRuler` whose rules' token tests are a lookup per token."""

    def _compile(self) -> None:
        self._indexed_for = len(self.attrs)
        self._windows = Matcher(self.vocab, validate=False)  # rules of several tokens
        self._whole = Matcher(self.vocab, validate=False)  # rules the table cannot hold
        self._longest = 1
        tests: list[tuple[int, dict[str, _Check], bool]] = []
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            for pattern in self.matcher.get(key)[1]:
                checks = [_token_checks(token) for token in pattern]
                if not pattern or any(c is None for c in checks):
                    self._whole.add(key, [pattern])
                elif len(pattern) == 1:
                    tests.append((attr_id, checks[0], False))
                else:  # the table says where it may start; a matcher reads on from there
                    tests.append((attr_id, checks[0], True))
                    self._windows.add(key, [pattern])
                    self._longest = max(self._longest, len(pattern))
        self._columns = sorted({name for _, checks, _ in tests for name in checks})
        # Each test is filed under one column it wants an exact value of (the most telling:
        # the word before its dependency label, before its tag), so a token is checked
        # against the few tests filed under its own values, and those with no such column.
        self._by_value: list[dict[int, list[int]]] = [{} for _ in self._columns]
        self._unfiled: list[int] = []
        self._tests = []
        for number, (attr_id, checks, several) in enumerate(tests):
            row = [checks.get(name) for name in self._columns]
            self._tests.append((attr_id, row, several))
            exact = [k for k, c in enumerate(row) if c is not None and c.allowed is not None]
            if not exact:
                self._unfiled.append(number)
                continue
            column = min(exact, key=lambda k: _PREFERENCE.get(self._columns[k], len(_PREFERENCE)))
            for value in row[column].allowed:
                self._by_value[column].setdefault(value, []).append(number)
        self._match_ids = [self.vocab.strings.add(str(i)) for i in range(len(self.attrs))]
        self._found: dict[tuple[int, ...], tuple[tuple, bool]] = {}

    def match(self, doc):
        """(attribute id, match id, start, end) of every rule that matches, sorted: as
        :meth:`AttributeRuler.match` gives them."""
        if getattr(self, "_indexed_for", None) != len(self.attrs):
            self._compile()
        matches = []
        if self._columns and len(doc):
            rows = doc.to_array([IDS[name] for name in self._columns]).reshape(len(doc), -1)
            found = self._found
            append = matches.append
            for i, row in enumerate(map(tuple, rows.tolist())):
                known = found.get(row)
                if known is None:
                    known = found[row] = self._rules_for(row)
                hits, starts = known
                for attr_id, match_id in hits:
                    append((attr_id, match_id, i, i + 1))
                if starts:
                    window = doc[i : i + self._longest]
                    for m_id, start, end in self._windows(window, allow_missing=True):
                        if start == 0:
                            append((int(self.vocab.strings[m_id]), m_id, i, i + end))
            if len(found) > 100_000:
                found.clear()
        if len(self._whole):
            for m_id, start, end in self._whole(doc, allow_missing=True):
                matches.append((int(self.vocab.strings[m_id]), m_id, start, end))
        matches.sort()
        return matches

    def _rules_for(self, row: tuple[int, ...]) -> tuple[tuple, bool]:
        """The one-token rules a token with these values matches (each once, as (attribute
        id, match id)), and whether a rule of several tokens may start at it."""
        hits: list[tuple[int, int]] = []
        starts = False
        strings = self.vocab.strings
        numbers = list(self._unfiled)
        for column, value in enumerate(row):
            numbers.extend(self._by_value[column].get(value, ()))
        for number in sorted(numbers):  # the rules' order, as the ruler applies them
            attr_id, checks, several = self._tests[number]
            if all(c is None or _passes(c, v, strings) for v, c in zip(row, checks, strict=True)):
                if several:
                    starts = True
                elif not hits or hits[-1][0] != attr_id:
                    hits.append((attr_id, self._match_ids[attr_id]))
        return tuple(hits), starts


def _passes(check: _Check, value: int, strings) -> bool:
    if check.allowed is not None and value not in check.allowed:
        return False
    if check.excluded is not None and value in check.excluded:
        return False
    return check.regex is None or bool(check.regex.search(strings[value]))


def _token_checks(token: dict) -> dict[str, _Check] | None:
    """{attribute: check} for a pattern token that tests attributes by equality, ``IN``,
    ``NOT_IN`` or ``REGEX``; None for any other (operators, extensions, lengths...)."""
    checks = {}
    for name, wanted in token.items():
        name = name.upper()
        if name not in _STRINGS | _SYMBOLS | _FLAGS:
            return None
        if not isinstance(wanted, dict):
            wanted = {"IN": [wanted]}
        if not wanted or not set(wanted) <= {"IN", "NOT_IN", "REGEX"}:
            return None
        sets = {}
        for op in ("IN", "NOT_IN"):
            if op in wanted:
                values = wanted[op]
                coded = [_code(name, v) for v in values] if isinstance(values, list) else [None]
                if any(c is None for c in coded):
                    return None
                sets[op] = frozenset(coded)
        regex = wanted.get("REGEX")
        if regex is not None and (name not in _STRINGS or not isinstance(regex, str)):
            return None
        checks[name] = _Check(
            sets.get("IN"), sets.get("NOT_IN"), re.compile(regex) if regex is not None else None
        )
    return checks or None


def _code(name: str, value) -> int | None:
    """The value as ``Doc.to_array`` gives it for the attribute."""
    if name in _FLAGS:
        return int(value) if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    if name in _SYMBOLS:
        return POS_IDS.get(value) if isinstance(value, str) else value
    return get_string_id(value)


@Language.factory(FACTORY, assigns=[], default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool):
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp):
    """Put :class:`IndexedAttributeRuler` in place of ``nlp``'s ``attribute_ruler``, with
    its rules; a pipeline without one is left as it is."""
    if "attribute_ruler" not in nlp.pipe_names:
        return nlp
    old = nlp.get_pipe("attribute_ruler")
    if type(old) is not AttributeRuler:
        return nlp  # someone's own ruler: not ours to replace
    patterns = old.patterns
    new = nlp.replace_pipe("attribute_ruler", FACTORY)
    new.add_patterns(patterns)
    return nlp

"""Find value terms in a sequence of tokens.

Matching works on normalised keys (see :func:`rhetor.io.textnorm.normalise`): a
candidate span's key is the concatenation of its tokens' keys, built from the
surface forms and, separately, from the lemmas. A term matches when either key
(only the surface key, for a lexicon with ``lemmas: false``) equals the term's
key, or, for a ``*`` glob, starts with it at a point inside the span's last
token. Concatenation is what makes "co-operative",
"co operative" and "cooperative" one term.

Each term also matches its other word forms (:mod:`rhetor.lexicon.forms`): "fair" is
compiled with "fairer", "fairest", "fairly" and "fairness" as well, matched on
the surface, so a tagger's wrong lemma does not hide them. A part-of-speech
limit is there to tell apart the senses of the form as written ("a fair wage",
"a trade fair"); a derived form has no such rival, so the limit does not apply
to it ("fairer" tagged NOUN still counts).

Matches then pass the sense conditions (:mod:`rhetor.lexicon.senses`): an entry's
``unless`` contexts, and the general rule that a value word inside a
capitalised name or title is not a mention. Then excludes, then overlaps.

This module touches only token attributes (``lower_``, ``lemma_``, ``pos_``,
and for sense conditions the parse), so it needs no spaCy import and works on
any tokenised text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from rhetor.io.textnorm import fold_for_matching
from rhetor.lexicon.forms import word_forms
from rhetor.lexicon.model import LexiconSet, Polarity, Term, normalise
from rhetor.lexicon.senses import inside_name


class TokenLike(Protocol):
    text: str
    lemma_: str
    pos_: str


@dataclass(frozen=True)
class Entry:
    """A compiled term: which value it belongs to and what it means there."""

    value: str
    polarity: Polarity | None  # None for an exclude phrase
    term: Term
    lemmas: bool = True  # may the term match the lemmas of the text, or only its words?
    derived: bool = False  # a generated word form ("fairer" from "fair"), not as written
    names: bool = False  # is a match inside a capitalised name or title dropped?

    @property
    def is_exclude(self) -> bool:
        return self.polarity is None


@dataclass(frozen=True)
class Candidate:
    """A term found at tokens ``[start, end)``."""

    start: int
    end: int
    entry: Entry

    @property
    def length(self) -> int:
        return self.end - self.start


_KEY_CACHE = 200_000  # entries kept in each per-matcher cache before it is emptied


class CompiledLexicons:
    """Lookup tables for one :class:`LexiconSet`, built once and reused per document."""

    def __init__(self, lexicons: LexiconSet) -> None:
        self.lexicons = lexicons
        self.exact: dict[str, list[Entry]] = defaultdict(list)
        self.globs: dict[str, list[Entry]] = defaultdict(list)
        # Every prefix of every key: a span whose key is not in here cannot grow into a match.
        self.prefixes: set[str] = set()
        self.max_words = 1
        self._starts: dict[str, bool] = {}  # token key -> can a match begin with it?
        # (value, key) of every term as its lexicon writes it: a listed form ("obligations")
        # is matched by its own entry, never through the lemma of another ("obligation").
        self.written: set[tuple[str, str]] = set()
        self._glob_lengths: tuple[int, ...] = ()
        self._keys: dict[str, str] = {}  # a token's text or lemma -> its matching key
        self._id_keys: dict[int, str] = {}  # a string id -> its matching key
        self._entries: dict[tuple[str, int], list[Entry]] = {}
        for lexicon in lexicons.lexicons:
            self._add_lexicon(lexicon)

    def _add_lexicon(self, lexicon) -> None:
        names = lexicon.names == "skip"
        entries = [
            Entry(lexicon.id, polarity, term, lexicon.lemmas, names=names and not term.has_capitals)
            for polarity, term in lexicon.terms()
        ]
        entries += [Entry(lexicon.id, None, term, lexicon.lemmas) for term in lexicon.exclude]
        # A form the lexicon lists itself keeps its own entry (and its own conditions):
        # "responsibility" listed apart is not also a derived form of "responsible".
        written = {entry.term.key for entry in entries}
        self.written.update((lexicon.id, key) for key in written)
        for entry in entries:
            self._add(entry)
            for key in _derived_keys(entry.term, entry.term.forms or lexicon.forms):
                if key not in written:
                    self._add(replace(entry, derived=True), key)

    def _add(self, entry: Entry, key: str | None = None) -> None:
        key = key or entry.term.key
        (self.globs if entry.term.glob else self.exact)[key].append(entry)
        if entry.term.glob:
            self._glob_lengths = tuple(sorted({*self._glob_lengths, len(key)}))
        self.prefixes.update(key[:i] for i in range(1, len(key) + 1))
        # A word may split into several tokens ("co", "-", "operative"): allow for it.
        words = len(entry.term.text.split()) + entry.term.text.count("-")
        self.max_words = max(self.max_words, words + 2)

    def find(self, tokens: Sequence[TokenLike], has_pos: bool = True) -> list[Candidate]:
        """All value matches, with excludes applied and overlaps resolved."""
        found = self.candidates(tokens, has_pos)
        if found and hasattr(tokens, "has_annotation"):  # a Doc: sense conditions can apply
            found = apply_senses(tokens, found)
        return resolve_overlaps(apply_excludes(found))

    def candidates(
        self, tokens: Sequence[TokenLike], has_pos: bool | None = True
    ) -> list[Candidate]:
        """Every term and exclude phrase found, before sense conditions, excludes and
        overlaps: what the words alone give (counts mode remembers it per run of words)."""
        # NFD accents and invisible characters inside a word do not hide it (textnorm).
        if hasattr(tokens, "to_array"):
            surface, lemma, starts = self._doc_keys(tokens)
        else:
            surface, lemma = self._token_keys(tokens)
            # Most tokens cannot begin any term: one cached lookup rules them out.
            # (A match never starts on a joiner, whose key is empty.)
            can = self._can_start
            starts = [i for i, w in enumerate(surface) if w and (can(w) or can(lemma[i]))]
        found: list[Candidate] = []
        for start in starts:
            found.extend(self._match_from(start, tokens, surface, lemma, has_pos))
        return found

    def _token_keys(self, tokens: Sequence[TokenLike]) -> tuple[list[str], list[str]]:
        """Each token's matching key from its words and from its lemma (its words' key
        when it has no lemma)."""
        surface: list[str] = []
        lemma: list[str] = []
        keys = self._keys
        for token in tokens:
            text, base = token.text, token.lemma_
            word = keys.get(text)
            if word is None:
                word = keys[text] = normalise(fold_for_matching(text))
            surface.append(word)
            root = keys.get(base)
            if root is None:
                root = keys[base] = normalise(fold_for_matching(base))
            lemma.append(root or word)
        if len(keys) > _KEY_CACHE:
            keys.clear()
        return surface, lemma

    def _doc_keys(self, tokens) -> tuple[list[str], list[str], list[int]]:
        """The keys of a spaCy Doc or Span's tokens, as :meth:`_token_keys` gives them, and
        the positions where a term may begin. Read as arrays of string ids, each distinct
        id worked out once: no Token object is made for the many tokens that cannot
        begin a term."""
        if not len(tokens):
            return [], [], []
        import numpy as np  # with spaCy, which is loaded already
        from spacy.attrs import LEMMA, ORTH

        distinct, where = np.unique(tokens.to_array([ORTH, LEMMA]), return_inverse=True)
        where = where.reshape(len(tokens), 2)
        strings = tokens.vocab.strings
        ids = self._id_keys  # spaCy's string ids are hashes of the strings: one table serves all
        keys = []
        for string_id in distinct.tolist():
            key = ids.get(string_id)
            if key is None:
                text = strings[string_id] if string_id else ""
                key = ids[string_id] = normalise(fold_for_matching(text))
            keys.append(key)
        if len(ids) > _KEY_CACHE:
            ids.clear()
        table = np.empty(len(keys), dtype=object)
        table[:] = keys
        can = np.array([bool(k) and self._can_start(k) for k in keys], dtype=bool)
        surface = table[where[:, 0]]
        lemma = table[where[:, 1]]
        no_lemma = lemma == ""
        lemma[no_lemma] = surface[no_lemma]
        starts = (surface != "") & (can[where[:, 0]] | can[where[:, 1]])
        return surface.tolist(), lemma.tolist(), np.flatnonzero(starts).tolist()

    def _can_start(self, key: str) -> bool:
        known = self._starts.get(key)
        if known is None:
            known = bool(key) and (
                key in self.prefixes
                or any(key[:cut] in self.globs for cut in range(1, len(key) + 1))
            )
            self._starts[key] = known
        return known

    def _match_from(self, start, tokens, surface, lemma, has_pos) -> list[Candidate]:
        """Matches beginning at token ``start``: the span grows a token at a time, its key
        made from the words and, apart, from the lemmas, while either key can still
        grow into a term's. (Plain locals, not a dict per mode: this is the inner loop.)"""
        found: list[Candidate] = []
        prefixes = self.prefixes
        surface_key = lemma_key = ""
        surface_alive = lemma_alive = True
        for end in range(start, min(len(tokens), start + self.max_words)):
            if not surface[end]:
                continue  # joiners extend a span but never end it
            if surface_alive:
                before = len(surface_key)
                surface_key += surface[end]
                for entry in self._entries_for(surface_key, before):
                    self._take(found, entry, start, end, tokens[end], has_pos)
                surface_alive = surface_key in prefixes
            if lemma_alive:
                before = len(lemma_key)
                lemma_key += lemma[end]
                # The same words as the surface key: the surface pass found all there is.
                if not (surface_alive and lemma_key == surface_key):
                    for entry in self._entries_for(lemma_key, before):
                        if entry.lemmas and not self._listed_apart(entry, surface, start, end):
                            self._take(found, entry, start, end, tokens[end], has_pos)
                    lemma_alive = lemma_key in prefixes
            if not (surface_alive or lemma_alive):
                break
        return found

    @staticmethod
    def _take(found: list[Candidate], entry: Entry, start: int, end: int, last, has_pos) -> None:
        """Add the span ``[start, end]`` as a match of ``entry``, once."""
        if _pos_ok(entry, last, has_pos) and not any(
            c.end == end + 1 and c.entry == entry for c in found
        ):
            found.append(Candidate(start, end + 1, entry))

    def _listed_apart(self, entry: Entry, surface, start: int, end: int) -> bool:
        """Does the lexicon list the span's own words as a term of their own?"""
        words = "".join(surface[start : end + 1])
        return words != entry.term.key and (entry.value, words) in self.written

    def _entries_for(self, key: str, before: int) -> list[Entry]:
        """The entries a span's key matches; cached, as the same words recur."""
        cached = self._entries.get((key, before))
        if cached is None:
            if len(self._entries) > _KEY_CACHE:
                self._entries.clear()
            cached = self._entries[(key, before)] = self._lookup(key, before)
        return cached

    def _lookup(self, key: str, before: int) -> list[Entry]:
        entries = list(self.exact.get(key, ()))
        # A glob's prefix must end inside the last token, so "democra*" does not
        # match "democra" + a following word. Only the lengths globs have are tried.
        for cut in self._glob_lengths:
            if before < cut <= len(key):
                entries.extend(self.globs.get(key[:cut], ()))
        return entries


def _derived_keys(term: Term, forms: str) -> list[str]:
    """Matching keys of the term's other forms, made from its last word."""
    if term.glob or forms == "none":
        return []
    words = term.text.split()
    last = normalise(words[-1])
    stem = term.key[: len(term.key) - len(last)]
    return sorted(stem + form for form in word_forms(last, term.pos, forms))


def _pos_ok(entry: Entry, token: TokenLike, has_pos: bool | None) -> bool:
    """A part-of-speech limit applies to the term's last word as written; untagged text
    never passes. A capitalised word tagged PROPN passes too: taggers call "Fair" in a
    heading a proper noun, and a real name is caught by the name rule instead.
    ``has_pos=None`` ignores the limits: every match any tagging could give (what
    :mod:`rhetor.nlp.selection` looks for)."""
    term = entry.term
    if not term.pos or entry.derived or has_pos is None:
        return True
    if not has_pos:
        return False
    return token.pos_ in term.pos or (token.pos_ == "PROPN" and token.text[:1].isupper())


def apply_senses(doc, candidates: list[Candidate]) -> list[Candidate]:
    """Drop matches whose context says they are not the value: inside a name or
    title, or in a context one of the entry's ``unless`` conditions describes."""
    has_parse = doc.has_annotation("DEP")
    has_ents = doc.has_annotation("ENT_IOB")
    kept = []
    for cand in candidates:
        entry = cand.entry
        if entry.names and inside_name(doc, cand.start, cand.end):
            continue
        if any(
            condition.holds(doc, cand.start, cand.end, has_parse, has_ents)
            for condition in entry.term.unless
        ):
            continue
        kept.append(cand)
    return kept


def apply_excludes(candidates: list[Candidate]) -> list[Candidate]:
    """Drop matches lying inside an exclude phrase of the same value."""
    vetoes: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        if cand.entry.is_exclude:
            vetoes[cand.entry.value].append(cand)
    return [
        cand
        for cand in candidates
        if not cand.entry.is_exclude
        and not any(
            v.start <= cand.start and cand.end <= v.end for v in vetoes.get(cand.entry.value, ())
        )
    ]


def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Longest match wins, then the leftmost; a token is counted in one mention only.

    Two values matching exactly the same span both stand (a word may belong to
    two values, as in multi-category dictionaries), but one value never counts
    the same span twice.
    """
    ranked = sorted(candidates, key=lambda c: (-c.length, c.start, c.entry.value))
    taken: set[int] = set()
    kept: dict[tuple[int, int, str], Candidate] = {}
    spans: set[tuple[int, int]] = set()
    for cand in ranked:
        span = (cand.start, cand.end)
        if (cand.start, cand.end, cand.entry.value) in kept:
            continue
        if span in spans or not taken.intersection(range(cand.start, cand.end)):
            kept[(cand.start, cand.end, cand.entry.value)] = cand
            spans.add(span)
            taken.update(range(cand.start, cand.end))
    return sorted(kept.values(), key=lambda c: (c.start, c.end, c.entry.value))

"""A fast tokeniser, and the light token objects that :mod:`rhetor.lexicon.matching` reads.

One regular expression cuts a text into *pieces*: a token with the whitespace
before it. The pieces tile the text, so the running sum of their lengths gives
every token's end offset without a Python loop over the tokens, and a piece
can be looked up in a dict as it is. Tokens are cut as spaCy's English
tokeniser cuts most of them: words, numbers such as "1,000" and "3.5",
abbreviations such as "U.S.", and each other mark on its own (so
"co-operate" is "co", "-", "operate", and "world's" is "world", "'", "s"; keys
are concatenated across joiners in matching, so the cut does not change what
matches). Words are the tokens that are not punctuation, as in the full
report's ``stats.words``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

PIECE = re.compile(r"\s*(?:\d+(?:[.,:]\d+)+|(?:[^\W\d_]\.){2,}|\w+|[^\w\s])|\s+$")
# The same cuts without the whitespace: for a lexicon term's own tokens.
TERM_TOKENS = re.compile(r"\d+(?:[.,:]\d+)+|(?:[^\W\d_]\.){2,}|\w+|[^\w\s]")
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")


def pieces(text: str) -> list[str]:
    """Tokens with their leading whitespace; a last piece may be whitespace alone."""
    return PIECE.findall(text)


def is_word(piece: str) -> bool:
    token = piece.lstrip()
    return bool(token) and (token[0].isalnum() or token[0] == "_")


class Word(NamedTuple):
    """The three attributes the matcher reads, for a run of words out of context."""

    text: str
    lemma_: str
    pos_: str


class Token:
    """As much of a spaCy Token as matching, the sense conditions and the windowed
    negation test read. Plain slots, not properties, where they are read often."""

    __slots__ = ("doc", "end", "i", "is_alpha", "lemma_", "lower_", "pos_", "start", "text")
    ent_type_ = ""  # no entity recogniser: conditions on entities never hold

    def __init__(
        self, text: str, lemma: str, pos: str, i: int, start: int, end: int, doc: Segment
    ) -> None:
        self.text, self.lemma_, self.pos_ = text, lemma, pos
        self.lower_ = text.lower()
        self.is_alpha = text.isalpha()
        self.i, self.start, self.end, self.doc = i, start, end, doc

    @property
    def sent(self) -> Span:
        return self.doc.sentence(self.i)

    def nbor(self, offset: int = 1) -> Token:
        return self.doc[self.i + offset]


class Span(list):
    """Tokens ``[start, end)`` of a Segment, with the two attributes read from spans."""

    def __init__(self, tokens, start: int, end: int) -> None:
        super().__init__(tokens)
        self.start, self.end = start, end


class Segment(list):
    """A run of tokens around possible mentions; stands in for a Doc with sentence
    boundaries (after ".", "!" or "?") and no other annotation. Slices are plain lists:
    code that needs a span's bounds reads ``token.sent``, as it does on a Doc with
    sentences. A sentence is made when first read: most are never read."""

    def has_annotation(self, name: str) -> bool:
        return name == "SENT_START"

    def close(self, sentence_starts: list[int]) -> Segment:
        """Note the indices where sentences start (the first is 0)."""
        self.bounds = [*sentence_starts, len(self)]
        self.sentences: dict[int, Span] = {}
        return self

    def sentence(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        k = bisect_right(self.bounds, i) - 1
        known = self.sentences.get(k)
        if known is None:
            start, end = self.bounds[k], self.bounds[k + 1]
            known = self.sentences[k] = Span(self[start:end], start, end)
        return known

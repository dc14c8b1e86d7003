"""A fast tokeniser, and the light token objects that :mod:`rhetor.matching` reads.

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
from dataclasses import dataclass

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


@dataclass
class Token:
    """As much of a spaCy Token as matching, the sense conditions and the windowed
    negation test read."""

    text: str
    lemma_: str
    pos_: str
    i: int
    start: int  # character offsets into the whole text
    end: int
    doc: Segment | None = None
    sent_start: bool = False

    ent_type_ = ""  # no entity recogniser: conditions on entities never hold

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    def nbor(self, offset: int = 1) -> Token:
        return self.doc[self.i + offset]

    @property
    def sent(self) -> Span:
        return self.doc.sentence_of(self.i)


class Span(list):
    """Tokens ``[start, end)`` of a Segment, with the two attributes read from spans."""

    def __init__(self, tokens, start: int, end: int) -> None:
        super().__init__(tokens)
        self.start, self.end = start, end


class Segment(list):
    """A run of tokens around possible mentions; stands in for a Doc with sentence
    boundaries (after ".", "!" or "?") and no other annotation."""

    def has_annotation(self, name: str) -> bool:
        return name == "SENT_START"

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _ = index.indices(len(self))
            return Span(list.__getitem__(self, index), start, max(start, stop))
        return list.__getitem__(self, index)

    def sentence_of(self, i: int) -> Span:
        start = i
        while start > 0 and not list.__getitem__(self, start).sent_start:
            start -= 1
        end = i + 1
        while end < len(self) and not list.__getitem__(self, end).sent_start:
            end += 1
        return self[start:end]

"""The sentences of a Doc, found once and looked up by token.

spaCy's ``token.sent`` walks the Doc from the token to both ends of its sentence, and
``span.root`` scans the sentence, on every call. Rules, sense conditions and the
evidence ask that of every mention, so on text with long sentences (transcripts with
no full stops) the cost grew with the square of the sentence's length. Here the
sentence starts and the roots are read once per Doc from its arrays, and each lookup
is a binary search.

The index is kept per Doc (weakly: it goes with the Doc) and built on first use;
:func:`forget` drops it where a component starts on a Doc whose sentences may have
changed. No spaCy import: only Doc attributes are read (and a token's own ``sent`` for
other token sequences, such as counts mode's).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary

_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


class Sentences:
    """Sentence starts and roots of one Doc (token offsets)."""

    def __init__(self, doc) -> None:
        size = len(doc)
        if size and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
            flags = doc.to_array("SENT_START")
            starts = [0, *(i for i in (flags == 1).nonzero()[0].tolist() if i)]
        else:
            starts = [0]
        self.starts = starts
        self.ends = [*starts[1:], size]
        self.roots: list[int] = []
        if size and doc.has_annotation("DEP"):
            self.roots = (doc.to_array("HEAD") == 0).nonzero()[0].tolist()
        self._root_of: dict[int, int] = {}

    def number(self, i: int) -> int:
        """The number of the sentence holding token ``i``."""
        return bisect_right(self.starts, i) - 1

    def bounds(self, i: int) -> tuple[int, int]:
        """(start, end) token offsets of the sentence holding token ``i``."""
        n = self.number(i)
        return self.starts[n], self.ends[n]

    def root(self, doc, i: int):
        """The root of the sentence holding token ``i`` (as ``Span.root``: the first
        token that is its own head)."""
        n = self.number(i)
        if n not in self._root_of:
            start, end = self.starts[n], self.ends[n]
            k = bisect_left(self.roots, start)
            if k < len(self.roots) and self.roots[k] < end:
                self._root_of[n] = self.roots[k]
            else:
                self._root_of[n] = doc[start:end].root.i
        return doc[self._root_of[n]]


def sentences(doc) -> Sentences:
    """The sentence index of ``doc``, built on first use."""
    index = _INDEXES.get(doc)
    if index is None:
        index = _INDEXES[doc] = Sentences(doc)
    return index


def forget(doc) -> None:
    """Drop the index of ``doc`` (its sentences are about to be read afresh)."""
    _INDEXES.pop(doc, None)


def sent_bounds(token) -> tuple[int, int]:
    """(start, end) of the token's sentence: ``token.sent.start, token.sent.end``."""
    if not _indexable(token.doc):
        sent = token.sent
        return sent.start, sent.end
    return sentences(token.doc).bounds(token.i)


def sent_span(token):
    """The token's sentence as a Span, as ``token.sent``."""
    if not _indexable(token.doc):
        return token.sent
    start, end = sentences(token.doc).bounds(token.i)
    return token.doc[start:end]


def sent_root(token):
    """The root of the token's sentence, as ``token.sent.root``."""
    if not _indexable(token.doc):
        return token.sent.root
    return sentences(token.doc).root(token.doc, token.i)


def _indexable(doc) -> bool:
    """A spaCy Doc; counts mode's light segments know their sentences themselves."""
    return hasattr(doc, "to_array")

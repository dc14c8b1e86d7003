"""The rule lemmatizer's word lists, asked ``in`` through a set.

spaCy's rule lemmatizer tries its suffix rules on each inflected word and keeps the
forms found in its index of known words (``form in index``). The English index holds
its words as lists (57,528 nouns), so each test reads the whole list: a noun costs
80 microseconds, and the lemmatizer was a fifth of the parse of the sentences rhetor
reads. :func:`index_lemma_tables` gives each list a set to answer ``in`` from. The
lists stay lists, with the same words in the same order (so a pipeline still saves and
pickles as before), and every lemma is the same.
"""

from __future__ import annotations

_TABLE = "lemma_index"


class IndexedWords(list):
    """A list of words that answers ``in`` from a set of the same words."""

    def __init__(self, words=()) -> None:
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words


def index_lemma_tables(nlp):
    """Give the word lists of ``nlp``'s rule lemmatizers a set each (see the module)."""
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if getattr(pipe, "mode", None) != "rule" or lookups is None:
            continue
        if not lookups.has_table(_TABLE):
            continue
        table = lookups.get_table(_TABLE)
        for key, words in list(table.items()):
            if type(words) is list:
                table[key] = IndexedWords(words)
    return nlp

"""The lemma and part of speech of an ambiguous word, decided from its neighbours.

The word-form table (:mod:`rhetor.counts.vocabulary`) knows each word's readings out of
context; for the words it marks with a rule, :meth:`Context.decide` picks one from the
words around it, with the word lists of ``context.yaml`` (determiners, function words,
modals, words mostly of another class, closed classes): a capitalised word inside a
sentence is a name, "-ed" forms before a noun are adjectives, a word after a modal is a
verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rhetor.io.textnorm import normalise


@dataclass(frozen=True)
class Context:
    """The word lists of ``context.yaml``, and the rules that read them."""

    determiners: frozenset[str]
    function_words: frozenset[str]
    modals: frozenset[str]
    mostly_other: dict[str, frozenset[str]]
    closed: dict[str, str]  # word -> its closed-class tag (the first class listing it)

    def decide(self, rule: str, text: str, lemma: str, tag: str, cut, j, tag_at) -> tuple[str, str]:
        """(lemma, tag) of token ``j`` of ``cut`` in its context; ``tag_at(k)`` is the tag
        of token ``k`` out of context."""
        if text[:1].isupper() and not _sentence_initial(cut, j):
            return text, "PROPN"  # a name: "Democratic" of a party, "United" of a country
        if rule in ("inflected", "capital"):
            return lemma, tag
        before = _word_at(cut, j, -1)
        after = _word_at(cut, j, 1)
        if rule == "participle":
            # A gerund takes an object ("uniting the States"); only "-ed" forms are read
            # as adjectives from the word after them.
            modifier = before in self.determiners or (
                not text.lower().endswith("ing")
                and after is not None
                and after[:1].isalpha()
                and after not in self.function_words
            )
            return (text, "ADJ") if modifier else (lemma, tag)
        if before in self.modals or (before == "not" and _word_at(cut, j, -2) in self.modals):
            return lemma, "VERB"  # "will equal", "to equal", "would not equal"
        if normalise(text) in self.mostly_other.get(tag, ()):
            opens = before in self.determiners
            noun = j + 1 < len(cut) and tag_at(j + 1) == "NOUN"
            if not (opens and (noun or after == "and")):
                return text, "ADV"
        return lemma, tag


def _word_at(cut: list[str], j: int, step: int) -> str | None:
    """The lower-cased token next to ``j`` (None at either end)."""
    k = j + step
    return cut[k].strip().lower() if 0 <= k < len(cut) else None


@lru_cache(maxsize=1)
def load_context() -> Context:
    import yaml

    text = (resources.files("rhetor.counts") / "context.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # every word a string: "no", "on" too
    return Context(
        determiners=frozenset(data["determiners"]),
        function_words=frozenset(data["function_words"]),
        modals=frozenset(data["modals"]),
        mostly_other={tag: frozenset(words) for tag, words in data["mostly_other"].items()},
        closed=_first_class(data["closed"]),
    )


def _first_class(classes: dict[str, list[str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag, words in classes.items():
        for word in words:
            found.setdefault(word, tag)
    return found


def _sentence_initial(cut: list[str], j: int) -> bool:
    """Does token ``j`` begin a sentence, a line or the text (opening quotes aside)?"""
    for k in range(j, 0, -1):
        if "\n" in cut[k]:
            return True
        previous = cut[k - 1].strip()
        if previous not in _OPENERS:
            return previous in SENTENCE_MARKS
    return True


_OPENERS = {'"', "“", "'", "‘", "(", "["}
SENTENCE_MARKS = {".", "!", "?", ":"}

"""Where given sides are mentioned in a Doc (hand-built Docs, tags and lemmas set)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from rhetor.attribution.autosides import compile_aliases, given_index
from rhetor.attribution.cues import load_cues
from rhetor.attribution.sides import build_sides


def _mentions(blank_nlp, words, pos, lemmas):
    doc = Doc(blank_nlp.vocab, words=words, pos=pos, lemmas=lemmas)
    sides = build_sides({"greens": ["Greens"], "govt": ["government", "Tories"]})
    index = given_index(doc, sides, compile_aliases(sides), load_cues())
    return [(m.side, doc[m.start].text) for m in index.mentions]


@pytest.mark.parametrize(
    ("words", "pos", "lemmas", "expected"),
    [
        # spaCy lemmatises the plural noun "uses" as "us": no mention of the author
        (["alternative", "uses", "of", "land"], ["ADJ", "NOUN", "ADP", "NOUN"],
         ["alternative", "us", "of", "land"], []),
        # the "'s" of "let's" is lemmatised "us" and tagged a pronoun: the author's
        (["Let", "'s", "act"], ["VERB", "PRON", "VERB"], ["let", "us", "act"],
         [("author", "'s")]),
        (["Give", "us", "fairness"], ["VERB", "PRON", "NOUN"], ["give", "we", "fairness"],
         [("author", "us")]),
        # a side's name by its lemma stays a mention
        (["The", "Tories", "rule"], ["DET", "PROPN", "VERB"], ["the", "Tory", "rule"],
         [("govt", "Tories")]),
    ],
)  # fmt: skip
def test_autosides_pronoun_only_by_lemma_is_no_mention(blank_nlp, words, pos, lemmas, expected):
    assert _mentions(blank_nlp, words, pos, lemmas) == expected

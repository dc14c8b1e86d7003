from __future__ import annotations

import pytest
from spacy.tokens import Doc

from rhetor.attribution.cues import load_cues
from rhetor.attribution.negation import is_negated
from rhetor.attribution.tree import span_root

NEGATION = load_cues().negation


def parsed(nlp, words, heads, deps, pos=None):
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos or ["X"] * len(words))


def test_negation_neg_dependent_of_governing_verb(blank_nlp):
    doc = parsed(
        blank_nlp,
        ["We", "do", "not", "believe", "in", "fairness"],
        [3, 3, 3, 3, 3, 4],
        ["nsubj", "aux", "neg", "ROOT", "prep", "pobj"],
        ["PRON", "AUX", "PART", "VERB", "ADP", "NOUN"],
    )
    assert is_negated(doc, 5, 6, NEGATION, has_parse=True)


def test_negation_lack_of(blank_nlp):
    doc = parsed(
        blank_nlp,
        ["a", "lack", "of", "accountability"],
        [1, 1, 1, 2],
        ["det", "ROOT", "prep", "pobj"],
        ["DET", "NOUN", "ADP", "NOUN"],
    )
    assert is_negated(doc, 3, 4, NEGATION, has_parse=True)


def test_negation_without(blank_nlp):
    doc = parsed(
        blank_nlp,
        ["growth", "without", "fairness"],
        [0, 0, 1],
        ["ROOT", "prep", "pobj"],
        ["NOUN", "ADP", "NOUN"],
    )
    assert is_negated(doc, 2, 3, NEGATION, has_parse=True)


def test_negation_not_only_is_not_negation(blank_nlp):
    doc = parsed(
        blank_nlp,
        ["solidarity", "not", "only", "forms", "us"],
        [3, 3, 3, 3, 3],
        ["nsubj", "preconj", "advmod", "ROOT", "dobj"],
        ["NOUN", "PART", "ADV", "VERB", "PRON"],
    )
    assert not is_negated(doc, 0, 1, NEGATION, has_parse=True)


def test_negation_stays_inside_its_clause(blank_nlp):
    # "We do not think that fairness matters": the negation belongs to "think".
    doc = parsed(
        blank_nlp,
        ["We", "do", "not", "think", "that", "fairness", "matters"],
        [3, 3, 3, 3, 6, 6, 3],
        ["nsubj", "aux", "neg", "ROOT", "mark", "nsubj", "ccomp"],
        ["PRON", "AUX", "PART", "VERB", "SCONJ", "NOUN", "VERB"],
    )
    assert not is_negated(doc, 5, 6, NEGATION, has_parse=True)


@pytest.mark.parametrize(
    "words,start,expected",
    [
        (["there", "is", "no", "fairness", "here"], 3, True),
        (["a", "lack", "of", "accountability"], 3, True),
        (["fairness", "is", "not", "dead"], 0, False),
        (["this", "is", "fairness"], 2, False),
        (["the", "least", "fair", "budget"], 2, True),
        (["at", "least", "it", "is", "fair"], 4, False),
        (["at", "the", "very", "least", "a", "fair", "deal"], 5, False),
    ],
)
def test_negation_window_without_parse(blank_nlp, words, start, expected):
    doc = Doc(blank_nlp.vocab, words=words)
    assert is_negated(doc, start, start + 1, NEGATION, has_parse=False) is expected


def test_negation_span_root_is_token_with_head_outside(blank_nlp):
    doc = parsed(
        blank_nlp, ["collective", "action", "matters"], [1, 2, 2], ["amod", "nsubj", "ROOT"]
    )
    assert span_root(doc, 0, 2).text == "action"


def test_negation_contracted_not(blank_nlp):
    doc = parsed(
        blank_nlp,
        ["They", "do", "n't", "want", "fairness"],
        [3, 3, 3, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "dobj"],
        ["PRON", "AUX", "PART", "VERB", "NOUN"],
    )
    assert is_negated(doc, 4, 5, NEGATION, has_parse=True)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "expected"),
    [
        # "the least fair budget": a value diminished to the least is denied
        (["the", "least", "fair", "budget"], [3, 2, 3, 3], ["det", "advmod", "amod", "ROOT"], True),
        # "at least it is fair": "at least" concedes, it does not deny
        (
            ["at", "least", "it", "is", "fair"],
            [3, 0, 3, 3, 3],
            ["advmod", "pobj", "nsubj", "ROOT", "acomp"],
            False,
        ),
    ],
)
def test_negation_least_denies_unless_at_least(blank_nlp, words, heads, deps, expected):
    doc = parsed(blank_nlp, words, heads, deps)
    root = 2 if words[0] == "the" else 4
    assert is_negated(doc, root, root + 1, NEGATION, has_parse=True) is expected

"""The attribute ruler with its token tests in a table: spaCy's matches, spaCy's output."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from rhetor.nlp.attrindex import IndexedAttributeRuler, index_attribute_ruler
from tests.conftest import needs_model

WORDS = ["Let", "'s", "go", "!", "There", "is", "n't", "nothin'", "gon", "na", "stop", "us", " "]
TAGS = ["VB", "PRP", "VB", ".", "EX", "VBZ", "RB", "NN", "VBG", "TO", "VB", "PRP", "_SP"]
DEPS = ["ROOT", "nsubj", "ccomp", "punct", "expl", "ROOT", "neg", "attr", "aux", "aux"]
DEPS += ["xcomp", "dobj", "dep"]
HEADS = [0, 2, 0, 0, 5, 5, 5, 5, 10, 10, 5, 10, 10]


def _doc(vocab) -> Doc:
    return Doc(vocab, words=WORDS, spaces=[False] * len(WORDS), tags=TAGS, deps=DEPS, heads=HEADS)


# Each case: one rule (its patterns, attributes, index), as a pipeline's ruler holds it.
RULES = {
    "tag equal": ([[{"TAG": "VB"}]], {"POS": "VERB", "MORPH": "VerbForm=Inf"}, 0),
    "tag and lower": ([[{"LOWER": "us", "TAG": "PRP"}]], {"MORPH": "Case=Acc|Number=Plur"}, 0),
    "in": ([[{"TAG": {"IN": ["VBZ", "VBG"]}}]], {"POS": "AUX"}, 0),
    "not in": ([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"}, 0),
    "regex": ([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"}, 0),
    "two tokens, index 1": ([[{"LOWER": "let"}, {"LOWER": "'s"}]], {"LEMMA": "us"}, 1),
    "two tokens, regex": (
        [[{"LOWER": "is"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
        {"LEMMA": "be"},
        0,
    ),
    "dependency first": (
        [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]],
        {"POS": "VERB"},
        1,
    ),
    "space flag": ([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], {"DEP": "dep"}, 0),
    "operator (left to a matcher)": (
        [[{"LOWER": "gon"}, {"LOWER": "na", "OP": "?"}]],
        {"LEMMA": "go"},
        0,
    ),
    "several patterns": ([[{"TAG": "VB"}], [{"LOWER": "go"}]], {"LEMMA": "go"}, 0),
    "no match": ([[{"TAG": "JJ"}]], {"POS": "ADJ"}, 0),
}


def _rulers(rules):
    vocab = spacy.blank("en").vocab
    stock, indexed = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    for patterns, attrs, index in rules:
        stock.add(patterns, attrs, index)
        indexed.add(patterns, attrs, index)
    return vocab, stock, indexed


def _annotations(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.parametrize("name", list(RULES))
def test_attrindex_matches_as_spacy_for_each_kind_of_rule(name):
    vocab, stock, indexed = _rulers([RULES[name]])
    doc = _doc(vocab)
    assert indexed.match(doc) == stock.match(doc)
    assert _annotations(indexed(_doc(vocab))) == _annotations(stock(_doc(vocab)))


def test_attrindex_rules_of_different_lengths_match_once_each():
    three = ([[{"LOWER": "gon"}, {"LOWER": "na"}, {"LOWER": "stop"}]], {"LEMMA": "go"}, 0)
    two = ([[{"LOWER": "na"}, {"LOWER": "stop"}]], {"LEMMA": "to"}, 0)
    vocab, stock, indexed = _rulers([three, two])
    doc = _doc(vocab)
    assert indexed.match(doc) == stock.match(doc)
    assert len(stock.match(doc)) == 2


def test_attrindex_later_rules_win_as_in_spacy():
    rules = [*RULES.values(), ([[{"TAG": "VB"}]], {"POS": "NOUN"}, 0)]
    vocab, stock, indexed = _rulers(rules)
    expected = _annotations(stock(_doc(vocab)))
    assert _annotations(indexed(_doc(vocab))) == expected
    assert expected[0][1] == "NOUN"  # the last rule for a tag is the one that holds


def test_attrindex_sees_rules_added_after_use():
    vocab, stock, indexed = _rulers([RULES["tag equal"]])
    indexed(_doc(vocab))
    for ruler in (stock, indexed):
        ruler.add([[{"LOWER": "stop"}]], {"LEMMA": "halt"}, 0)
    assert _annotations(indexed(_doc(vocab))) == _annotations(stock(_doc(vocab)))


def test_attrindex_leaves_a_pipeline_without_a_ruler_alone():
    nlp = spacy.blank("en")
    assert index_attribute_ruler(nlp).pipe_names == []


@needs_model
@pytest.mark.model
def test_attrindex_annotates_real_text_as_the_stock_ruler(en_nlp):
    from rhetor.nlp.pipeline import resolve_model_name

    stock = spacy.load(resolve_model_name(None), exclude=["ner"])
    assert type(en_nlp.get_pipe("attribute_ruler")) is IndexedAttributeRuler
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    text = (
        "Let's be clear: there ain't nothin' fair about it. Y'all know we're gonna fix it, "
        "and there are those who say it can't be done.\n\n  It was the Tories' doing."
    )
    assert _annotations(en_nlp(text)) == _annotations(stock(text))

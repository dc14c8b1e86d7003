"""The lemmatizer's word lists asked ``in`` through a set: the same lemmas, still lists."""

from __future__ import annotations

import pickle

import pytest
import spacy
import srsly

from rhetor.nlp.lemmaindex import IndexedWords, index_lemma_tables
from tests.conftest import needs_model


@pytest.mark.parametrize(
    ("word", "expected"), [("fairness", True), ("fair", True), ("fairnesses", False), ("", False)]
)
def test_lemmaindex_words_answer_in_as_the_list(word, expected):
    words = IndexedWords(["fairness", "fair"])
    assert (word in words) is expected is (word in list(words))


def test_lemmaindex_words_stay_a_list_that_saves_and_pickles():
    words = IndexedWords(["b", "a"])
    assert words == ["b", "a"] and isinstance(words, list)
    assert srsly.msgpack_loads(srsly.msgpack_dumps({"noun": words})) == {"noun": ["b", "a"]}
    copy = pickle.loads(pickle.dumps(words))
    assert copy == ["b", "a"] and "a" in copy and "c" not in copy


def test_lemmaindex_leaves_a_pipeline_without_a_lemmatizer_alone():
    nlp = spacy.blank("en")
    assert index_lemma_tables(nlp) is nlp and nlp.pipe_names == []


@needs_model
@pytest.mark.model
def test_lemmaindex_lemmas_are_the_stock_lemmatizer_s(en_nlp):
    from rhetor.nlp.pipeline import resolve_model_name

    stock = spacy.load(resolve_model_name(None), exclude=["ner"])
    table = en_nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(type(words) is IndexedWords for words in table.values())
    text = (
        "The unions' solidarities weakened as ministers cut the fairer schemes, and the "
        "leaves fell while wolves ran; she was running, we'd gone, their children's mice "
        "were better fed and the best analyses of the crises disagreed."
    )
    assert [t.lemma_ for t in en_nlp(text)] == [t.lemma_ for t in stock(text)]
    assert en_nlp.get_pipe("lemmatizer").to_bytes()  # the tables still save

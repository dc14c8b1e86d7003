"""The pipeline as rhetor loads it: its tokenizer rules."""

from __future__ import annotations

import pytest
import spacy

from rhetor.nlp.pipeline import adjust_tokenizer
from tests.conftest import needs_model


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The right hon. Gentleman spoke.", "hon."),
        ("The Rt. Hon. Member for Leeds spoke.", "Rt."),
        ("Cllr. Patel chairs the committee.", "Cllr."),
        ("Lt. Col. Jones gave evidence.", "Col."),
    ],
)
def test_pipeline_keeps_titles_whole(text, title):
    nlp = adjust_tokenizer(spacy.blank("en"))
    assert title in [token.text for token in nlp(text)]


@pytest.mark.parametrize(
    "text", ["They bought apples, pears etc. Then they left.", "No. We will not."]
)
def test_pipeline_leaves_sentence_final_abbreviations_alone(text):
    nlp = adjust_tokenizer(spacy.blank("en"))
    words = [token.text for token in nlp(text)]
    assert "etc." not in words and "No." not in words


@needs_model
@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The right hon. Gentleman has doubled the national debt.",
        "I thank the hon. Member for Bolton West for her question.",
        "The hon. Lady lectures the House about democracy.",
    ],
)
def test_pipeline_title_does_not_end_a_sentence(en_nlp, text):
    assert len(list(en_nlp(text).sents)) == 1


def test_pipeline_adds_the_marks_rule_only_when_a_text_needs_it():
    from rhetor.nlp.pipeline import load_pipeline, split_after_marks_for

    nlp = load_pipeline("blank:en", marks=False)
    before = nlp.tokenizer.suffix_search
    split_after_marks_for(nlp, ["Plain text, with no marks."])
    assert nlp.tokenizer.suffix_search is before  # no reload for ordinary text
    text = "We want e\u0301quite\u0301."
    split_after_marks_for(nlp, ["Plain.", text])
    assert [t.text for t in nlp(text)][-2:] == ["e\u0301quite\u0301", "."]

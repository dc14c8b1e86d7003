from __future__ import annotations

import pytest

from rhetor.io.textnorm import fold_for_matching


@pytest.mark.parametrize(
    "written,seen",
    [
        ("fairness", "fairness"),
        ("e\u0301quite\u0301", "équité"),  # NFD accents
        ("fair\u200bness", "fairness"),  # zero-width space
        ("fair\u00adness", "fairness"),  # soft hyphen
        ("soli\u200ddarity", "solidarity"),  # zero-width joiner
        ("\u200efairness\u200f", "fairness"),  # LRM, RLM
        ("\u202efairness\u202c", "fairness"),  # bidi override and pop
        ("\u2066democracy\u2069", "democracy"),  # bidi isolate
        ("\ufefffairness", "fairness"),  # a stray byte-order mark
        ("fair\u2060ness", "fairness"),  # word joiner
        ("naïve", "naïve"),  # already NFC: unchanged
        ("co-operation", "co-operation"),  # visible punctuation stays
    ],
)
def test_textnorm_fold_for_matching(written, seen):
    assert fold_for_matching(written) == seen


def test_textnorm_keeps_visible_letters_and_spaces():
    text = "Solidarność and the\u00a0state"
    assert fold_for_matching(text) == text


@pytest.mark.parametrize(
    "text,word",
    [
        ("We want e\u0301quite\u0301.", "e\u0301quite\u0301"),  # NFD accent before a full stop
        ("We stand for \u202edemocracy\u202c.", "\u202edemocracy\u202c"),  # bidi pop
        ("Is it fair\u00ad?", "fair\u00ad"),  # a soft hyphen left at the end
    ],
)
def test_textnorm_punctuation_after_marks_is_split(text, word):
    from rhetor.nlp.pipeline import load_pipeline

    tokens = [t.text for t in load_pipeline("blank:en")(text)]
    assert word in tokens and tokens[-1] in {".", "?"}


def test_textnorm_tokenizer_otherwise_unchanged():
    from rhetor.nlp.pipeline import load_pipeline

    tokens = [t.text for t in load_pipeline("blank:en")("U.S. policy, e.g. this (fair).")]
    assert tokens == ["U.S.", "policy", ",", "e.g.", "this", "(", "fair", ")", "."]

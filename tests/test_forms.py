from __future__ import annotations

import pytest
from spacy.tokens import Doc

from rhetor.lexicon.forms import word_classes, word_forms
from rhetor.lexicon.loading import parse_lexicon
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.model import LexiconSet


@pytest.mark.parametrize(
    "word,pos,expected",
    [
        ("fair", ("ADJ",), {"fairer", "fairest", "fairly", "fairness"}),
        ("equal", ("ADJ",), {"equally", "equality"}),
        ("responsible", (), {"responsibly", "responsibility"}),
        ("accountable", (), {"accountably", "accountability"}),
        ("democratic", ("ADJ",), {"democratically"}),
        ("mutual", ("ADJ",), {"mutually", "mutuality"}),
        ("unite", (), {"united", "uniting", "unites"}),
        ("rig", (), {"rigged", "rigging", "rigs"}),
        ("duty", (), {"duties"}),
        ("free", ("ADJ",), {"freer", "freest"}),
    ],
)
def test_forms_make_inflections_and_derivations(word, pos, expected):
    assert expected <= word_forms(word, pos)


@pytest.mark.parametrize(
    "word,pos,absent",
    [
        (
            "fair",
            ("ADJ",),
            {"fairs", "fair"},
        ),  # a trade fair's plural is not made from the adjective
        ("justice", (), {"justicely", "justicer"}),  # a noun gets a plural only
        ("equal", ("ADJ",), {"equals"}),
    ],
)
def test_forms_keep_to_the_word_class(word, pos, absent):
    assert not absent & word_forms(word, pos)


@pytest.mark.parametrize(
    "forms,has,lacks",
    [
        ("all", {"fairer", "fairly"}, set()),
        ("inflections", {"fairer", "fairest"}, {"fairly", "fairness"}),
        ("none", set(), {"fairer"}),
    ],
)
def test_forms_setting_controls_what_is_made(forms, has, lacks):
    made = word_forms("fair", ("ADJ",), forms)
    assert has <= made and not lacks & made


@pytest.mark.parametrize(
    "word,classes",
    [("fairness", {"NOUN"}), ("democratise", {"VERB"}), ("accountable", {"ADJ"})],
)
def test_forms_word_class_from_the_ending(word, classes):
    assert word_classes(word) == classes


@pytest.mark.parametrize(
    "words,pos,expected",
    [
        (["a", "fairer", "deal"], ["DET", "NOUN", "NOUN"], ["fairer"]),  # mislabelled NOUN
        (["the", "fairest", "system"], ["DET", "ADJ", "NOUN"], ["fairest"]),
        (["fairly", "paid"], ["ADV", "VERB"], ["fairly"]),
        (["Fair", "Pay", "Now"], ["PROPN", "PROPN", "ADV"], ["Fair"]),  # a heading
        (["a", "trade", "fair"], ["DET", "NOUN", "NOUN"], []),  # the limit still guards "fair"
        (["the", "fairs", "open"], ["DET", "NOUN", "VERB"], []),
    ],
)
def test_forms_match_whatever_the_tagger_says(blank_nlp, words, pos, expected):
    lexicon = parse_lexicon("id: f\nvirtue:\n  - {term: fair, pos: ADJ}\n", "f.yaml")
    matcher = CompiledLexicons(LexiconSet((lexicon,)))
    doc = Doc(blank_nlp.vocab, words=words, pos=pos)
    assert [doc[c.start : c.end].text for c in matcher.find(doc, has_pos=True)] == expected


def test_forms_a_listed_form_keeps_its_own_entry(blank_nlp):
    text = "id: r\nvirtue:\n  - responsible\n  - {term: responsibility, unless: [{after: [for]}]}\n"
    matcher = CompiledLexicons(LexiconSet((parse_lexicon(text, "r.yaml"),)))
    doc = Doc(blank_nlp.vocab, words=["responsibility", "for", "roads", "and", "responsibly"])
    assert [doc[c.start].text for c in matcher.find(doc)] == ["responsibly"]


def test_forms_none_without_lemmas_keeps_liwc_counting():
    lexicon = parse_lexicon("id: f\nlemmas: false\nvirtue: [fair]\n", "f.yaml")
    assert lexicon.forms == "none"

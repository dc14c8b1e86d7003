from __future__ import annotations

import pytest

from rhetor.forms import word_classes, word_forms


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

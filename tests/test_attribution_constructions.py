"""Round 3's constructions, each on sentences written for these tests (not from any gold
file): a contrastive "not", a pronoun in the next sentence, a vice a law fights, a side
named as the time, agentless programmes, condemned vices, a government as a kind, and
debate (the government's titles, a member's own side, questions to ministers)."""

from __future__ import annotations

import pytest

import rhetor
from rhetor.attribution.cues import load_cues
from rhetor.attribution.parliament import debate_sides
from rhetor.errors import ConfigError
from tests.conftest import needs_model

SIDES = {"reds": ["we", "us", "our", "Reds"], "blues": ["Blues", "this government"]}
DEBATE = {"reds": ["we", "us", "our", "Reds"], "blues": ["Blues"]}


def triples(text, sides=SIDES, **options):
    report = rhetor.analyse(text, sides=sides, min_confidence=0.0, **options)
    return {(c.value, c.side, c.stance) for c in report.claims if c.side}


def rules(text, sides=SIDES):
    report = rhetor.analyse(text, sides=sides, min_confidence=0.0)
    return {(c.value, c.side, c.stance, c.rule) for c in report.claims}


@needs_model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # contrastive "not": the phrase after it is denied, not the clause
        (
            "We will make teachers accountable to parents, not to layers of officials.",
            {("responsibility", "reds", "claims")},
        ),
        # "it" in the next sentence stands for the nearer thing, not the value's phrase
        (
            "We will make sure that tenants get a fairer deal. The levy is cruel and we "
            "will abolish it.",
            {("fairness", "reds", "claims")},
        ),
        # a vice named as what a law fights: strengthening the law claims the value
        (
            "We will strengthen the race discrimination laws.",
            {("fairness", "reds", "claims")},
        ),
        ("The Blues repealed the anti-discrimination laws.", {("fairness", "blues", "opposes")}),
        # a side named as the time the clause speaks of
        (
            "Under this government, billions have been wasted on vanity projects.",
            {("responsibility", "blues", "opposes")},
        ),
        # an agentless passive acting for the value: the author's programme
        ("Discrimination in hiring will be outlawed.", {("fairness", "reds", "claims")}),
        # a vice the author condemns, nobody blamed
        ("Racial discrimination has no place in our society.", {("fairness", "reds", "claims")}),
        ("Such injustice is unacceptable.", {("fairness", "reds", "claims")}),
    ],
)
def test_attribution_constructions_give_what_a_reader_says(text, expected):
    assert triples(text) == expected


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "Inequality has grown.",  # a violation described, nobody blamed: no triple
        "Democracy was undermined.",  # acted against by nobody named: no triple
        "Accountability is at the heart of good government.",  # a kind of government
    ],
)
def test_attribution_constructions_give_no_side_where_none_is_named(text):
    found = triples(text)
    assert not {t for t in found if t[1] == "blues"}
    if "Inequality" in text or "undermined" in text:
        assert found == set()


@needs_model
def test_attribution_constructions_era_is_its_own_rule():
    found = rules("Under the Blues, democracy was undermined.")
    assert ("democracy", "blues", "opposes", "era") in found


@needs_model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pressed to act: the asker's claim alone
        ("Will the Minister ensure that the system is fair?", {("fairness", "reds", "claims")}),
        # pressed to concede: the asker's claim and the government's shortfall
        (
            "Does the Minister not accept that this tax is unfair?",
            {("fairness", "reds", "claims"), ("fairness", "blues", "opposes")},
        ),
        # doubting the government's commitment: it lacks the value
        ("Does the Minister really believe in fairness?", {("fairness", "blues", "opposes")}),
        # a question about time claims nothing
        ("When will the referendum be held?", set()),
        # the government's titles and a member's own side
        ("The Government have abandoned fairness.", {("fairness", "blues", "opposes")}),
        ("My hon. Friend has always stood up for fairness.", {("fairness", "reds", "claims")}),
    ],
)
def test_attribution_debate_gives_what_a_reader_says(text, expected):
    assert triples(text, DEBATE, government=("blues",)) == expected


def test_parliament_debate_sides_add_titles():
    words = load_cues().parliament
    sides = debate_sides(DEBATE, ["Blues"], words)
    assert "the Minister" in sides["blues"] and "the Government" in sides["blues"]
    assert "my hon. Friend" in sides["reds"] and "the Minister" not in sides["reds"]
    assert sides["reds"][:4] == DEBATE["reds"]  # the given aliases first, unchanged


def test_parliament_debate_sides_own_side_of_a_named_author():
    """With the speaker's side named (--author, --author-from), "my hon. Friend" is
    that side's, not the side that lists "we"."""
    sides = debate_sides(DEBATE, ["reds"], load_cues().parliament, author="Blues")
    assert "my hon. Friend" in sides["blues"] and "my hon. Friend" not in sides["reds"]
    assert "the Government" in sides["reds"]


@needs_model
def test_parliament_author_and_government_together():
    text = "We will always stand up for fairness. The Government have abandoned fairness."
    found = triples(
        text, {"reds": ["Reds"], "blues": ["Blues"]}, author="reds", government=["blues"]
    )
    assert found == {("fairness", "reds", "claims"), ("fairness", "blues", "opposes")}


def test_parliament_debate_sides_refuse_an_unknown_government():
    with pytest.raises(ConfigError, match="--government names no side: greens"):
        debate_sides(DEBATE, ["greens"], load_cues().parliament)


@needs_model
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She ignored the voices of the devolved nations.", set()),
        ("We will devolve power to the nations.", {"democracy"}),
    ],
)
def test_lexicon_devolved_bodies_are_places(text, found):
    report = rhetor.analyse(text, sides=SIDES)
    assert {m.value for m in report.matches} == found

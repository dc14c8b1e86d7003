"""Parsing only what can yield a claim, and cutting over-long sentences for the parser."""

from __future__ import annotations

from itertools import pairwise

import pytest

from rhetor.nlp.chunking import MAX_SENTENCE_WORDS, sentence_cuts
from rhetor.nlp.selection import regions, select_sentences, sentence_spans
from tests.conftest import needs_model

SIDES = {"lab": ["Labour"], "con": ["Conservatives", "Tories"]}


# -- which sentences are parsed ------------------------------------------------------------


def chosen(count, candidates, naming=(), pronouns=(), paragraphs=(), things=()):
    flags = select_sentences(
        count, set(candidates), set(naming), set(pronouns), set(paragraphs), set(things)
    )
    return [k for k, keep in enumerate(flags) if keep]


def test_a_mention_sentence_and_the_next_are_parsed():
    assert chosen(6, {2}) == [2, 3]
    assert chosen(6, {5}) == [5]  # the last sentence has no next one


def test_a_pronoun_takes_the_parse_back_to_the_earliest_sentence_naming_a_side():
    # "The Tories met. [...] They promised fairness."
    assert chosen(8, {4}, naming={0, 2}, pronouns={4}) == [0, 1, 2, 3, 4, 5]
    # a pronoun in the next sentence counts too
    assert chosen(8, {4}, naming={2}, pronouns={5}) == [2, 3, 4, 5]
    # no pronoun: the sides named before are not needed
    assert chosen(8, {4}, naming={2}) == [4, 5]


def test_the_reach_back_stops_at_the_paragraph_and_the_focus_window():
    assert chosen(8, {4}, naming={1}, pronouns={4}, paragraphs={3}) == [4, 5]
    assert chosen(8, {4}, naming={1, 3}, pronouns={4}, paragraphs={3}) == [3, 4, 5]
    assert chosen(8, {4}, naming={1}, pronouns={4}, paragraphs={4}) == [4, 5]
    assert chosen(12, {9}, naming={1}, pronouns={9}) == [9, 10]  # more than 6 back


def test_a_sentence_opening_with_it_brings_the_one_before():
    assert chosen(6, {3}, things={3}) == [2, 3, 4]
    assert chosen(6, {3}, things={3}, paragraphs={3}) == [3, 4]


def test_chosen_sentences_are_joined_into_regions():
    spans = [(0, 5), (5, 9), (9, 20), (20, 30)]
    assert regions(spans, [True, True, False, True]) == [(0, 9), (20, 30)]


def test_cheap_sentences_tile_the_text_and_skip_titles():
    text = 'Mr. Smith spoke. He said no!\nThen "Let\'s Move!" partnership grew. End'
    spans = sentence_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    pieces = [text[a:b] for a, b in spans]
    assert pieces[0] == "Mr. Smith spoke. "  # not after "Mr."
    assert pieces[2].startswith("Then") and "partnership grew" in pieces[2]


# -- the long-sentence split -------------------------------------------------------------


def test_a_long_unpunctuated_stretch_is_cut_before_a_joining_word():
    words = [f"w{i}" for i in range(450)]
    words[170] = "and"
    text = " ".join(words)
    cuts = sentence_cuts(text)
    assert cuts and text[cuts[0] :].startswith("and ")
    bounds = [0, *cuts, len(text)]
    assert all(len(text[a:b].split()) <= MAX_SENTENCE_WORDS for a, b in pairwise(bounds))


def test_punctuated_text_is_never_cut():
    text = ("This is a sentence of words. " * 200) + "\n" + ("And a line\n" * 100)
    assert sentence_cuts(text) == []


@pytest.mark.parametrize(("count", "cut"), [(8, False), (9, True)])
def test_sentence_cap_opens_a_sentence_only_past_the_limit(blank_nlp, count, cut):
    from spacy.tokens import Doc

    from rhetor.nlp.sentcap import SentenceCap

    doc = Doc(blank_nlp.vocab, words=[f"w{i}" for i in range(count)])
    for token in doc:
        token.is_sent_start = token.i == 0
    SentenceCap(max_words=8)(doc)
    assert [t.i for t in doc if t.is_sent_start] == ([0, 8] if cut else [0])


@pytest.mark.slow
@needs_model
def test_the_parser_never_sees_a_sentence_over_the_limit(en_nlp):
    text = " ".join(["the people want fairness and the government talks"] * 120)
    doc = en_nlp(text)
    assert max(len(s) for s in doc.sents) <= MAX_SENTENCE_WORDS + 1
    from rhetor.api import analyse

    report = analyse(text, sides=SIDES)
    assert any("sentence" in w and "parser" in w for w in report.warnings)
    assert all(m.text == text[m.start : m.end] for m in report.matches)


# -- selective parsing agrees with --parse-all ----------------------------------------------

TINY = [
    "The Tories talk about fairness. Instead they cut wages. We will deliver fairness.",
    "Labour met the unions last week.\n\nNothing happened. Weather was grey. It rained. "
    "They said that solidarity matters. The Conservatives oppose democracy. We agree with "
    "them. Let's protect justice.",
    "It will bring fairness and reciprocity. The weather was fine.",
    "No values here at all. Only weather and dinner.",
    "Mr. Smith praised the Conservatives. Their responsibility is a sham. "
    "Labour, however, defends equality. It is fair.",
    # a term whose first word counts mode reads as an adjective here ("divided our")
    "The Conservatives would turn the clock back to policies that impoverished and divided "
    "our country. The weather was grey and cold for a week in the north.",
    # spaCy lemmatises the noun "uses" as "us": no mention of the author, parsed or not
    "Labour stands for fairness. The weather was grey and cold for a week in the north. "
    "Second, we encourage alternative uses of land and more diverse farming.",
]


@needs_model
@pytest.mark.parametrize("text", TINY)
def test_selective_parsing_agrees_with_parse_all(text):
    from rhetor.api import Analyser
    from rhetor.options import AnalyseOptions

    sides = AnalyseOptions.freeze_sides(SIDES)
    selective = Analyser(AnalyseOptions(sides=sides)).analyse(text)
    full = Analyser(AnalyseOptions(sides=sides, parse_all=True)).analyse(text)
    assert selective.matches == full.matches
    assert selective.claims == full.claims
    assert [(s.id, s.mentions) for s in selective.sides] == [(s.id, s.mentions) for s in full.sides]
    assert selective.stats.words == full.stats.words


@needs_model
@pytest.mark.parametrize(
    "text",
    [
        "The government stands for fairness. The weather was grey and cold for a week. "
        "The county government met on Tuesday in the town hall of the old market town.",
        "Our government will deliver fairness. The weather was grey and cold for a week. "
        "The local government of the town met on Tuesday in the old hall.",
        # the tagger makes one "Labour" an adjective (a mention) and the other a name
        "The government stands for fairness. The weather was grey and cold for a week. "
        "Contact your local Labour campaign team or the local Labour councillors in town.",
    ],
)
def test_selective_parsing_counts_another_body_as_the_parse_does(text):
    from rhetor.api import Analyser
    from rhetor.options import AnalyseOptions

    sides = AnalyseOptions.freeze_sides({"gov": ["government"], "lab": ["Labour"]})
    selective = Analyser(AnalyseOptions(sides=sides)).analyse(text)
    full = Analyser(AnalyseOptions(sides=sides, parse_all=True)).analyse(text)
    assert [(s.id, s.mentions) for s in selective.sides] == [(s.id, s.mentions) for s in full.sides]
    assert dict((s.id, s.mentions) for s in full.sides)["gov"] == 1


@needs_model
def test_found_sides_parse_everything():
    from rhetor.api import Analyser
    from rhetor.options import AnalyseOptions

    assert Analyser(AnalyseOptions()).selector is None
    assert Analyser(AnalyseOptions(sides=AnalyseOptions.freeze_sides(SIDES))).selector


def test_the_next_sentence_is_parsed_only_when_a_rule_could_read_it():
    flags = select_sentences(4, {1}, set(), set(), followers=set())
    assert [k for k, keep in enumerate(flags) if keep] == [1]
    flags = select_sentences(4, {1}, set(), set(), followers={2})
    assert [k for k, keep in enumerate(flags) if keep] == [1, 2]


@needs_model
def test_what_a_rule_reads_in_the_next_sentence():
    from rhetor.api import Analyser
    from rhetor.options import AnalyseOptions

    selector = Analyser(AnalyseOptions(sides=AnalyseOptions.freeze_sides(SIDES))).selector
    assert selector.reads_next("Instead they cut wages to the bone last spring.")
    assert selector.reads_next("We will.")  # an elliptical clause
    assert selector.reads_next("We agree with them on the whole of this matter.")
    assert not selector.reads_next("The weather in the north was grey and cold for a week.")
    assert selector.reads_next("The weather in the north was grey and cold all week.")  # all

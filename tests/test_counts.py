"""Counts mode (rhetor.counts): the word-form table, the tokeniser, the context rules,
and agreement with the full pipeline on inflections."""

from __future__ import annotations

import json

import pytest

from rhetor.counts.analyser import CountsAnalyser, estimate_sentences, evidence, merged_ranges
from rhetor.counts.tokens import pieces
from rhetor.counts.wordforms import LemmaRules, compile_word_forms
from rhetor.lexicon.loading import parse_lexicon
from rhetor.lexicon.model import LexiconSet
from rhetor.options import AnalyseOptions
from tests.conftest import needs_model

LEXICON = """
id: fairness
names: skip
virtue:
  - fairness
  - {term: fair, pos: ADJ}
  - {term: just, pos: ADJ}
  - fair share
  - co-operate
  - democratis*
  - unite
  - term: duty
    unless:
      - before: [customs, excise]
      - child: "on <NOUN>"
vice:
  - unfair
exclude:
  - a fair amount
  - united states
"""


def small_rules() -> LemmaRules:
    """A hand-made slice of the English lemmatiser's data."""
    exceptions = {"verb": {"stood": ["stand"]}, "noun": {}, "adj": {}, "adv": {}}
    return LemmaRules(
        rules={
            "noun": [("s", ""), ("ies", "y")],
            "verb": [("s", ""), ("ing", ""), ("ing", "e"), ("ed", "e"), ("ed", "")],
            "adj": [("er", ""), ("est", "")],
            "adv": [],
        },
        exceptions=exceptions,
        index={
            "noun": frozenset({"share", "fairness", "duty"}),
            "verb": frozenset({"operate", "cooperate", "share", "unite", "stand"}),
            "adj": frozenset({"fair", "united"}),
            "adv": frozenset(),
        },
        by_lemma={"verb": {"stand": ["stood"]}},
    )


@pytest.fixture(scope="module")
def lexicons() -> LexiconSet:
    return LexiconSet((parse_lexicon(LEXICON, "fairness.yaml"),))


@pytest.mark.parametrize(
    ("form", "pos", "lemma"),
    [
        ("fairer", "adj", "fair"),
        ("fairest", "adj", "fair"),
        ("shares", "noun", "share"),
        ("operating", "verb", "operate"),
        ("stood", "verb", "stand"),
        ("duties", "noun", "duty"),
        ("fair", "adj", "fair"),  # no rule's suffix, no exception: the form itself
        ("fair", "adv", "fair"),  # no rules at all
        ("share", "verb", "share"),
    ],
)
def test_wordforms_lemma_follows_spacy_rules(form, pos, lemma):
    assert small_rules().lemma(form, pos) == lemma


def test_wordforms_table_keeps_only_forms_that_lemmatise_back(lexicons):
    table = compile_word_forms(lexicons, small_rules())
    assert ("ADJ", "fair") in table.get("fairer")
    assert ("NOUN", "share") in table.get("shares")
    assert ("VERB", "operate") in table.get("operating")
    assert ("VERB", "cooperate") in table.get("cooperating")
    assert table.get("fairly") == ()  # no rule of the lemmatiser makes it from "fair"


def test_wordforms_empty_without_lemmatiser(lexicons):
    assert len(compile_word_forms(lexicons, None)) == 0


@pytest.mark.parametrize(
    "text",
    ["", "  ", "Hello, U.S. world's co-operate 1,000 -- don't.\n\n", "a\tb\r\nc ", "é ß İ"],
)
def test_tokens_pieces_tile_the_text(text):
    assert "".join(pieces(text)) == text


def test_tokens_keep_numbers_and_abbreviations_whole():
    cut = [p.strip() for p in pieces("The U.S. paid 1,000.50 for co-operation.")]
    assert cut == ["The", "U.S.", "paid", "1,000.50", "for", "co", "-", "operation", "."]


@pytest.mark.parametrize(
    ("words", "starts", "sentences"),
    [
        (["One", ".", "Two", "words", "!"], [0, 2], [(0, 2), (0, 2), (2, 5), (2, 5), (2, 5)]),
        (["No", "end"], [0], [(0, 2), (0, 2)]),
        (["Fair", "."], [0], [(0, 2), (0, 2)]),
    ],
)
def test_tokens_segment_gives_each_token_its_sentence(words, starts, sentences):
    from rhetor.counts.tokens import Segment, Token

    segment = Segment()
    for i, word in enumerate(words):
        segment.append(Token(word, word, "X", i, i, i + 1, segment))
    segment.close(starts)
    assert [(token.sent.start, token.sent.end) for token in segment] == sentences
    assert [t.text for t in segment[-1].sent] == words[sentences[-1][0] :]
    assert segment[0].sent is segment[0].sent  # made once


@pytest.fixture
def counter(lexicons, monkeypatch):
    monkeypatch.setattr("rhetor.counts.analyser.lemma_rules", lambda model: small_rules())
    return CountsAnalyser(AnalyseOptions(counts=True, builtin_lexicons=False), lexicons)


def found(counter, text: str) -> list[str]:
    return [m.text for m in counter.count(text).matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We want fairness and fairer rules, the fairest of all.",
            ["fairness", "fairer", "fairest"],
        ),
        (
            "They co-operate; we are co-operating; all cooperated.",
            ["co-operate", "co-operating", "cooperated"],
        ),
        ("Our fair shares.", ["fair shares"]),
        ("A fair amount of money.", []),
        ("To democratise and democratisation.", ["democratise", "democratisation"]),
        ("It is unfair.", ["unfair"]),
        ("The United States and the states united in purpose.", ["united"]),
        ("A united people.", ["united"]),
        ("Our duty, and customs duties.", ["duty"]),
        ("A duty on imports.", ["duty"]),  # "child" needs the parse: it never vetoes here
        ("It was just as good, just 5 years.", []),
        ("A just share, on just principles.", ["just"]),
        ("We liked the Fair Deal of the Fair Party.", []),
    ],
)
def test_counts_finds_inflections_and_applies_excludes(counter, text, expected):
    assert found(counter, text) == expected


EXCLUDES = """
id: solidarity
virtue: [united, union, {term: unity, unless: [{before: [national]}]}]
exclude:
  - united states
  - {term: trade union, unless: [{before: [free]}]}
  - national unity
"""


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        (["the", "united", "states"], []),  # always excluded: nothing left to check
        (["a", "united", "people"], ["united"]),
        (["a", "trade", "union"], ["union", "trade union"]),  # the exclude has conditions
        (["national", "unity"], []),  # the term's own conditions cannot lift an exclude
        (["unity", "now"], ["unity"]),
        (["united", "states", "and", "union"], ["union", "united states"]),  # excludes stay
    ],
)
def test_counts_terms_inside_unconditional_excludes_are_dropped_early(words, kept):
    from rhetor.counts.analyser import that_may_count
    from rhetor.counts.tokens import Word
    from rhetor.lexicon.matching import CompiledLexicons

    compiled = CompiledLexicons(LexiconSet((parse_lexicon(EXCLUDES, "solidarity.yaml"),)))
    candidates = compiled.candidates([Word(w, w, "X") for w in words])
    left = [" ".join(words[start:end]) for start, end, _ in that_may_count(candidates)]
    assert sorted(left) == sorted(kept)


# -- the vocabulary: code letters, and where searches start -------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "  ", "Hello, U.S. world's 1,000.50 co-operate -- don't.\n", "a\tb _c", "é ß İ ²"],
)
def test_vocabulary_count_words_counts_the_word_pieces(counter, text):
    from rhetor.counts.tokens import is_word
    from rhetor.counts.vocabulary import count_words

    cut = pieces(text)
    assert count_words(counter.vocabulary.letters(cut)) == sum(map(is_word, cut))


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Our fair shares.", [" fair", " shares"]),  # a term; a phrase's anchor by its word
        ("Their shares rose.", []),  # an anchor with no neighbour of its phrase
        ("A fair - share.", [" fair", " share"]),  # joiners between neighbours
        ("To democratise and democratisation.", [" democratise", " democratisation"]),
        ("The United States united.", [" United", " united"]),
        ("Nothing here at all.", []),
    ],
)
def test_vocabulary_search_starts(counter, text, starts):
    cut = pieces(text)
    found = counter.vocabulary.search_starts(cut, counter.vocabulary.letters(cut))
    assert [cut[i] for i in sorted(set(found))] == starts


PHRASES = """
id: democracy
virtue: [government of the people, a say in it, "one member, one vote"]
"""


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("A government of the people.", [" government"]),
        ("A government of the peoples.", [" government"]),  # the last word in any form
        ("The government of the day.", [" government"]),  # the matcher decides the last word
        ("The government of a day.", []),  # a neighbour, but not the phrase
        ("The government is of the people.", []),
        ("Government - of the people.", ["Government"]),  # joiners skipped
        ("Have a say in it.", [" say"]),
        ("I say in it.", []),
        ("By one member, one vote.", [" member"]),  # punctuation in a term is a word of it
        ("One member one vote.", []),
    ],
)
def test_vocabulary_phrase_anchor_needs_the_phrase_around_it(monkeypatch, text, starts):
    monkeypatch.setattr("rhetor.counts.analyser.lemma_rules", lambda model: small_rules())
    lexicons = LexiconSet((parse_lexicon(PHRASES, "democracy.yaml"),))
    vocabulary = CountsAnalyser(AnalyseOptions(counts=True), lexicons).vocabulary
    cut = pieces(text)
    found = vocabulary.search_starts(cut, vocabulary.letters(cut))
    assert [cut[i] for i in found] == starts


def test_counts_finds_a_term_with_a_comma(monkeypatch):
    monkeypatch.setattr("rhetor.counts.analyser.lemma_rules", lambda model: small_rules())
    lexicons = LexiconSet((parse_lexicon(PHRASES, "democracy.yaml"),))
    analyser = CountsAnalyser(AnalyseOptions(counts=True), lexicons)
    assert found(analyser, "We back one member, one vote.") == ["one member, one vote"]


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("We co-operate.", [" co"]),  # "co" + "operate" begins the term "co-operate"
        ("We co - operated.", [" co"]),
        ("The world's co-ordinator.", []),  # "co" + "ordinator" begins no term
        ("Fair-share.", ["Fair"]),  # the key of "fair share" is "fairshare"
        ("Fair-minded.", []),
    ],
)
def test_vocabulary_split_words(counter, text, split):
    cut = pieces(text)
    found = counter.vocabulary.split_words(cut, counter.vocabulary.letters(cut))
    assert [cut[i] for i in found] == split


def test_counts_record_has_the_report_shape_and_is_marked(counter):
    record = counter.analyse("We believe in fairness.", source="x.txt").to_dict()
    assert record["mode"] == "counts"
    assert record["model"]["name"] == "rhetor-counts"
    assert record["sides"] == [] and record["claims"] == [] and record["matrix"] == {}
    assert record["stats"] == {"characters": 23, "words": 4, "sentences": 1}
    assert record["values"][0] == {
        "value": "fairness",
        "mentions": 1,
        "virtue": 1,
        "vice": 0,
        "negated": 0,
        "per_1000_words": 250.0,
    }
    (match,) = record["matches"]
    assert "We believe in fairness."[match["start"] : match["end"]] == "fairness"
    json.dumps(record)


def test_counts_negation_in_the_window_before(counter):
    (mention,) = counter.count("There is no fairness here.").matches
    assert mention.negated


@pytest.mark.parametrize(
    ("text", "sentences"),
    [("", 0), ("One. Two! Three?", 3), ("One. Two", 2), ("No end", 1), ('He said "stop." Then', 2)],
)
def test_counts_sentence_estimate(text, sentences):
    assert estimate_sentences(text) == sentences


def test_counts_evidence_is_the_sentence_around():
    text = "First one. We value fairness here. Last."
    start = text.index("fairness")
    assert evidence(text, start, start + 8) == ("We value fairness here.", 11)


def test_counts_merged_ranges():
    assert list(merged_ranges([(5, 9), (-2, 3), (8, 12), (20, 30)], 25)) == [
        (0, 3),
        (5, 12),
        (20, 25),
    ]


# -- agreement with the full pipeline --------------------------------------------------------------

INFLECTIONS = [
    "We need fair rules.",
    "This is fairer than that.",
    "They dealt with us fairly.",
    "We must co-operate, and we are co-operating now.",
    "They cooperated in good faith.",
    "We will democratise the institutions; democratisation matters.",
    "It democratised the party.",
    "Injustices were done, and injustice remains.",
    "We stood together and stand together.",
    "The responsibilities of office, and our responsibility.",
    "Our duties and our duty.",
    "They want their fair shares.",
    "A just peace.",
    "It was just as they said.",
    "The United States of America.",
    "Democratic institutions and the Democratic Party.",
    "It is a fair deal and fairly done.",
    "Democratise it.",
    "We cooperate and co-operated.",
    "The union was united.",
    "We are united in purpose.",
    "This is fairer than that, the fairest of all.",
    "They dealt with us fairly and with fairness.",
    "We must co-operate; co-operating, co-operation and cooperative work.",
    "Unfairly, unjustly.",
    "Democratising and democratised.",
    "Responsibly and irresponsibly.",
    "Our mutually agreed terms.",
    "Solidarity, united, uniting.",
    # a condition on the parse ("elected" as a verb) said again in word order
    "The governor elected in 1872 resigned, and we need elected mayors.",
    "Those elected by the people meet our elected officials.",
]


@needs_model
@pytest.mark.model
@pytest.mark.parametrize("text", INFLECTIONS)
def test_counts_agrees_with_full_pipeline_on_inflections(text):
    from rhetor.api import get_analyser

    full = get_analyser(AnalyseOptions()).analyse(text)
    counts = get_analyser(AnalyseOptions(counts=True)).analyse(text)
    spans = [(m.value, m.polarity, m.start, m.end) for m in full.matches]
    assert [(m.value, m.polarity, m.start, m.end) for m in counts.matches] == spans
    assert counts.stats.words == full.stats.words


# -- the command line ------------------------------------------------------------------------------


def test_cli_analyse_counts_json(write):
    from typer.testing import CliRunner

    from rhetor.cli import app

    doc = write("speech.txt", "We believe in fairness and in solidarity.")
    result = CliRunner().invoke(app, ["analyse", str(doc), "--counts", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mode"] == "counts" and report["claims"] == []
    assert {m["text"] for m in report["matches"]} == {"fairness", "solidarity"}


def test_cli_batch_counts_csv_leaves_claim_columns_empty(write, tmp_path):
    import csv

    from typer.testing import CliRunner

    from rhetor.cli import app

    write("a.txt", "We believe in fairness.")
    write("b.txt", "Injustice everywhere.")
    out = tmp_path / "scores.csv"
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path), "--counts", "-f", "csv", "-o", str(out), "-q", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["fairness_mentions"] for r in rows] == ["1", "1"]
    assert [r["fairness_vice"] for r in rows] == ["0", "1"]
    assert all(r["author__fairness__claims"] == "" for r in rows)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--side", "labour=we"], "--counts reports no sides"),
        (["--cache", "somewhere"], "--counts parses nothing"),
    ],
)
def test_cli_counts_refuses_options_it_cannot_honour(write, extra, message):
    from typer.testing import CliRunner

    from rhetor.cli import app

    doc = write("speech.txt", "Fairness.")
    result = CliRunner().invoke(app, ["analyse", str(doc), "--counts", *extra])
    assert result.exit_code == 2
    assert result.stderr.startswith("rhetor: error:") and message in result.stderr
    assert result.stdout == ""


def test_counts_parse_conditions_are_read_from_word_order_once():
    from rhetor.counts.wordorder import read_from_word_order
    from rhetor.lexicon.senses import parse_condition

    condition = parse_condition({"before": "fuel", "child": "on <NOUN>", "head": "levy"})
    others, following = read_from_word_order(condition)
    assert (others.head, others.child, others.before) == ((), (), condition.before)
    assert (following.near, following.window, following.before) == (condition.child, 3, ())
    assert read_from_word_order(condition)[0] is others


@pytest.mark.parametrize(
    ("unless", "reach"),
    [
        ("", 0),
        ("{near: [trade], window: 10}", 10),
        ("{near: [trade, united nations], window: 10}", 11),  # a phrase begun at the far end
        ("{near: [a b c]}", 6),  # the default window of four
        ("{before: [a b c d e f g h]}", 8),
        ("{after: [a, b c]}", 2),
    ],
)
def test_counts_context_covers_what_near_conditions_read(unless, reach):
    from rhetor.counts.analyser import lexicons_reach

    conditions = f"\n    unless: [{unless}]" if unless else ""
    text = f"id: reciprocity\nvirtue:\n  - term: reciprocity{conditions}\n"
    assert lexicons_reach(LexiconSet((parse_lexicon(text, "r.yaml"),))) == reach


@pytest.mark.parametrize(
    ("far", "groups"),
    [
        ([], [((4, 18), [(10, 12)]), ((34, 48), [(40, 42)])]),
        ([41], [((4, 18), [(10, 12)]), ((20, 62), [(40, 42)])]),  # a search reading far
        ([10, 40], [((0, 62), [(10, 12), (40, 42)])]),  # wide enough to meet: one group
    ],
)
def test_counts_context_is_wider_only_around_searches_that_read_far(far, groups):
    from rhetor.counts.analyser import with_context

    assert list(with_context([(10, 12), (40, 42)], 100, (6, 20), far)) == groups


def test_vocabulary_knows_which_words_read_far(monkeypatch):
    monkeypatch.setattr("rhetor.counts.analyser.lemma_rules", lambda model: small_rules())
    text = (
        "id: reciprocity\nvirtue:\n  - fair\n"
        "  - {term: reciprocity, unless: [{near: [vessels], window: 10}]}\n"
    )
    analyser = CountsAnalyser(
        AnalyseOptions(counts=True), LexiconSet((parse_lexicon(text, "r.yaml"),))
    )
    vocabulary = analyser.vocabulary
    cut = pieces("fair reciprocity Reciprocity")
    vocabulary.letters(cut)
    assert [vocabulary.reads_far(piece) for piece in cut] == [False, True, True]
    assert analyser.context_words == 10

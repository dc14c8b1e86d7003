from __future__ import annotations

import pytest
from spacy.tokens import Doc

from rhetor.lexicon.loading import parse_lexicon
from rhetor.lexicon.matching import CompiledLexicons
from rhetor.lexicon.model import LexiconSet


def lexset(*texts: str) -> LexiconSet:
    return LexiconSet(tuple(parse_lexicon(t, f"t{i}.yaml") for i, t in enumerate(texts)))


def found(compiled, doc):
    return [
        (doc[c.start : c.end].text, c.entry.value, c.entry.polarity)
        for c in compiled.find(doc, has_pos=doc.has_annotation("POS"))
    ]


@pytest.mark.parametrize(
    "words",
    [["co", "-", "operative"], ["cooperative"], ["co", "operative"], ["Co", "-", "Operative"]],
)
def test_matching_spelling_variants(blank_nlp, words):
    compiled = CompiledLexicons(lexset("id: m\nvirtue: [co-operative]\n"))
    doc = Doc(blank_nlp.vocab, words=["a", *words, "bank"])
    assert [m[0] for m in found(compiled, doc)] == [doc[1 : 1 + len(words)].text]


def test_matching_uses_lemma_and_surface(blank_nlp):
    compiled = CompiledLexicons(lexset("id: f\nvirtue: [injustice, rights and responsibilities]\n"))
    doc = Doc(
        blank_nlp.vocab,
        words=["injustices", "and", "rights", "and", "responsibilities"],
        lemmas=["injustice", "and", "right", "and", "responsibility"],
    )
    assert [m[0] for m in found(compiled, doc)] == ["injustices", "rights and responsibilities"]


@pytest.mark.parametrize(
    "flag,expected",
    [("", ["injustices", "injustice"]), ("lemmas: false\n", ["injustice"])],
)
def test_matching_lemmas_false_matches_word_forms_only(blank_nlp, flag, expected):
    compiled = CompiledLexicons(lexset(f"id: f\n{flag}virtue: [injustice]\n"))
    doc = Doc(
        blank_nlp.vocab,
        words=["injustices", "and", "injustice"],
        lemmas=["injustice", "and", "injustice"],
    )
    assert [m[0] for m in found(compiled, doc)] == expected


def test_matching_glob_must_end_inside_last_token(blank_nlp):
    compiled = CompiledLexicons(lexset("id: d\nvirtue: [democrati*]\n"))
    doc = Doc(blank_nlp.vocab, words=["democratisation", "democrat", "democratic"])
    assert [m[0] for m in found(compiled, doc)] == ["democratisation", "democratic"]


def test_matching_pos_limit_applies_to_tagged_text_only(blank_nlp):
    compiled = CompiledLexicons(lexset("id: f\nvirtue:\n  - {term: just, pos: ADJ}\n"))
    tagged = Doc(
        blank_nlp.vocab,
        words=["a", "just", "society", "just", "as"],
        pos=["DET", "ADJ", "NOUN", "ADV", "SCONJ"],
    )
    assert [(m[0]) for m in found(compiled, tagged)] == ["just"]
    assert compiled.find(tagged, has_pos=True)[0].start == 1
    untagged = Doc(blank_nlp.vocab, words=["a", "just", "society"])
    assert found(compiled, untagged) == []


def test_matching_exclude_vetoes_only_inside_the_phrase(blank_nlp):
    compiled = CompiledLexicons(
        lexset("id: f\nvirtue: [fair]\nexclude: [trade fair, a fair amount]")
    )
    doc = Doc(
        blank_nlp.vocab, words=["a", "fair", "amount", "at", "the", "trade", "fair", "is", "fair"]
    )
    assert [(c.start, c.end) for c in compiled.find(doc)] == [(8, 9)]


def test_matching_longest_match_wins_across_values(blank_nlp):
    compiled = CompiledLexicons(
        lexset(
            "id: mutuality\nvirtue: [mutual]\n",
            "id: reciprocity\nvirtue: [mutual obligation]\n",
        )
    )
    doc = Doc(blank_nlp.vocab, words=["mutual", "obligation", "and", "mutual", "respect"])
    assert found(compiled, doc) == [
        ("mutual obligation", "reciprocity", "virtue"),
        ("mutual", "mutuality", "virtue"),
    ]


def test_matching_never_counts_a_mention_twice(blank_nlp):
    compiled = CompiledLexicons(lexset("id: s\nvirtue: [solidarity, solidar*, solidarity pay*]\n"))
    doc = Doc(blank_nlp.vocab, words=["solidarity", "payments", "and", "solidarity"])
    assert [m[0] for m in found(compiled, doc)] == ["solidarity payments", "solidarity"]


def test_matching_same_span_in_two_values_counts_once_per_value(blank_nlp):
    compiled = CompiledLexicons(lexset("id: a\nvirtue: [care]\n", "id: b\nvice: [care]\n"))
    doc = Doc(blank_nlp.vocab, words=["care"])
    assert found(compiled, doc) == [("care", "a", "virtue"), ("care", "b", "vice")]


def test_matching_vice_polarity_and_no_match_on_joiner_start(blank_nlp):
    compiled = CompiledLexicons(lexset("id: f\nvice: [unfair]\nvirtue: [fair]\n"))
    doc = Doc(blank_nlp.vocab, words=["-", "unfair", "'", "fair"])
    assert found(compiled, doc) == [("unfair", "f", "vice"), ("fair", "f", "virtue")]


@pytest.mark.parametrize(
    ("term", "words", "lemmas", "spans"),
    [
        ("democra*", ["democracies"], ["democracy"], [(0, 1, False)]),  # word and lemma: once
        # the word form by its generated entry, the lemma by the term's own
        ("fair share", ["fair", "shares"], ["fair", "share"], [(0, 2, True), (0, 2, False)]),
        (
            "share",
            ["shares", "shared"],
            ["share"] * 2,
            [(0, 1, True), (0, 1, False), (1, 2, True), (1, 2, False)],
        ),
        ("co-operation", ["co", "-", "operation"], ["co", "-", "operation"], [(0, 3, False)]),
    ],
)
def test_matching_candidates_name_each_span_and_entry_once(term, words, lemmas, spans):
    from rhetor.counts.tokens import Word

    compiled = CompiledLexicons(lexset(f"id: v\nvirtue: ['{term}']\n"))
    tokens = [Word(w, lemma, "X") for w, lemma in zip(words, lemmas, strict=True)]
    assert [(c.start, c.end, c.entry.derived) for c in compiled.candidates(tokens)] == spans

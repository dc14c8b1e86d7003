"""Model-backed tests: the real English pipeline on real text."""

from __future__ import annotations

import json

import pytest

import rhetor
from rhetor.api import get_analyser
from rhetor.formats import OutputFormat, RenderContext, get_formatter
from tests.conftest import needs_model

pytestmark = needs_model


def counts(report):
    return {row.value: row.mentions for row in report.values}


def test_integration_seed_counts(seed_text):
    found = counts(rhetor.analyse(seed_text))
    minimum = {
        "fairness": 1,
        "solidarity": 4,
        "mutuality": 5,
        "reciprocity": 1,
        "responsibility": 2,
        "democracy": 1,
    }
    assert all(found[v] >= n for v, n in minimum.items()), found


def test_integration_offsets_index_the_original_text(seed_text):
    report = rhetor.analyse(seed_text)
    for m in report.matches:
        assert seed_text[m.start : m.end] == m.text
        assert seed_text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence


@pytest.mark.parametrize(
    "text",
    [
        "There was a fair amount of rain at the trade fair, "
        "and the mutual fund rose just as expected.",
        "The county fair opened on Saturday, just after the harvest was in.",
        "She opened an account at the credit union and bought a mutual fund.",
        "The United States signed a treaty with the United Kingdom.",
    ],
)
def test_integration_false_friends_do_not_match(text):
    assert rhetor.analyse(text).matches == ()


@pytest.mark.parametrize(
    "text,value,polarity,negated",
    [
        ("A just society needs a fair deal for workers.", "fairness", "virtue", False),
        ("Their irresponsible gamble cost a million jobs.", "responsibility", "vice", False),
        ("There was a lack of accountability at the top.", "responsibility", "virtue", True),
        ("We do not believe in solidarity.", "solidarity", "virtue", True),
        ("Not only co-operation but also trust.", "mutuality", "virtue", False),
        ("The regime rigged elections and jailed dissidents.", "democracy", "vice", False),
        ("We want a something-for-something welfare state.", "reciprocity", "virtue", False),
    ],
)
def test_integration_mentions(text, value, polarity, negated):
    report = rhetor.analyse(text)
    assert [(m.value, m.polarity, m.negated) for m in report.matches][:1] == [
        (value, polarity, negated)
    ]


def test_integration_json_is_byte_identical_across_runs(seed_text):
    fmt = get_formatter(OutputFormat.json)
    first = fmt.render(rhetor.analyse(seed_text, source="seed"), RenderContext())
    second = fmt.render(rhetor.analyse(seed_text, source="seed"), RenderContext())
    assert first == second
    data = json.loads(first)
    assert (
        data["sides"] and data["claims"] and set(data["matrix"]) == {s["id"] for s in data["sides"]}
    )


def test_integration_pipeline_is_loaded_once(monkeypatch):
    import spacy

    rhetor.analyse("warm the cache")
    calls = []
    monkeypatch.setattr(spacy, "load", lambda *a, **k: calls.append(a))
    for _ in range(3):
        rhetor.analyse("Solidarity forever.")
    assert calls == []


def test_integration_long_text_is_chunked_without_losing_mentions():
    analyser = get_analyser(rhetor.options.AnalyseOptions())
    paragraph = "We stand for fairness and solidarity in every town.\n\n"
    text = paragraph * 40
    whole = analyser.analyse(text)
    analyser.chunk_chars, saved = 500, analyser.chunk_chars
    try:
        chunked = analyser.analyse(text)
    finally:
        analyser.chunk_chars = saved
    assert [(m.start, m.end, m.value) for m in chunked.matches] == [
        (m.start, m.end, m.value) for m in whole.matches
    ]
    assert len(chunked.matches) == 80
    assert chunked.stats == whole.stats

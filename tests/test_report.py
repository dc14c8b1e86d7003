from __future__ import annotations

import json

import pytest

from rhetor.formats import FORMAT_MODULES, OutputFormat, RenderContext, get_formatter
from rhetor.report.model import (
    SCHEMA,
    Mention,
    ModelInfo,
    Report,
    Stats,
    count_values,
    rate_per_1000,
)

SENTENCE = "We will end the injustice of poverty pay and stand for fairness."


def mention(value, polarity, word, negated=False):
    start = SENTENCE.index(word)
    return Mention(value, polarity, negated, word, start, start + len(word), SENTENCE, 0)


@pytest.fixture
def report():
    matches = (mention("fairness", "vice", "injustice"), mention("fairness", "virtue", "fairness"))
    stats = Stats(characters=len(SENTENCE), words=12, sentences=1)
    return Report(
        source="speech.txt",
        model=ModelInfo("en_test", "1.0"),
        stats=stats,
        values=count_values(matches, ("democracy", "fairness"), stats.words),
        matches=matches,
    )


def test_report_count_values_keeps_every_value_in_order(report):
    rows = {row.value: row for row in report.values}
    assert list(rows) == ["democracy", "fairness"]
    assert (rows["fairness"].mentions, rows["fairness"].virtue, rows["fairness"].vice) == (2, 1, 1)
    assert rows["democracy"].mentions == 0
    assert rows["fairness"].per_1000_words == pytest.approx(166.67)


@pytest.mark.parametrize("count,words,rate", [(1, 0, 0.0), (3, 1000, 3.0), (1, 3, 333.33)])
def test_report_rate_per_1000(count, words, rate):
    assert rate_per_1000(count, words) == rate


def test_report_to_dict_has_the_documented_schema(report):
    data = report.to_dict()
    assert list(data) == [
        "schema",
        "source",
        "model",
        "stats",
        "values",
        "matches",
        "confidence_threshold",
        "sides",
        "claims",
        "matrix",
    ]
    assert data["schema"] == SCHEMA
    assert set(data["matches"][0]) == {
        "value",
        "polarity",
        "negated",
        "text",
        "start",
        "end",
        "sentence",
    }
    assert set(data["values"][0]) == {
        "value",
        "mentions",
        "virtue",
        "vice",
        "negated",
        "per_1000_words",
    }


def test_report_formats_cover_the_enum():
    assert set(FORMAT_MODULES) == set(OutputFormat)
    for fmt in OutputFormat:
        assert hasattr(get_formatter(fmt), "render")


def test_report_json_format_is_the_dict_and_deterministic(report):
    fmt = get_formatter(OutputFormat.json)
    text = fmt.render(report, RenderContext())
    assert json.loads(text) == report.to_dict()
    assert text == fmt.render(report, RenderContext())


def test_report_terminal_format_brackets_matches_without_colour(report):
    text = get_formatter(OutputFormat.terminal).render(report, RenderContext(color=False))
    assert "[injustice]" in text and "[fairness]" in text
    assert "\x1b[" not in text
    assert "speech.txt" in text and "Values invoked" in text


def test_report_terminal_format_uses_colour_when_asked(report):
    text = get_formatter(OutputFormat.terminal).render(report, RenderContext(color=True))
    assert "\x1b[" in text
    assert "[fairness]" not in text


MODAL_TEXT = "Ministers claim that the unions betrayed solidarity."


def modal_report(modality: str) -> Report:
    from rhetor.report.model import Claim, HolderRef, Side

    start = MODAL_TEXT.index("solidarity")
    end = start + len("solidarity")
    reporter = HolderRef("Ministers", 0, 9) if modality == "reported" else None
    claim = Claim(
        "solidarity", "unions", "opposes", "virtue", "solidarity", start, end, MODAL_TEXT,
        HolderRef("unions", 25, 31), "betray", "verb", 0, modality, reporter,
    )  # fmt: skip
    match = Mention("solidarity", "virtue", False, "solidarity", start, end, MODAL_TEXT, 0)
    stats = Stats(characters=len(MODAL_TEXT), words=7, sentences=1)
    return Report(
        source=None,
        model=ModelInfo("en_test", "1.0"),
        stats=stats,
        values=count_values((match,), ("solidarity",), stats.words),
        matches=(match,),
        sides=(Side("unions", "unions", ("unions",), 1, False),),
        claims=(claim,),
    )


@pytest.mark.parametrize(
    ("modality", "shown"),
    [
        ("reported", "reported by “Ministers”"),
        ("hypothetical", "hypothetical"),
        ("question", "question"),
    ],
)
@pytest.mark.parametrize("fmt", [OutputFormat.terminal, OutputFormat.markdown, OutputFormat.html])
def test_report_formats_show_a_modality_that_is_not_asserted(fmt, modality, shown):
    text = get_formatter(fmt).render(modal_report(modality), RenderContext(text=MODAL_TEXT))
    assert shown in text
    plain = get_formatter(fmt).render(modal_report("asserted"), RenderContext(text=MODAL_TEXT))
    assert "reported by" not in plain and "· asserted" not in plain and "[asserted]" not in plain


def test_report_json_claim_carries_modality_and_reporter():
    data = json.loads(
        get_formatter(OutputFormat.json).render(modal_report("reported"), RenderContext())
    )
    claim = data["claims"][0]
    assert data["schema"] == "rhetor.report/1"
    assert claim["modality"] == "reported"
    assert claim["reported_by"] == {"text": "Ministers", "start": 0, "end": 9}
    asserted = modal_report("asserted").claims[0].to_dict()
    assert asserted["modality"] == "asserted" and asserted["reported_by"] is None

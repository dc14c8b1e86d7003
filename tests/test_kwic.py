"""Keyword in context, on hand-built reports (no model) and through the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rhetor.cli import app
from rhetor.corpus.kwic import FIELDS, context, kwic_lines, to_csv
from rhetor.report.model import Claim, Mention, ModelInfo, Report, Stats, count_values
from tests.conftest import SEED, needs_model

TEXT = "They claim to stand for fairness. We built our solidarity and fairness together."


def mention(word, value, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Mention(value, "virtue", False, word, start, start + len(word), TEXT, 0)


def claim(m: Mention, side, stance):
    return Claim(m.value, side, stance, "virtue", m.text, m.start, m.end, TEXT, None, None, "t")


@pytest.fixture
def report():
    first, solidarity, second = (
        mention("fairness", "fairness"),
        mention("solidarity", "solidarity"),
        mention("fairness", "fairness", 1),
    )
    matches = (first, solidarity, second)
    claims = (
        claim(first, "them", "appropriates"),
        claim(first, "author", "claims"),
        claim(second, "author", "claims"),
    )
    return Report(
        source=None,
        model=ModelInfo("test", "0"),
        stats=Stats(len(TEXT), 13, 2),
        values=count_values(matches, ("fairness", "solidarity"), 13),
        matches=matches,
        claims=claims,
    )


def test_kwic_one_line_per_claim_and_unclaimed_mention(report):
    lines = kwic_lines(report, TEXT, window=3)
    assert [(x.keyword, x.side, x.stance) for x in lines] == [
        ("fairness", "them", "appropriates"),
        ("fairness", "author", "claims"),
        ("solidarity", None, None),
        ("fairness", "author", "claims"),
    ]
    # three words each side; the full stop touching the keyword is not one of them
    assert (lines[0].left, lines[0].right) == ("to stand for", ". We built our")
    assert all(TEXT[x.start : x.end] == x.keyword for x in lines)


@pytest.mark.parametrize(
    "values,sides,expected",
    [
        (["solidarity"], [], ["solidarity"]),
        ([], ["them"], ["fairness"]),
        (["fairness"], ["author"], ["fairness", "fairness"]),
        (["democracy"], [], []),
    ],
)
def test_kwic_filters(report, values, sides, expected):
    lines = kwic_lines(report, TEXT, values=values, sides=sides)
    assert [x.keyword for x in lines] == expected


@pytest.mark.parametrize(
    "start,end,window,expected",
    [(0, 4, 2, ("", "claim to")), (24, 32, 0, ("", "")), (24, 32, 50, (TEXT[:23], TEXT[32:]))],
)
def test_kwic_context_window(start, end, window, expected):
    left, right = context(TEXT, start, end, window)
    assert (left, right) == (" ".join(expected[0].split()), " ".join(expected[1].split()))


def test_kwic_csv_has_header_and_empty_side(report):
    rows = list(csv.DictReader(io.StringIO(to_csv(kwic_lines(report, TEXT)))))
    assert list(rows[0]) == list(FIELDS)
    assert rows[2]["side"] == "" and rows[2]["keyword"] == "solidarity"


@needs_model
def test_kwic_cli_json_filters_by_value_and_side():
    runner = CliRunner()
    args = ["kwic", str(SEED), "--json", "--value", "fairness", "-s", "labour=we,our,Labour"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    lines = json.loads(result.stdout)
    assert lines and {x["value"] for x in lines} == {"fairness"}
    text = SEED.read_text(encoding="utf-8")
    assert all(text[x["start"] : x["end"]] == x["keyword"] for x in lines)
    only = runner.invoke(app, [*args, "--only-side", "labour"])
    assert {x["side"] for x in json.loads(only.stdout)} == {"labour"}


def test_kwic_cli_unknown_value_and_both_formats_are_errors():
    runner = CliRunner()
    result = runner.invoke(app, ["kwic", str(SEED), "--json", "--csv"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == "rhetor: error: choose one of --json and --csv"
    result = runner.invoke(app, ["kwic", str(SEED), "--value", "kindness", "-m", "blank:en"])
    assert result.exit_code == 2 and "--value 'kindness'" in result.stderr

from __future__ import annotations

import pytest

from rhetor.errors import ConfigError
from rhetor.evaluation.scoring import Evaluation, PassageResult, load_gold, run_gold, score
from rhetor.report.model import Claim, Mention


def result(pid, expected, predicted):
    return PassageResult(pid, frozenset(expected), frozenset(predicted))


def test_evaluate_score_micro_average():
    s = score([(frozenset({1, 2}), frozenset({2, 3})), (frozenset({4}), frozenset({4}))])
    assert (s.true_positives, s.false_positives, s.false_negatives) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)


def test_evaluate_empty_sets_are_perfect():
    assert score([(frozenset(), frozenset())]).f1 == 1.0


def test_evaluate_strict_pairs_and_breakdowns():
    ev = Evaluation(
        "g.yaml",
        (
            result("a", {("fairness", "us", "claims")}, {("fairness", "us", "opposes")}),
            result("b", {("democracy", "them", "opposes")}, {("democracy", "them", "opposes")}),
        ),
    )
    assert ev.strict.true_positives == 1 and ev.strict.false_positives == 1
    assert ev.pairs.f1 == 1.0
    assert ev.by(0)["fairness"].f1 == 0.0 and ev.by(0)["democracy"].f1 == 1.0
    assert list(ev.by(2)) == ["claims", "opposes"]
    data = ev.to_dict()
    assert data["results"][0]["misses"] == [["fairness", "us", "claims"]]
    assert data["results"][0]["false_alarms"] == [["fairness", "us", "opposes"]]


def test_evaluate_load_gold_reads_text_and_file(write, tmp_path):
    write("essay.txt", "We stand for fairness.")
    gold = write(
        "gold.yaml",
        "passages:\n- id: one\n  file: essay.txt\n  sides: {us: [we]}\n"
        "  expect:\n  - [fairness, us, claims]\n- text: hello\n",
    )
    passages = load_gold(gold)
    assert passages[0].text == "We stand for fairness."
    assert passages[0].expected == {("fairness", "us", "claims")}
    assert passages[1].id == "2" and passages[1].expected == frozenset()


@pytest.mark.parametrize(
    "body,message",
    [
        ("passages: 3\n", "'passages' list"),
        ("passages:\n- sides: {}\n", "needs 'text' or 'file'"),
        ("passages:\n- text: x\n  expect: [[a, b, likes]]\n", "stance one of"),
        ("passages:\n- text: x\n  sides: {a: b}\n", "lists of aliases"),
        ("passages: [\n", "malformed YAML"),
    ],
)
def test_evaluate_bad_gold_files(write, body, message):
    with pytest.raises(ConfigError, match=message):
        load_gold(write("gold.yaml", body))


def test_evaluate_run_gold_with_a_stub_analyser(write):
    gold = write(
        "gold.yaml",
        "passages:\n- text: t\n  sides: {us: [we]}\n  expect: [[fairness, us, claims]]\n",
    )

    class Stub:
        claims = (
            Claim("fairness", "us", "claims", "virtue", "f", 0, 1, "t", None, None, "x"),
            Claim("fairness", None, "opposes", "vice", "f", 0, 1, "t", None, None, "y"),
        )
        matches = (
            Mention("fairness", "virtue", False, "f", 0, 1, "t", 0),
            Mention("democracy", "virtue", False, "d", 2, 3, "t", 0),
        )

    seen = []
    ev = run_gold(gold, lambda text, sides: seen.append(sides) or Stub())
    assert seen == [{"us": ["we"]}]
    assert ev.strict.f1 == 1.0
    assert ev.results[0].found_values == {"fairness", "democracy"}
    assert (ev.values.true_positives, ev.values.false_positives) == (1, 1)


@pytest.mark.parametrize(
    "expected,predicted,found,scores",
    [
        # the value found but given to the wrong side: detection is right, attribution wrong
        ({("fairness", "us", "claims")}, {("fairness", "them", "claims")}, {"fairness"}, (1, 0, 0)),
        # a value found with no side at all still counts as detected
        ({("democracy", "us", "claims")}, set(), {"democracy"}, (1, 0, 0)),
        # two triples of one value are one (passage, value) presence
        (
            {("fairness", "us", "claims"), ("fairness", "them", "opposes")},
            set(),
            {"fairness", "mutuality"},
            (1, 1, 0),
        ),
        ({("solidarity", "us", "claims")}, set(), set(), (0, 0, 1)),
    ],
)
def test_evaluate_value_detection_ignores_side_and_stance(expected, predicted, found, scores):
    ev = Evaluation(
        "g.yaml", (PassageResult("a", frozenset(expected), frozenset(predicted), frozenset(found)),)
    )
    s = ev.values
    assert (s.true_positives, s.false_positives, s.false_negatives) == scores
    data = ev.to_dict()
    assert data["values"]["true_positives"] == scores[0]
    assert data["results"][0]["values_missed"] == sorted({t[0] for t in expected} - found)
    assert data["results"][0]["values_extra"] == sorted(found - {t[0] for t in expected})


@pytest.mark.parametrize("json_output", [False, True])
def test_evaluate_cli_reports_the_value_detection_row(write, json_output):
    import json

    from typer.testing import CliRunner

    from rhetor.cli import app

    gold = write(
        "gold.yaml",
        "passages:\n- id: p1\n  text: Fairness for all, and solidarity.\n"
        "  sides: {us: [we]}\n  expect: [[fairness, them, claims]]\n",
    )
    args = ["evaluate", str(gold), "--model", "blank:en"] + (["--json"] if json_output else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    if json_output:
        values = json.loads(result.stdout)["values"]
        assert (values["true_positives"], values["false_positives"]) == (1, 1)
    else:
        assert "values (passage, value)" in result.stdout
        assert "value extra  solidarity" in result.stdout


def test_evaluate_table_says_no_predictions_instead_of_a_perfect_precision():
    from rhetor.formats import RenderContext
    from rhetor.formats.evaluation import render_evaluation

    ev = Evaluation("g.yaml", (result("a", {("fairness", "us", "claims")}, set()),))
    assert ev.strict.precision == 1.0  # the score's convention: nothing predicted, nothing wrong
    shown = render_evaluation(ev, RenderContext(width=100))
    strict = next(line for line in shown.splitlines() if "strict (value, side, stance)" in line)
    assert "no predictions" in strict and "1.000" not in strict
    assert "0.000" in strict  # recall and F1: nothing found
    empty = Evaluation("g.yaml", (result("a", set(), set()),))
    strict = next(
        line
        for line in render_evaluation(empty, RenderContext(width=100)).splitlines()
        if "strict" in line
    )
    assert "no predictions" in strict and "no gold" in strict and "1.000" not in strict

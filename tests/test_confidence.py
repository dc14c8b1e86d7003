"""The confidence model: claim features, scoring, counted claims, calibration tables.

Claims are built by hand: nothing here parses text.
"""

from __future__ import annotations

import math

import pytest

from rhetor.confidence import ConfidenceModel, claim_features, default_model, score_report
from rhetor.evaluation.calibration import reliability, threshold_table
from rhetor.evaluation.scoring import PassageResult
from rhetor.report.model import Claim, HolderRef, ModelInfo, Report, Side, Stats

SENTENCE = "We will make the tax system fairer, and they oppose it."


def _claim(side="labour", stance="claims", rule="verb", holder=("We", 0), cue=None, **extra):
    ref = HolderRef(holder[0], holder[1], holder[1] + len(holder[0])) if holder else None
    return Claim(
        value="fairness",
        side=side,
        stance=stance,
        polarity="virtue",
        text="fairer",
        start=28,
        end=34,
        sentence=SENTENCE,
        holder=ref,
        cue=cue,
        rule=rule,
        **extra,
    )


def _report(*claims):
    sides = (
        Side("labour", "Labour", ("we", "us", "our", "Labour"), 1, False),
        Side("conservatives", "Conservatives", ("Tories",), 0, False),
    )
    return Report(
        source=None,
        model=ModelInfo("test", "0"),
        stats=Stats(characters=len(SENTENCE), words=11, sentences=1),
        values=(),
        matches=(),
        sides=sides,
        claims=tuple(claims),
    )


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (_claim(), {"role=first-person", "holder=first-person", "distance=clause"}),
        (_claim(side="conservatives"), {"role=other", "role*stance=other*claims"}),
        (_claim(side=None, holder=None, rule="unattributed"), {"role=none", "holder=none"}),
        (_claim(rule="default-author", holder=None), {"holder=fallback", "distance=none"}),
        (_claim(holder=("they", 40)), {"holder=pronoun", "distance=near"}),
        (_claim(cue="not support"), {"cue=negated"}),
        (_claim(cue="support"), {"cue=word"}),
    ],
)
def test_confidence_features_name_what_the_rules_know(claim, expected):
    features = set(claim_features(claim, author="labour"))
    assert expected <= features


def test_confidence_features_holder_in_another_sentence():
    claim = _claim(holder=("Labour", 0), sentence_start=60)
    assert "distance=other-sentence" in claim_features(claim, author="labour")


@pytest.mark.parametrize(
    ("weights", "features", "expected"),
    [
        ({}, [], 0.5),
        ({"a": math.log(3)}, ["a"], 0.75),
        ({"a": -50.0}, ["a", "unknown"], 1 / (1 + math.exp(50))),
    ],
)
def test_confidence_model_probability_is_logistic(weights, features, expected):
    model = ConfidenceModel(intercept=0.0, weights=weights)
    assert model.probability(features) == pytest.approx(expected)


def test_confidence_score_report_sets_confidence_and_counted():
    model = ConfidenceModel(intercept=0.0, weights={"role=other": -2.0}, threshold=0.4)
    report = score_report(_report(_claim(), _claim(side="conservatives")), model=model)
    ours, theirs = report.claims
    assert ours.confidence == 0.5 and ours.counted
    assert theirs.confidence == pytest.approx(0.119) and not theirs.counted
    assert report.confidence_threshold == 0.4
    # the matrix counts only what holds; the uncounted claim stays in the claims
    assert report.matrix["labour"]["fairness"]["claims"] == 1
    assert report.matrix["conservatives"].get("fairness", {}).get("claims", 0) == 0
    assert report.to_dict()["claims"][1]["counted"] is False


def test_confidence_threshold_given_overrides_the_model():
    model = ConfidenceModel(intercept=0.0, threshold=0.9)
    report = score_report(_report(_claim()), threshold=0.5, model=model)
    assert report.claims[0].counted and report.confidence_threshold == 0.5


def test_confidence_shipped_model_is_readable_data():
    model = default_model()
    assert 0.0 <= model.threshold < 1.0
    assert model.quote_threshold is not None and model.threshold < model.quote_threshold < 1.0
    assert model.weights and all(isinstance(w, float) for w in model.weights.values())
    assert model.about["fitted_by"].startswith("benchmarks/fit_confidence.py")


def _result(expected, candidates):
    return PassageResult("p", frozenset(expected), frozenset(), frozenset(), tuple(candidates))


RIGHT = ("fairness", "labour", "claims")
WRONG = ("fairness", "conservatives", "opposes")


def test_calibration_threshold_table_counts_triples_at_or_above():
    results = [_result([RIGHT], [(RIGHT, 0.9), (WRONG, 0.4)])]
    rows = dict(threshold_table(results, (0.0, 0.5, 0.95)))
    assert (rows[0.0].true_positives, rows[0.0].false_positives) == (1, 1)
    assert (rows[0.5].true_positives, rows[0.5].false_positives) == (1, 0)
    assert (rows[0.95].true_positives, rows[0.95].false_negatives) == (0, 1)


def test_calibration_reliability_and_ece():
    results = [_result([RIGHT], [(RIGHT, 0.95), (WRONG, 0.95)])]
    bins, ece = reliability(results)
    assert len(bins) == 1 and bins[0].triples == 2 and bins[0].share_right == 0.5
    assert ece == pytest.approx(0.45)

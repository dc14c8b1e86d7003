"""Measure value detection and attribution against hand-annotated passages.

A gold file (format in ``docs/evaluation.md``) lists passages, each with
``text`` or ``file`` (relative to the gold file), ``sides`` (name -> aliases)
and the expected ``[value, side, stance]`` triples. Scoring is pure Python;
only :func:`run_gold` parses text.

Three levels are scored: strict triples, (value, side) pairs, and value
detection alone: (passage, value) presence, where a value is expected when any
gold triple names it and found when rhetor reports any mention of it, whoever
holds it. The last tells lexicon work (was the value found at all?) apart from
attribution work (whose is it, and how?).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhetor.evaluation.goldfile import Passage, Triple
from rhetor.evaluation.goldfile import load_gold as _load
from rhetor.report.model import STANCES


@dataclass(frozen=True)
class PassageResult:
    id: str
    expected: frozenset[Triple]
    predicted: frozenset[Triple]
    # Values with any mention in the passage, held by a side or not.
    found_values: frozenset[str] = frozenset()
    # Every triple a claim proposed, counted or not, with the highest confidence of
    # the claims that proposed it (for the threshold and calibration tables).
    candidates: tuple[tuple[Triple, float], ...] = ()
    # Values the gold says the passage invokes with no side holding them
    unheld_values: frozenset[str] = frozenset()

    @property
    def expected_values(self) -> frozenset[str]:
        return frozenset(t[0] for t in self.expected) | self.unheld_values

    @property
    def missed_values(self) -> list[str]:
        return sorted(self.expected_values - self.found_values)

    @property
    def extra_values(self) -> list[str]:
        return sorted(self.found_values - self.expected_values)

    @property
    def misses(self) -> list[Triple]:
        return sorted(self.expected - self.predicted)

    @property
    def false_alarms(self) -> list[Triple]:
        return sorted(self.predicted - self.expected)


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


def score(pairs: Iterable[tuple[frozenset, frozenset]]) -> Score:
    """Micro-averaged score over (expected, predicted) sets, one pair per passage."""
    tp = fp = fn = 0
    for expected, predicted in pairs:
        tp += len(expected & predicted)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    return Score(tp, fp, fn)


def _project(
    triples: frozenset[Triple],
    keep: Callable[[Triple], bool] = lambda t: True,
    key: Callable[[Triple], tuple] = lambda t: t,
) -> frozenset:
    return frozenset(key(t) for t in triples if keep(t))


@dataclass(frozen=True)
class Evaluation:
    source: str
    results: tuple[PassageResult, ...]
    strict: Score = field(init=False)
    pairs: Score = field(init=False)
    values: Score = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "strict", score((r.expected, r.predicted) for r in self.results))
        object.__setattr__(
            self,
            "pairs",
            score(
                (
                    _project(r.expected, key=lambda t: t[:2]),
                    _project(r.predicted, key=lambda t: t[:2]),
                )
                for r in self.results
            ),
        )
        object.__setattr__(
            self, "values", score((r.expected_values, r.found_values) for r in self.results)
        )

    def by(self, position: int) -> dict[str, Score]:
        """Strict scores restricted to one value (position 0) or one stance (position 2)."""
        names = sorted({t[position] for r in self.results for t in r.expected | r.predicted})
        if position == 2:
            names = [s for s in STANCES if s in names]
        return {
            name: score(
                (
                    _project(r.expected, lambda t, n=name: t[position] == n),
                    _project(r.predicted, lambda t, n=name: t[position] == n),
                )
                for r in self.results
            )
            for name in names
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "rhetor.evaluation/1",
            "source": self.source,
            "passages": len(self.results),
            "strict": self.strict.to_dict(),
            "pairs": self.pairs.to_dict(),
            "values": self.values.to_dict(),
            "per_value": {k: v.to_dict() for k, v in self.by(0).items()},
            "per_stance": {k: v.to_dict() for k, v in self.by(2).items()},
            "results": [
                {
                    "id": r.id,
                    "misses": [list(t) for t in r.misses],
                    "false_alarms": [list(t) for t in r.false_alarms],
                    "values_missed": r.missed_values,
                    "values_extra": r.extra_values,
                }
                for r in self.results
            ],
        }


# -- reading gold files and running them ----------------------------------------------------------


def load_gold(path: str | Path) -> list[Passage]:
    """The passages of a gold file (read and checked by :mod:`rhetor.evaluation.goldfile`)."""
    return _load(path)


def run_gold(path: str | Path, analyse: Callable[..., Any]) -> Evaluation:
    """Analyse every passage with its own sides and compare with the expected triples.

    A passage that is a whole document with checked ``spans`` is analysed whole, in
    place, and only the claims and mentions that start inside a span are scored: an
    error a neighbouring sentence causes counts."""
    results = []
    for passage in load_gold(path):
        if passage.government:
            report = analyse(passage.text, sides=passage.sides, government=passage.government)
        else:
            report = analyse(passage.text, sides=passage.sides or None)
        claims = [c for c in report.claims if _inside(c.start, passage.spans)]
        predicted = frozenset((c.value, c.side, c.stance) for c in claims if c.side and c.counted)
        found = frozenset(m.value for m in report.matches if _inside(m.start, passage.spans))
        best: dict[Triple, float] = {}
        for c in claims:
            if c.side and c.confidence is not None:
                triple = (c.value, c.side, c.stance)
                best[triple] = max(best.get(triple, 0.0), c.confidence)
        results.append(
            PassageResult(
                passage.id,
                passage.expected,
                predicted,
                found,
                tuple(sorted(best.items())),
                passage.values,
            )
        )
    return Evaluation(str(path), tuple(results))


def _inside(start: int, spans) -> bool:
    return not spans or any(low <= start < high for low, high in spans)

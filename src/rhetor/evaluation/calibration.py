"""How well claims' confidences say how often they are right.

Each proposed triple of a passage (the highest confidence of the claims that
proposed it) is right when the gold lists it. Two views:

- :func:`threshold_table`: precision and recall of the triples at or above each
  threshold, as a report would count them;
- :func:`reliability`: the triples in 10 bins of confidence, each bin's mean
  confidence against the share right, and the expected calibration error (ECE):
  the bins' gaps weighted by their share of triples.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rhetor.evaluation.scoring import PassageResult, Score

THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)


def threshold_table(
    results: Sequence[PassageResult], thresholds: Sequence[float] = THRESHOLDS
) -> list[tuple[float, Score]]:
    """(threshold, strict score of the triples at or above it), for each threshold."""
    rows = []
    for cut in thresholds:
        tp = fp = fn = 0
        for r in results:
            kept = {t for t, p in r.candidates if p >= cut}
            tp += len(kept & r.expected)
            fp += len(kept - r.expected)
            fn += len(r.expected - kept)
        rows.append((cut, Score(tp, fp, fn)))
    return rows


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    triples: int
    mean_confidence: float
    share_right: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "high": self.high,
            "triples": self.triples,
            "mean_confidence": round(self.mean_confidence, 4),
            "share_right": round(self.share_right, 4),
        }


def reliability(results: Sequence[PassageResult], bins: int = 10) -> tuple[list[Bin], float]:
    """The reliability table (empty bins left out) and the expected calibration error."""
    scored = [(p, t in r.expected) for r in results for t, p in r.candidates]
    table = []
    error = 0.0
    for k in range(bins):
        low, high = k / bins, (k + 1) / bins
        last = k == bins - 1
        inside = [(p, right) for p, right in scored if low <= p < high or (last and p == 1)]
        if not inside:
            continue
        mean = sum(p for p, _ in inside) / len(inside)
        share = sum(right for _, right in inside) / len(inside)
        table.append(Bin(low, high, len(inside), mean, share))
        error += len(inside) / len(scored) * abs(mean - share)
    return table, error


def calibration_dict(results: Sequence[PassageResult]) -> dict[str, Any]:
    """The threshold table, the reliability table and the ECE, as JSON."""
    table, ece = reliability(results)
    return {
        "thresholds": [
            {"threshold": cut, **score.to_dict()} for cut, score in threshold_table(results)
        ],
        "reliability": [b.to_dict() for b in table],
        "expected_calibration_error": round(ece, 4),
        "triples_scored": sum(len(r.candidates) for r in results),
    }

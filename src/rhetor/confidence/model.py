"""The confidence model: a logistic model over claim features, read from data.

``coefficients.yaml`` (written by ``benchmarks/fit_confidence.py``) holds the
intercept, one weight per feature (a feature it does not list weighs 0), the
default threshold and how both were chosen. The probability that a claim is right
is ``1 / (1 + exp(-(intercept + sum of its features' weights)))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from rhetor.confidence.features import claim_features, document_author


@dataclass(frozen=True)
class ConfidenceModel:
    intercept: float
    weights: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.5
    # the threshold for quotable claims (cross-validated precision 0.92), for --min-confidence
    quote_threshold: float | None = None
    about: dict = field(default_factory=dict)

    def probability(self, features: list[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    @classmethod
    def from_dict(cls, data: dict) -> ConfidenceModel:
        weights = {str(k): float(v) for k, v in (data.get("weights") or {}).items()}
        return cls(
            intercept=float(data["intercept"]),
            weights=weights,
            threshold=float(data.get("threshold", 0.5)),
            quote_threshold=(
                float(data["quote_threshold"]) if data.get("quote_threshold") is not None else None
            ),
            about=dict(data.get("about") or {}),
        )


@lru_cache(maxsize=1)
def default_model() -> ConfidenceModel:
    """The shipped model (``rhetor/confidence/coefficients.yaml``)."""
    import yaml

    text = (resources.files("rhetor.confidence") / "coefficients.yaml").read_text("utf-8")
    return ConfidenceModel.from_dict(yaml.safe_load(text))


def score_report(report, threshold: float | None = None, model: ConfidenceModel | None = None):
    """The report with each claim's ``confidence`` and ``counted`` set.

    ``threshold`` (default: the model's) decides which claims count: those whose
    confidence is at or above it."""
    model = model or default_model()
    cut = model.threshold if threshold is None else threshold
    author = document_author(report.sides)
    negated = {(m.start, m.end) for m in report.matches if m.negated}
    claims = []
    for claim in report.claims:
        features = claim_features(claim, author, (claim.start, claim.end) in negated)
        p = round(model.probability(features), 3)
        claims.append(replace(claim, confidence=p, counted=p >= cut))
    return replace(report, claims=tuple(claims), confidence_threshold=cut)

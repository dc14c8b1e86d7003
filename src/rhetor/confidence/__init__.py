"""Confidence: how likely each claim the rules propose is right.

The attribution rules propose claims; a small logistic model, fitted on annotated
real text the rules were not tuned on (``benchmarks/fit_confidence.py``), gives each
its estimated probability of being right. Reports count the claims at or above a
threshold; the others stay in the JSON and the evidence, marked uncertain.

- :mod:`.features`: what the rules already know of a claim, as named features;
- :mod:`.model`: the shipped coefficients (``coefficients.yaml``) and scoring.

Pure Python: no spaCy, no NumPy at run time.
"""

from rhetor.confidence.features import claim_features, document_author
from rhetor.confidence.model import ConfidenceModel, default_model, score_report

__all__ = [
    "ConfidenceModel",
    "claim_features",
    "default_model",
    "document_author",
    "score_report",
]
